import { sameLeadership } from '../../core/lease/fleet-leader.js';
import type { ShardLease } from '../../core/lease/lease-plan.js';

export interface LeaderRoleOptions<S> {
  /** Starts the fleet-wide services for a leadership gained under `lease`. */
  readonly start: (lease: ShardLease) => Promise<S>;
  /** Stops them (waits for a batch under way: none is left half done). */
  readonly stop: (services: S, lease: ShardLease) => Promise<void>;
  /** A start or stop that failed: a failed start is tried again after `retryMs` while the lease is held; a failed stop counts as stopped. */
  readonly onError: (err: unknown) => void;
  /** @defaultValue 1_000 */
  readonly retryMs?: number;
}

/**
 * Runs the fleet-wide services while this instance leads. `observe` is
 * told the leader lease after every change of leases; the role settles
 * one step at a time toward the newest one (stop the old leadership's
 * services, then start the new one's), so services of two leaderships
 * never run together here and a change while settling is never lost —
 * only skipped over when a newer one replaced it.
 */
export class LeaderRole<S> {
  private wanted: ShardLease | undefined;
  private current: { readonly lease: ShardLease; readonly services: S } | undefined;
  private settling: Promise<void> | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly o: LeaderRoleOptions<S>) {}

  /** The leader lease held now (undefined: not leading). */
  observe(lease: ShardLease | undefined): void {
    if (this.closed) return;
    this.wanted = lease;
    void this.settle();
  }

  /** The lease this instance leads under with its services running; undefined while not, or starting, or stopping. */
  get leading(): ShardLease | undefined {
    return this.current !== undefined && sameLeadership(this.current.lease, this.wanted) ? this.current.lease : undefined;
  }

  /** The running services (also while they are being replaced). */
  get services(): S | undefined {
    return this.current?.services;
  }

  /** Resolves once the services match the newest lease observed (or a start failed). */
  async settled(): Promise<void> {
    await this.settling;
  }

  /** Stops the services for good. */
  async close(): Promise<void> {
    this.closed = true;
    this.wanted = undefined;
    clearTimeout(this.retry);
    await this.settle();
  }

  private settle(): Promise<void> {
    this.settling ??= (async () => {
      // Yield first: `settling` must be set before the loop can end and clear it.
      await null;
      try {
        while (!sameLeadership(this.current?.lease, this.wanted)) {
          if (this.current) {
            const { lease, services } = this.current;
            await this.o.stop(services, lease).catch(this.o.onError);
            this.current = undefined;
            continue;
          }
          const lease = this.wanted!;
          try {
            this.current = { lease, services: await this.o.start(lease) };
          } catch (e) {
            this.o.onError(e);
            this.scheduleRetry();
            return;
          }
        }
      } finally {
        this.settling = undefined;
      }
    })();
    return this.settling;
  }

  private scheduleRetry(): void {
    clearTimeout(this.retry);
    if (this.closed) return;
    this.retry = setTimeout(() => { void this.settle(); }, this.o.retryMs ?? 1_000);
    this.retry.unref();
  }
}
