import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TroupeEvent } from '../../../core/events/event.types.js';
import { evolveRollouts, initialRolloutState } from '../../../core/rollout/rollout-state.js';

const ENV = 'production';
let n = 0;
const event = (type: string, data: object, stream = '$rollouts'): TroupeEvent =>
  ({ type, data, id: `e${n++}`, stream, time: new Date(0).toISOString(), meta: { source: 'test' } }) as unknown as TroupeEvent;

/** A catalog_compiled whose catalog counts its reads (on the primary it is text, parsed on first read). */
function compiled(certname: string): { e: TroupeEvent; reads: () => number } {
  let reads = 0;
  const data = { requestIds: ['r'], hash: 'h', previousHash: null, compiler: 'builtin', durationMs: 1 };
  Object.defineProperty(data, 'catalog', { enumerable: true, get: () => { reads++; return { environment: ENV }; } });
  return { e: event('catalog_compiled', data, certname), reads: () => reads };
}

describe('evolveRollouts', () => {
  it('reads no catalog of a node that no open rollout moved (none open, or not moved)', () => {
    const state = initialRolloutState();
    const idle = compiled('web1');
    evolveRollouts(state, idle.e);
    assert.equal(idle.reads(), 0, 'no open rollout');
    evolveRollouts(state, event('rollout_started', { rolloutId: 'r1', environment: ENV, codeId: 'new', previousCodeId: 'old', plan: { waves: [{ kind: 'rest' }], paceMs: 1000, gate: { maxFailedPercent: 50 } }, nodes: 2, requestedBy: null }));
    evolveRollouts(state, event('rollout_wave_started', { rolloutId: 'r1', wave: 0, certnames: ['db1'] }));
    const other = compiled('web1');
    evolveRollouts(state, other.e);
    assert.equal(other.reads(), 0, 'web1 was not moved');
  });

  it("still follows a moved node's compiles (the health gate's compile failures)", () => {
    const state = initialRolloutState();
    evolveRollouts(state, event('rollout_started', { rolloutId: 'r1', environment: ENV, codeId: 'new', previousCodeId: 'old', plan: { waves: [{ kind: 'rest' }], paceMs: 1000, gate: { maxFailedPercent: 50 } }, nodes: 1, requestedBy: null }));
    evolveRollouts(state, event('rollout_wave_started', { rolloutId: 'r1', wave: 0, certnames: ['db1'] }));
    evolveRollouts(state, event('compile_failed', { requestIds: ['r'], environment: ENV, compiler: 'builtin', durationMs: 1, error: { code: 'x', message: 'x' } }, 'db1'));
    assert.deepEqual([...state.open.get(ENV)!.compileFailures], ['db1']);
    const moved = compiled('db1');
    evolveRollouts(state, moved.e);
    assert.equal(moved.reads(), 1);
    assert.deepEqual([...state.open.get(ENV)!.compileFailures], [], 'a later good compile clears it');
  });
});
