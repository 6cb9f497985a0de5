import type { Worker } from 'node:worker_threads';
import type { BackgroundCompiles } from '../../../actors/compile/background-compiles.js';
import { BackgroundLane, type LaneRouting } from '../../../actors/compile/background-lane.js';
import type { CompileOutcome, CompileSubject } from '../../../actors/compile/compile-step.js';
import type { CompileWork } from '../../../actors/node/node.messages.js';
import { startModuleWorker } from '../../../core/threads/module-worker.js';
import { fromWire } from '../../cluster/wire-event.js';
import type { TroupeConfig } from '../../config/troupe.config.js';
import type { BackgroundCompileThreadData, FromBackgroundThread, ToBackgroundThread } from './background-compile.messages.js';

type Input = { readonly state: CompileSubject; readonly work: CompileWork };

export interface BackgroundCompileThreadOptions {
  /** The process's configuration (the builtin compiler's, storeconfigs'); the thread always compiles with the built-in. */
  readonly config: TroupeConfig;
  /** Added to the thread's nice value (Linux only; 19 is the lowest CPU priority). @defaultValue 19 */
  readonly nice?: number;
  /**
   * Background compiles handed to the thread at once: one compiling, one
   * ready behind it; the rest wait in the {@link BackgroundLane}'s pool.
   * @defaultValue 2
   */
  readonly slots?: number;
  /** A compile's code directory, read when it takes a slot (staged rollouts), as the process's own compile step does. @defaultValue the environment's own */
  readonly codeDirOf?: (environment: string, certname: string, position: number) => Promise<string | undefined>;
  /** Which compiles the thread takes (`--compiler auto`: the built-in's). @defaultValue all */
  readonly routing?: LaneRouting;
  /**
   * Compiles `input` in the process itself: used when the thread has failed
   * (it could not start, it died), or `routing` left the compile to the
   * process, so a background compile is never lost.
   */
  readonly fallback: (input: Input, id: string) => Promise<CompileOutcome>;
  /** After the thread failed, compiles fall back for this long before it is started again. @defaultValue 5000 */
  readonly restartDelayMs?: number;
}

export const DEFAULT_BACKGROUND_COMPILE_THREAD_OPTIONS = { nice: 19, slots: 2, restartDelayMs: 5000 } as const;

interface Call {
  resolve(o: CompileOutcome): void;
  reject(e: Error): void;
}

/**
 * Background compiles (a deployment's, a dependency's) of this process on
 * a thread at nice 19 (background-compile.worker.ts), so they take only
 * CPU nobody else wants: an agent's compile on the process's own thread,
 * and the primary's threads that answer agents, get a core at once, while
 * a deployment still uses every idle cycle. Priority order and bounds are
 * the {@link CompilePool}'s. The thread starts on `prestart` or the first
 * compile; if it fails, its compiles in flight and those of the next
 * `restartDelayMs` run in the process instead (`fallback`).
 */
export class BackgroundCompileThread implements BackgroundCompiles {
  private readonly o: Required<Omit<BackgroundCompileThreadOptions, 'codeDirOf' | 'routing'>>;
  private readonly lane: BackgroundLane;
  private worker: Worker | undefined;
  private ready: Promise<Worker> | undefined;
  private readonly calls = new Map<number, Call>();
  private nextId = 0;
  private failedAt = -Infinity;
  private closed = false;
  /** The thread's nice value as it reported it (null: unchanged, e.g. not Linux). */
  niceValue: number | null = null;

  constructor(options: BackgroundCompileThreadOptions) {
    this.o = { ...DEFAULT_BACKGROUND_COMPILE_THREAD_OPTIONS, ...options };
    this.lane = new BackgroundLane({
      slots: this.o.slots, fallback: this.o.fallback,
      ...(options.codeDirOf ? { codeDirOf: options.codeDirOf } : {}), ...(options.routing ? { routing: options.routing } : {}),
      compile: ({ state, work }, id, at) => this.call({ type: 'compile', callId: ++this.nextId, eventId: id, state, work, ...at }),
    });
  }

  get load(): { readonly active: number; readonly queued: number } {
    return this.lane.load;
  }

  outcome(input: Input, id: string): Promise<CompileOutcome> {
    return this.lane.outcome(input, id);
  }

  /**
   * Starts the thread now rather than with the first background compile,
   * so a deployment does not wait for it to load; a failure only means
   * the first compiles fall back, as when the thread dies.
   */
  prestart(): void {
    this.start().catch(() => undefined);
  }

  invalidate(environment?: string): void {
    this.worker?.postMessage({ type: 'invalidate', ...(environment === undefined ? {} : { environment }) } satisfies ToBackgroundThread);
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.stopped(new Error('the background compile thread is closing'));
    await worker?.terminate();
  }

  private async call(m: Extract<ToBackgroundThread, { type: 'compile' }>): Promise<CompileOutcome> {
    const worker = await this.start();
    return new Promise<CompileOutcome>((resolve, reject) => {
      this.calls.set(m.callId, { resolve, reject });
      worker.postMessage(m);
    });
  }

  private start(): Promise<Worker> {
    if (this.closed) return Promise.reject(new Error('the background compile thread is closed'));
    if (performance.now() - this.failedAt < this.o.restartDelayMs) return Promise.reject(new Error('the background compile thread failed recently'));
    return (this.ready ??= new Promise<Worker>((resolve, reject) => {
      const data: BackgroundCompileThreadData = { config: this.o.config, nice: this.o.nice, slots: this.o.slots };
      const worker = startModuleWorker(import.meta.url, 'background-compile.worker', data);
      this.worker = worker;
      worker.on('message', (m: FromBackgroundThread) => {
        if (m.type === 'ready') {
          this.niceValue = m.nice;
          resolve(worker);
        }
        if (m.type === 'compiled') this.answer(m);
      });
      const fail = (e: Error): void => {
        if (this.worker !== worker) return;
        this.failedAt = performance.now();
        this.stopped(e);
        reject(e);
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`the background compile thread exited (code ${code})`)));
    }));
  }

  private answer(m: Extract<FromBackgroundThread, { type: 'compiled' }>): void {
    const call = this.calls.get(m.callId);
    this.calls.delete(m.callId);
    call?.resolve({ event: fromWire(m.wire), hash: m.hash });
  }

  /** Forgets the thread; its compiles in flight fail, and so fall back to the process. */
  private stopped(e: Error): void {
    this.worker = undefined;
    this.ready = undefined;
    for (const call of this.calls.values()) call.reject(e);
    this.calls.clear();
  }
}
