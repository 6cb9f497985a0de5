import type { CheckpointStore } from '../../core/log/checkpoint-store.js';
import type { FleetCheckpointStore } from '../../core/lease/fleet-checkpoint-store.js';
import type { ShardLease } from '../../core/lease/lease-plan.js';

/**
 * One leadership's view of the fleet-wide checkpoints: read once when it
 * starts, then kept in memory (the services read and write checkpoints
 * synchronously) and written behind to the shared store under the
 * leader's lease. Bounded: at most one save in flight and, waiting, the
 * newest position of each name (a handful of names). A failed save is
 * retried with the next `set` or `flush`; a refused one (the lease is
 * gone) stops all writing: the next leader's checkpoints are its own.
 */
export class FencedCheckpoints implements CheckpointStore {
  private readonly positions: Map<string, number>;
  private waiting = new Map<string, number>();
  private saving: Promise<void> | undefined;
  private fenced = false;

  private constructor(private readonly store: FleetCheckpointStore, readonly lease: ShardLease, loaded: ReadonlyMap<string, number>, private readonly onError: (err: unknown) => void) {
    this.positions = new Map(loaded);
  }

  /** Reads the shared checkpoints for a leadership that starts now. */
  static async open(store: FleetCheckpointStore, lease: ShardLease, onError: (err: unknown) => void): Promise<FencedCheckpoints> {
    return new FencedCheckpoints(store, lease, await store.load(), onError);
  }

  /** True once the store refused a save: this leadership is over. */
  get refused(): boolean {
    return this.fenced;
  }

  get(name: string): number {
    return this.positions.get(name) ?? 0;
  }

  set(name: string, position: number): void {
    this.positions.set(name, position);
    if (this.fenced) return;
    this.waiting.set(name, position);
    void this.save();
  }

  /** Resolves when every position set so far has been saved, refused, or failed (then logged). */
  async flush(): Promise<void> {
    await this.saving;
    if (this.waiting.size > 0) await this.save();
  }

  /** Nothing to release: the shared store belongs to the instance. */
  close(): void {}

  private save(): Promise<void> {
    this.saving ??= (async () => {
      try {
        while (this.waiting.size > 0 && !this.fenced) {
          const batch = this.waiting;
          this.waiting = new Map();
          try {
            if (!await this.store.save(this.lease, batch)) this.fenced = true;
          } catch (e) {
            // Put back what no newer set replaced; the next set or flush tries again.
            for (const [name, position] of batch) if (!this.waiting.has(name)) this.waiting.set(name, position);
            this.onError(e);
            return;
          }
        }
      } finally {
        this.saving = undefined;
      }
    })();
    return this.saving;
  }
}
