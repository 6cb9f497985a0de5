import { createHash } from 'node:crypto';
import type { WaveSpec } from './rollout-plan.js';

/** What a wave chooses from: the environment's nodes now, those moved already, and a selector wave's picks. */
export interface WaveCandidates {
  /** Active nodes of the environment now (any order). */
  readonly nodes: readonly string[];
  /** Nodes earlier waves moved: never chosen again. */
  readonly moved: ReadonlySet<string>;
  /** Nodes the wave's selector picks (selector waves only). */
  readonly selected?: ReadonlySet<string>;
  /** Nodes of the environment when the rollout started: what a percentage is of. */
  readonly total: number;
}

/**
 * The nodes one wave moves, sorted: counts and percentages take the
 * not-yet-moved nodes in the order of a hash of their certname (stable
 * from one rollout to the next, and spread over names, so `web01…web09`
 * are not all canaries); a selector wave takes every not-yet-moved node it
 * picks; `rest` takes every node not moved yet.
 */
export function waveMembers(spec: WaveSpec, c: WaveCandidates): string[] {
  const open = [...new Set(c.nodes)].filter((n) => !c.moved.has(n));
  switch (spec.kind) {
    case 'rest': return open.sort();
    case 'selector': return open.filter((n) => c.selected?.has(n) ?? false).sort();
    case 'count': return firstByHash(open, spec.count);
    case 'percent': return firstByHash(open, Math.max(1, Math.ceil((spec.percent * c.total) / 100)));
  }
}

function firstByHash(certnames: readonly string[], n: number): string[] {
  return certnames
    .map((c) => [waveOrderKey(c), c] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, n)
    .map(([, c]) => c)
    .sort();
}

/** Where a node stands in line for count and percentage waves. */
export function waveOrderKey(certname: string): string {
  return `${createHash('sha1').update(certname).digest('hex')}${certname}`;
}
