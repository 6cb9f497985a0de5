import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { RecoveryFilter } from '../../../actors/router/recovery-filter.js';
import type { RecordedEvent } from '../../../core/events/event.types.js';

type Step = { kind: 'request' | 'answer' | 'abort' | 'other'; ref: number };
const steps = fc.array(fc.record({ kind: fc.constantFrom('request', 'answer', 'abort', 'other') as fc.Arbitrary<Step['kind']>, ref: fc.integer({ min: 0, max: 5 }) }), { maxLength: 40 });

/** The log a sequence of steps makes: requests `r<ref>`, outcomes and aborts naming them. */
function toLog(ss: readonly Step[]): RecordedEvent[] {
  return ss.map((s, i) => {
    const base = { id: `e${i}`, stream: 'n', time: '', meta: {}, position: i + 1, version: i + 1 };
    switch (s.kind) {
      case 'request': return { ...base, id: `r${s.ref}`, type: 'catalog_requested', data: {} } as unknown as RecordedEvent;
      case 'answer': return { ...base, type: i % 2 ? 'catalog_compiled' : 'compile_failed', data: { requestIds: [`r${s.ref}`] } } as unknown as RecordedEvent;
      case 'abort': return { ...base, type: 'compile_aborted', data: { requestIds: [`r${s.ref}`] } } as unknown as RecordedEvent;
      case 'other': return { ...base, type: 'facts_submitted', data: {} } as unknown as RecordedEvent;
    }
  });
}

describe('RecoveryFilter', () => {
  it('leaves exactly the requests with no outcome after them, each with the aborts logged after it', () => {
    fc.assert(fc.property(steps, (ss) => {
      const filter = new RecoveryFilter(ss.length);
      const log = toLog(ss);
      for (const e of log) filter.observe(e);
      const expected = new Map<string, number>();
      log.forEach((e, i) => {
        const later = log.slice(i + 1);
        if (e.type !== 'catalog_requested') return;
        // A request id seen again later is the same request (a redelivery): the last one counts.
        if (later.some((l) => l.type === 'catalog_requested' && l.id === e.id)) return;
        const answered = later.some((l) => (l.type === 'catalog_compiled' || l.type === 'compile_failed') && (l.data as { requestIds: readonly string[] }).requestIds.includes(e.id));
        if (!answered) expected.set(e.id, later.filter((l) => l.type === 'compile_aborted' && (l.data as { requestIds: readonly string[] }).requestIds.includes(e.id)).length);
      });
      const got = new Map(filter.unanswered().map((u) => [u.request.id, u.aborts]));
      assert.deepEqual(got, expected);
    }));
  });
});
