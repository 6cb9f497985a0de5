/** One shard's lease as the lease table holds it; times in milliseconds since the epoch (the database's clock). */
export interface ShardLease {
  readonly shard: number;
  /** The instance holding it; null when released and never taken since. */
  readonly holder: string | null;
  /** Fencing token: grows by one each time the lease is taken, never on renewal. */
  readonly epoch: number;
  /** Held until this instant; at or after it the lease is free to take. */
  readonly expiresAt: number;
}

export interface LeasePlanInput {
  /** Every shard's lease, one row per shard. */
  readonly leases: readonly ShardLease[];
  readonly me: string;
  /** The database's clock. */
  readonly now: number;
  /** Instances whose last claim has not run out, this one included. */
  readonly liveInstances: number;
}

/** What one claim does: shards to keep (renew), to give back, to take. */
export interface LeasePlan {
  readonly renew: readonly number[];
  readonly release: readonly number[];
  readonly take: readonly number[];
}

/** The most shards one instance holds when `live` share `shards`: ceil(shards / live). */
export function fairShare(shards: number, live: number): number {
  return Math.ceil(shards / Math.max(1, live));
}

/**
 * One instance's claim: renew what it holds, give back what is above its
 * fair share (so an instance that joins finds free shards), take free or
 * expired ones up to it. It never takes a lease another instance holds
 * unexpired, so no two instances hold one shard at the same instant of
 * the database's clock (the property test checks this over any
 * interleaving of claims, joins and crashes).
 */
export function planLeases(input: LeasePlanInput): LeasePlan {
  const target = fairShare(input.leases.length, input.liveInstances);
  const mine = input.leases.filter((l) => l.holder === input.me && l.expiresAt > input.now).map((l) => l.shard).sort((a, b) => a - b);
  if (mine.length >= target) return { renew: mine.slice(0, target), release: mine.slice(target), take: [] };
  const free = input.leases.filter((l) => l.expiresAt <= input.now).map((l) => l.shard).sort((a, b) => a - b);
  return { renew: mine, release: [], take: free.slice(0, target - mine.length) };
}

/** The leases after `plan` ran at `now` for `me`, with leases lasting `ttlMs`. */
export function applyLeasePlan(leases: readonly ShardLease[], plan: LeasePlan, me: string, now: number, ttlMs: number): ShardLease[] {
  const renew = new Set(plan.renew);
  const release = new Set(plan.release);
  const take = new Set(plan.take);
  return leases.map((l) => {
    if (renew.has(l.shard)) return { ...l, expiresAt: now + ttlMs };
    if (release.has(l.shard)) return { ...l, holder: null, expiresAt: now };
    if (take.has(l.shard)) return { shard: l.shard, holder: me, epoch: l.epoch + 1, expiresAt: now + ttlMs };
    return l;
  });
}
