import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RecordedEvent } from '../../../../core/events/event.types.js';
import { parseRolloutPlan } from '../../../../core/rollout/rollout-plan.js';
import { describeEvent } from '../../../../ops/cli/data/timeline.js';

const at = { position: 9, version: 2, stream: '$rollouts', time: '2026-01-01T00:00:00.000Z', meta: { source: 'actor' as const, causationId: 'r0r0r0r0-1' } };
const rolloutId = 'r0r0r0r0-1';

describe("troupe events --node '$rollouts': a rollout's steps", () => {
  it('prints the plan, each wave, the pause with its reason, the operator and the end', () => {
    const plan = parseRolloutPlan({ waves: '1,10%,dc=dc1', pace: '2h', gate: 'failed<=5%' });
    assert.ok(plan.ok);
    const lines = ([
      { type: 'rollout_started', data: { rolloutId, environment: 'production', codeId: 'new', previousCodeId: 'old', plan: plan.value, nodes: 40, requestedBy: null } },
      { type: 'rollout_wave_started', data: { rolloutId, wave: 1, certnames: ['a', 'b', 'c', 'd', 'e', 'f'] } },
      { type: 'rollout_paused', data: { rolloutId, reason: 'gate', detail: '2 of 3 moved node(s) failed' } },
      { type: 'rollout_aborted', data: { rolloutId, by: 'ops.example.com' } },
      { type: 'rollout_finished', data: { rolloutId, environment: 'production', outcome: 'aborted', codeId: 'old' } },
    ] as const).map((e, i) => describeEvent({ ...at, id: `e${i}`, ...e } as RecordedEvent, new Map()));
    assert.match(lines[0]!, /rollout r0r0r0r0: environment production code old → new, 40 node\(s\), waves 1, 10%, dc=dc1, rest, pace 7200 s, gate failed<=5%$/);
    assert.match(lines[1]!, /rollout r0r0r0r0: wave 2 moves 6 node\(s\): a b c d e …$/);
    assert.match(lines[2]!, /rollout r0r0r0r0 paused \(gate\): 2 of 3 moved node\(s\) failed$/);
    assert.match(lines[3]!, /rollout_aborted +rollout r0r0r0r0 by ops.example.com$/);
    assert.match(lines[4]!, /rollout r0r0r0r0 aborted: environment production on code old$/);
  });
});
