/**
 * The worker slot that owns a node: FNV-1a of the certname modulo the slot
 * count. Deterministic, so one node's work always lands on one worker while
 * the number of slots stays the same (a restarted worker takes over its
 * predecessor's slot, so a crash moves no node).
 */
export function shardOf(certname: string, slots: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < certname.length; i++) {
    h ^= certname.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % slots;
}
