import type { ShardLease } from '../../core/lease/lease-plan.js';
import type { ShardLeaseStore } from '../../core/lease/shard-lease-store.js';

export interface ShardLeaseKeeperOptions {
  /** This instance's name in the lease table (unique among instances: host and port, say). */
  readonly instance: string;
  /** How long a lease lasts without renewal: how long a crashed instance's shards wait. @defaultValue 10_000 */
  readonly ttlMs?: number;
  /** How often leases are renewed (and free ones taken). @defaultValue ttlMs / 3 */
  readonly renewEveryMs?: number;
  /**
   * Held leases are given up locally this long before they expire in the
   * store, for clock-rate drift and the time a renewal's answer takes.
   * @defaultValue 1_000
   */
  readonly marginMs?: number;
  /** Called when the set of shards this instance holds changes, with the leases (their fencing epochs). */
  readonly onChange?: (held: ReadonlyMap<number, ShardLease>) => void;
  /** Called when a claim fails (the store is unreachable); the keeper retries on its schedule. */
  readonly onError?: (error: unknown) => void;
  /** Monotonic milliseconds. @defaultValue performance.now */
  readonly clock?: () => number;
}

export interface ShardLeaseKeeperStatus {
  readonly instance: string;
  readonly held: number;
  readonly liveInstances: number;
  readonly failedClaims: number;
}

/**
 * Keeps this instance's shard leases: claims at start, renews every
 * `renewEveryMs`, and says which shards it holds. A shard counts as held
 * only until `ttlMs - marginMs` after the claim that renewed it was
 * *sent*: the store's lease started no earlier, so when the store cannot
 * be reached this instance lets go of its shards before any other
 * instance can take them, never after.
 */
export class ShardLeaseKeeper {
  private readonly o: Required<Omit<ShardLeaseKeeperOptions, 'onChange' | 'onError'>> & ShardLeaseKeeperOptions;
  private held = new Map<number, ShardLease>();
  /** What `onChange` was last told. */
  private reported: ReadonlyMap<number, ShardLease> = new Map();
  private validUntil = 0;
  private liveInstances = 0;
  private failedClaims = 0;
  private timer: NodeJS.Timeout | undefined;
  private expiry: NodeJS.Timeout | undefined;
  private closed = false;
  private claiming: Promise<void> = Promise.resolve();

  constructor(private readonly store: ShardLeaseStore, options: ShardLeaseKeeperOptions) {
    const ttlMs = options.ttlMs ?? 10_000;
    this.o = { ttlMs, renewEveryMs: Math.floor(ttlMs / 3), marginMs: 1_000, clock: () => performance.now(), ...options };
    if (this.o.renewEveryMs >= this.o.ttlMs - this.o.marginMs) throw new RangeError('renewEveryMs must be below ttlMs - marginMs, or leases lapse between renewals');
  }

  /** Claims once (resolves after the first claim, held or not), then keeps renewing. */
  async start(): Promise<this> {
    await this.claimNow();
    this.timer = setInterval(() => { void this.claimNow(); }, this.o.renewEveryMs);
    this.timer.unref();
    return this;
  }

  /** Whether this instance holds `shard` now. */
  holds(shard: number): boolean {
    return this.held.has(shard) && this.o.clock() < this.validUntil;
  }

  /** The shards held now, with their leases. */
  leases(): ReadonlyMap<number, ShardLease> {
    return this.o.clock() < this.validUntil ? this.held : new Map();
  }

  status(): ShardLeaseKeeperStatus {
    return { instance: this.o.instance, held: this.leases().size, liveInstances: this.liveInstances, failedClaims: this.failedClaims };
  }

  /** Stops renewing and gives every lease back, so other instances take the shards at once. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    clearTimeout(this.expiry);
    await this.claiming;
    this.set(new Map(), 0);
    await this.store.release(this.o.instance);
  }

  /** One claim at a time: a slow store never stacks claims up. */
  private claimNow(): Promise<void> {
    this.claiming = this.claiming.then(async () => {
      if (this.closed) return;
      const sent = this.o.clock();
      try {
        const claim = await this.store.claim(this.o.instance, this.o.ttlMs);
        if (this.closed) return;
        this.liveInstances = claim.liveInstances;
        this.set(new Map(claim.held.map((l) => [l.shard, l])), sent + this.o.ttlMs - this.o.marginMs);
      } catch (e) {
        this.failedClaims++;
        this.o.onError?.(e);
      }
    });
    return this.claiming;
  }

  private set(held: Map<number, ShardLease>, validUntil: number): void {
    this.held = held;
    this.validUntil = validUntil;
    clearTimeout(this.expiry);
    if (held.size > 0) {
      // Tell the owner when the leases lapse locally with no renewal in between.
      this.expiry = setTimeout(() => this.set(new Map(), 0), Math.max(0, validUntil - this.o.clock()));
      this.expiry.unref();
    }
    const now = this.leases();
    if (sameLeases(this.reported, now)) return;
    this.reported = now;
    this.o.onChange?.(now);
  }
}

function sameLeases(a: ReadonlyMap<number, ShardLease>, b: ReadonlyMap<number, ShardLease>): boolean {
  if (a.size !== b.size) return false;
  for (const [shard, l] of a) if (b.get(shard)?.epoch !== l.epoch) return false;
  return true;
}
