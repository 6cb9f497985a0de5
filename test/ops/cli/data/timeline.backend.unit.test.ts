import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RecordedEvent } from '../../../../core/events/event.types.js';
import { describeEvent } from '../../../../ops/cli/data/timeline.js';

const at = { position: 7, version: 3, stream: 'web1.example.com', time: '2026-01-01T00:00:00.000Z', meta: { source: 'actor' as const } };

describe('troupe events: which backend compiled, and the shadow check', () => {
  it('names the backend, and auto\'s reason when auto chose it', () => {
    const failed = (compilerReason?: string): RecordedEvent => ({
      ...at, id: 'f', type: 'compile_failed',
      data: { requestIds: [], environment: 'production', compiler: 'puppet', durationMs: 1, error: { code: 'compile_failed', message: 'boom' }, ...(compilerReason ? { compilerReason } : {}) },
    });
    assert.match(describeEvent(failed(), new Map()), /compile_failed +compile_failed: boom \(by puppet\)$/);
    assert.match(describeEvent(failed('uses Ruby type widget (modules/m/lib/puppet/type/widget.rb)'), new Map()),
      /compile_failed: boom \(by puppet \(auto: uses Ruby type widget \(modules\/m\/lib\/puppet\/type\/widget\.rb\)\)\)$/);
  });

  it('prints a drift as its catalog, its count and its first differences', () => {
    const drift: RecordedEvent = {
      ...at, id: 'd', type: 'compile_drift',
      data: { environment: 'production', codeId: 'c', catalogUuid: '0123456789abcdef', differences: ['missing Notify[a]', 'unexpected Notify[b]'], differenceCount: 2 },
    };
    assert.match(describeEvent(drift, new Map()), /compile_drift +catalog 01234567, environment production: builtin differs from puppet in 2 places: missing Notify\[a\]; unexpected Notify\[b\]$/);
    const rejected: RecordedEvent = { ...drift, data: { ...drift.data, differences: [], differenceCount: 1, referenceError: { code: 'compile_failed', message: 'no' } } } as RecordedEvent;
    assert.match(describeEvent(rejected, new Map()), /puppet failed where builtin compiled: compile_failed: no$/);
  });
});
