import cluster from 'node:cluster';

/**
 * V8 flags of an actor worker, a process that compiles at full CPU and
 * allocates heavily while it does: a young generation of 32 MB per
 * semi-space (V8's default is 16 MB), so more of a compile's garbage dies
 * before it would be copied and scavenges cost less per catalog. Measured
 * in docs/decisions.md ("Actor worker runtime").
 */
export const ACTOR_WORKER_V8_FLAGS: readonly string[] = ['--max-semi-space-size=32'];

/**
 * Fork settings for actor workers; must run before the first fork. IPC
 * uses V8's serializer ('advanced'), so a catalog's JSON text crosses as a
 * string copy instead of being escaped into and parsed out of a JSON
 * message on both sides.
 */
export function setupActorWorkers(): void {
  cluster.setupPrimary({
    execArgv: [...process.execArgv, ...ACTOR_WORKER_V8_FLAGS],
    serialization: 'advanced',
  });
}
