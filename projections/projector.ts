import { ConfigError } from '../core/errors/troupe-error.js';
import type { EventLog } from '../core/log/event-log.js';
import { ProjectionRunner, type ProjectionRunnerOptions } from './projection.runner.js';
import type { Projection } from './projection.types.js';

/** A projection whose store other instances may write too (PostgreSQL's storeconfigs): its checkpoint can move under it. */
export interface SharedProjection extends Projection {
  /** Reads the checkpoint again from the store and takes it as its own; resolves with it. */
  refresh(): Promise<number>;
}

/** Options of {@link Projector}; defaults in {@link DEFAULT_PROJECTOR_OPTIONS}. */
export interface ProjectorOptions extends ProjectionRunnerOptions {
  /**
   * While another instance projects: how often the shared checkpoint is
   * read, for this instance's queue depth (`onFollow`).
   * @defaultValue 500
   */
  readonly followEveryMs?: number;
  /** The shared checkpoint as last read while following. */
  readonly onFollow?: (position: number) => void;
  /** A read of the shared checkpoint failed (tried again at the next tick). */
  readonly onFollowError?: (error: unknown) => void;
}

export const DEFAULT_PROJECTOR_OPTIONS = { followEveryMs: 500 } as const satisfies ProjectorOptions;

/**
 * One projector for several instances: the projection runs here only
 * while this instance is told to project (`project(true)`: it is the
 * fleet's leader), from the shared checkpoint as it stands then; the
 * others read no event for it and only follow the checkpoint. A hand-over
 * that overlaps (the old projector's last batch while the new one starts)
 * applies nothing twice: each batch's transaction takes the projection's
 * lock and skips what the checkpoint already covers.
 */
export class Projector {
  private runner: ProjectionRunner | undefined;
  private follower: NodeJS.Timeout | undefined;
  private switching: Promise<void> = Promise.resolve();
  private closed = false;
  private followed: number;
  private readonly followEveryMs: number;

  constructor(
    private readonly log: Pick<EventLog, 'subscribe'>,
    private readonly projection: SharedProjection,
    private readonly options: ProjectorOptions = {},
  ) {
    this.followEveryMs = options.followEveryMs ?? DEFAULT_PROJECTOR_OPTIONS.followEveryMs;
    if (!Number.isInteger(this.followEveryMs) || this.followEveryMs < 1) throw new ConfigError('followEveryMs', 'must be a positive integer');
    this.followed = projection.checkpoint;
  }

  /** Whether this instance projects now. */
  get projecting(): boolean {
    return this.runner !== undefined;
  }

  /** The checkpoint: this instance's runner's, or the shared one as last read. */
  get position(): number {
    return this.runner?.position ?? this.followed;
  }

  /** The runner while projecting (its health and failure), else undefined. */
  get running(): ProjectionRunner | undefined {
    return this.runner;
  }

  /** Projects (true) or follows (false) from now on; switches one at a time, in the order asked. */
  project(on: boolean): Promise<void> {
    this.switching = this.switching.then(() => (on ? this.lead() : this.follow())).catch((e: unknown) => this.options.onFollowError?.(e));
    return this.switching;
  }

  private async lead(): Promise<void> {
    if (this.runner || this.closed) return;
    clearInterval(this.follower);
    this.follower = undefined;
    // Where the last projector left it: the runner subscribes from the projection's checkpoint. Should that read
    // fail, from the one known here: the batches the shared checkpoint covers are read again and skipped.
    await this.projection.refresh().catch((e: unknown) => this.options.onFollowError?.(e));
    this.runner = new ProjectionRunner(this.log, this.projection, this.options);
  }

  private async follow(): Promise<void> {
    if (this.closed) return;
    const runner = this.runner;
    this.runner = undefined;
    if (runner) {
      await runner.stop();
      this.followed = runner.position;
    }
    if (!this.closed) this.follower ??= setInterval(() => void this.readShared(), this.followEveryMs);
  }

  private async readShared(): Promise<void> {
    try {
      this.followed = await this.projection.refresh();
      this.options.onFollow?.(this.followed);
    } catch (e) {
      this.options.onFollowError?.(e);
    }
  }

  /** Stops projecting or following; the projection stays open. */
  async stop(): Promise<void> {
    this.closed = true;
    await this.switching;
    clearInterval(this.follower);
    await this.runner?.stop();
  }
}
