import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RecordedEvent } from '../../../../core/events/event.types.js';
import { describeEvent } from '../../../../ops/cli/data/timeline.js';

const at = { position: 9, version: 2, stream: '$code', time: '2026-01-01T00:00:00.000Z', meta: { source: 'actor' as const, causationId: 'd0d0d0d0-1' } };

describe("troupe events --node '$code': a deployment's steps", () => {
  it('prints the plan (how many nodes, which code) and the end (what became of them)', () => {
    const planned: RecordedEvent = {
      ...at, id: 'p', type: 'deployment_planned',
      data: { deploymentId: 'd0d0d0d0-1', environment: 'production', codeId: 'new', previousCodeId: 'old', nodes: 3, scope: 'environment' },
    };
    const finished: RecordedEvent = {
      ...at, id: 'f', type: 'deployment_finished',
      data: { deploymentId: 'd0d0d0d0-1', environment: 'production', codeId: 'new', outcome: 'completed', requested: 3, changed: 1, unchanged: 2, failed: 0, durationMs: 1234.5 },
    };
    assert.match(describeEvent(planned, new Map()), /deployment_planned +deployment d0d0d0d0: 3 nodes to recompile \(environment\), environment production code old → new$/);
    assert.match(describeEvent(finished, new Map()), /deployment d0d0d0d0 completed: 3 recompiled, 1 changed \(pushed\), 2 unchanged, 0 failed in 1235 ms$/);
  });
});
