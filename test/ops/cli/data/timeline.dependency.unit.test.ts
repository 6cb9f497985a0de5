import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RecordedEvent } from '../../../../core/events/event.types.js';
import { describeEvent } from '../../../../ops/cli/data/timeline.js';

describe('troupe events --node: a dependency recompile', () => {
  it('names the exporter whose changed exports caused it', () => {
    const request: RecordedEvent = {
      type: 'catalog_requested', id: 'abcdef0123', stream: 'mon1.test', position: 7, version: 3, time: '2026-01-01T00:00:00.000Z',
      meta: { source: 'actor', causationId: 'e1' },
      data: { environment: 'production', reason: 'dependency', from: 'web1.test', priority: -0.5, transactionUuid: null },
    };
    assert.match(describeEvent(request, new Map()), /catalog_requested +reason dependency from web1\.test, priority -0\.5 \(via actor\) request abcdef01$/);
  });
});
