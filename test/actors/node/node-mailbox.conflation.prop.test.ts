import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { BoundedMailbox } from '../../../actors/mailbox/bounded-mailbox.js';
import { NODE_MAILBOX_POLICY, type NodeMessage } from '../../../actors/node/node.messages.js';

type Arrival = { kind: 'facts'; ts: number } | { kind: 'compile'; priority: number };
const arrival: fc.Arbitrary<Arrival> = fc.oneof(
  fc.record({ kind: fc.constant('facts' as const), ts: fc.integer({ min: 0, max: 1e6 }) }),
  fc.record({ kind: fc.constant('compile' as const), priority: fc.integer({ min: 0, max: 9 }) }),
);

function toMessage(a: Arrival, i: number): NodeMessage {
  return a.kind === 'facts'
    ? { kind: 'facts', position: i, facts: { environment: 'production', producerTimestamp: new Date(a.ts).toISOString(), producer: null, values: { seq: i } } }
    : { kind: 'compile', requestIds: [`r${i}`], environment: 'production', priority: a.priority, position: i };
}

describe('node mailbox conflation', () => {
  // Invariant: conflation always keeps the newest facts, and never drops a
  // compile request that no newer compile covers: every request id that
  // entered is answered by exactly one compile that leaves the mailbox, at
  // no lower priority than it asked for.
  it('keeps the newest facts and covers every compile request exactly once', () => {
    fc.assert(fc.property(fc.array(arrival, { maxLength: 100 }), fc.array(fc.boolean(), { maxLength: 100 }), (arrivals, drains) => {
      const box = new BoundedMailbox<NodeMessage>(8, NODE_MAILBOX_POLICY);
      const answered = new Map<string, number>();
      let lastFacts: number | undefined;
      let newestFactsSeen: number | undefined;
      const take = () => {
        const m = box.dequeue();
        if (m?.kind === 'facts') lastFacts = m.facts.values['seq'] as number;
        if (m?.kind === 'compile') for (const id of m.requestIds) {
          assert.ok(!answered.has(id), `request ${id} answered twice`);
          answered.set(id, m.priority);
        }
        return m;
      };
      arrivals.forEach((a, i) => {
        assert.notEqual(box.enqueue(toMessage(a, i)), 'rejected');
        if (a.kind === 'facts') newestFactsSeen = i;
        if (drains[i]) take();
      });
      while (take() !== undefined);
      if (newestFactsSeen !== undefined) assert.equal(lastFacts, newestFactsSeen, 'the last facts applied are the newest');
      arrivals.forEach((a, i) => {
        if (a.kind !== 'compile') return;
        const p = answered.get(`r${i}`);
        assert.ok(p !== undefined, `request r${i} was dropped`);
        assert.ok(p >= a.priority);
      });
    }));
  });

  // Invariant: a compile never leaves the mailbox before facts that arrived
  // with it, so the compile sees the newest facts known.
  it('hands out pending facts before a pending compile', () => {
    const box = new BoundedMailbox<NodeMessage>(8, NODE_MAILBOX_POLICY);
    box.enqueue(toMessage({ kind: 'compile', priority: 9 }, 0));
    box.enqueue(toMessage({ kind: 'facts', ts: 1 }, 1));
    assert.equal(box.dequeue()?.kind, 'facts');
    assert.equal(box.dequeue()?.kind, 'compile');
  });
});
