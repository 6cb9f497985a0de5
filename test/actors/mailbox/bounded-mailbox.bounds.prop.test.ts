import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { BoundedMailbox, type MailboxPolicy } from '../../../actors/mailbox/bounded-mailbox.js';

interface Msg { key: string | undefined; value: number; priority: number }
const policy: MailboxPolicy<Msg> = {
  conflationKey: (m) => m.key,
  merge: (_older, newer) => newer,
  priority: (m) => m.priority,
};

const op = fc.oneof(
  fc.record({ kind: fc.constant('enqueue' as const), key: fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { nil: undefined }), priority: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant('dequeue' as const) }),
);

describe('BoundedMailbox', () => {
  // Invariant: a mailbox never holds more than its capacity, under any
  // arrival pattern of conflating and non-conflating messages.
  it('never exceeds its capacity', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 200 }), (capacity, ops) => {
      const box = new BoundedMailbox<Msg>(capacity, policy);
      let n = 0;
      for (const o of ops) {
        if (o.kind === 'enqueue') {
          const before = box.size;
          const r = box.enqueue({ key: o.key, value: n++, priority: o.priority });
          if (r === 'rejected') assert.equal(box.size, before);
        } else box.dequeue();
        assert.ok(box.size <= capacity);
      }
    }));
  });

  // Invariant: nothing is lost silently — every enqueue is either queued,
  // folded into a queued message of its key, or reported rejected.
  it('accounts for every message', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 200 }), (capacity, ops) => {
      const box = new BoundedMailbox<Msg>(capacity, policy);
      let queued = 0; let dequeued = 0; let conflated = 0; let n = 0;
      for (const o of ops) {
        if (o.kind === 'enqueue') {
          const r = box.enqueue({ key: o.key, value: n++, priority: o.priority });
          if (r === 'queued') queued++;
          if (r === 'conflated') conflated++;
        } else if (box.dequeue() !== undefined) dequeued++;
      }
      assert.equal(box.size, queued - dequeued);
      assert.ok(conflated >= 0);
    }));
  });

  // Invariant: dequeue order is by priority, then arrival.
  it('dequeues the highest priority first, FIFO within a priority', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 30 }), (priorities) => {
      const box = new BoundedMailbox<Msg>(100, policy);
      priorities.forEach((p, i) => box.enqueue({ key: undefined, value: i, priority: p }));
      const out: Msg[] = [];
      for (let m = box.dequeue(); m; m = box.dequeue()) out.push(m);
      for (let i = 1; i < out.length; i++) {
        const a = out[i - 1]!; const b = out[i]!;
        assert.ok(a.priority > b.priority || (a.priority === b.priority && a.value < b.value));
      }
    }));
  });
});
