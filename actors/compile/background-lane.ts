import type { BackendChoice } from '../../core/compiler/catalog-compiler.js';
import type { CompileWork } from '../node/node.messages.js';
import { CompilePool } from './compile-pool.js';
import type { CompileOutcome, CompileSubject } from './compile-step.js';

type Input = { readonly state: CompileSubject; readonly work: CompileWork };

/**
 * Which background compiles a lane takes, when its compiler is not the
 * process's own: with `--compiler auto` the lane has only the built-in, so
 * it takes a code version only while auto's decision for it is the
 * built-in, and gives back what the built-in turned out not to implement.
 */
export interface LaneRouting {
  /**
   * Whether the lane compiles this environment at this code version
   * (`codeDir`, undefined: the environment's own): the choice its outcome
   * names (as auto's own compiles do), or undefined to leave it to the process.
   */
  accepts(environment: string, codeDir: string | undefined): Promise<BackendChoice | undefined>;
  /** Whether the lane's outcome is not the answer, and the process compiles the work again. */
  redo(outcome: CompileOutcome): boolean;
  /** Told of each outcome the lane's answer stands as (e.g. to offer its catalog to `--verify-sample`). @defaultValue nothing */
  answered?(input: Input, codeDir: string | undefined, outcome: CompileOutcome): void;
}

export interface BackgroundLaneOptions {
  /**
   * Background compiles handed to the lane at once; the rest wait here in
   * a {@link CompilePool} (highest priority, then oldest first, `maxQueued`
   * 10,000 as every pool).
   */
  readonly slots: number;
  /** A compile's code directory, read when it takes a slot (staged rollouts), as the process's own compile step does. @defaultValue the environment's own */
  readonly codeDirOf?: (environment: string, certname: string, position: number) => Promise<string | undefined>;
  /** @defaultValue the lane takes every background compile and its outcomes stand */
  readonly routing?: LaneRouting;
  /**
   * Compiles on the lane at `codeDir`, its outcome naming `choice` when
   * given; rejects when the lane failed (not when the compile did: that is an outcome).
   */
  readonly compile: (input: Input, id: string, at: { readonly codeDir?: string; readonly choice?: BackendChoice }) => Promise<CompileOutcome>;
  /** Compiles in the process: what the lane did not take, could not do, or gave back. */
  readonly fallback: (input: Input, id: string) => Promise<CompileOutcome>;
}

/**
 * The queue and routing in front of a background lane: a compile takes a
 * slot, reads its code version then (so a node an abort rolled back
 * meanwhile gets the previous code), and runs on the lane if `routing`
 * accepts that version; otherwise, when the lane fails, or when `routing`
 * gives its outcome back, the slot is freed and the process compiles it
 * (`fallback`). Each compile has exactly one outcome: the lane's or the
 * process's, never both.
 */
export class BackgroundLane {
  private readonly pool: CompilePool;

  constructor(private readonly o: BackgroundLaneOptions) {
    this.pool = new CompilePool({ concurrency: o.slots, backgroundSlots: o.slots });
  }

  get load(): { readonly active: number; readonly queued: number } {
    return { active: this.pool.active, queued: this.pool.queued };
  }

  async outcome(input: Input, id: string): Promise<CompileOutcome> {
    const { work, state } = input;
    const onLane = await this.pool.run(work.priority, async () => {
      const codeDir = await this.o.codeDirOf?.(work.environment, state.certname, work.position);
      const choice = await this.o.routing?.accepts(work.environment, codeDir);
      if (this.o.routing && choice === undefined) return undefined;
      const outcome = await this.o.compile(input, id, { ...(codeDir === undefined ? {} : { codeDir }), ...(choice ? { choice } : {}) });
      if (this.o.routing?.redo(outcome)) return undefined;
      this.o.routing?.answered?.(input, codeDir, outcome);
      return outcome;
    }, work.position).catch(() => undefined);
    return onLane ?? this.o.fallback(input, id);
  }
}
