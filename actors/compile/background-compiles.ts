import type { CompileWork } from '../node/node.messages.js';
import type { CompileOutcome, CompileSubject } from './compile-step.js';

/**
 * Where a process runs its background compiles (priority below 0: a
 * deployment's, a dependency's) when it has a lane of their own, e.g. a
 * thread at a low CPU priority (ops/app/compile/background-compile-thread.ts):
 * the kernel then gives an agent's compile and the threads that answer
 * agents the CPU at once, and the background lane takes what is left.
 * `outcome` never rejects for the lane's own failures: it compiles on the
 * process's own pool instead, so nothing is lost.
 */
export interface BackgroundCompiles {
  outcome(input: { readonly state: CompileSubject; readonly work: CompileWork }, id: string): Promise<CompileOutcome>;
  /** Drops the lane's cached code for an environment (after `code_deployed`), as the process's compiler does. */
  invalidate(environment?: string): void;
  /** Background compiles running and waiting in the lane. */
  readonly load: { readonly active: number; readonly queued: number };
  close(): Promise<void>;
}

/** Whether `work` is background work, which runs on a process's background lane when it has one. */
export const isBackground = (work: Pick<CompileWork, 'priority'>): boolean => work.priority < 0;
