import { createHash } from 'node:crypto';

/**
 * The shard a node belongs to: the first 4 bytes of SHA-1(certname) modulo
 * `shards`. Stable across processes, machines and restarts (every instance
 * must agree on it), and even enough for 10,000 nodes over a few hundred
 * shards. Certnames are lower-case already (Puppet's rule), so no folding.
 */
export function shardOf(certname: string, shards: number): number {
  return createHash('sha1').update(certname).digest().readUInt32BE(0) % shards;
}
