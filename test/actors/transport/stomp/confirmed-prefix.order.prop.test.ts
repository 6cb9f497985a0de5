import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ConfirmedPrefix } from '../../../../actors/transport/stomp/confirmed-prefix.js';

/** Batches in log order (rising positions, any message counts, empty ones included) and an order their receipts arrive in. */
const sentAndConfirmed = fc.array(fc.record({ gap: fc.integer({ min: 1, max: 50 }), messages: fc.integer({ min: 0, max: 20 }) }), { minLength: 1, maxLength: 40 })
  .chain((raw) => {
    let position = 0;
    const batches = raw.map((b) => ({ position: position += b.gap, messages: b.messages }));
    return fc.tuple(fc.constant(batches), fc.shuffledSubarray(batches.map((b) => b.position), { minLength: batches.length }));
  });

describe('ConfirmedPrefix', () => {
  it('moves the checkpoint only over batches confirmed with every earlier one, whatever order receipts come in, and releases each message once', () => {
    fc.assert(fc.property(sentAndConfirmed, ([batches, order]) => {
      const sent = new ConfirmedPrefix();
      for (const b of batches) sent.add(b);
      const confirmed = new Set<number>();
      let checkpoint = 0;
      let released = 0;
      for (const position of order) {
        const r = sent.confirm(position);
        confirmed.add(position);
        assert.equal(sent.confirm(position), null, 'a second receipt releases nothing');
        if (r) {
          assert.ok(r.position > checkpoint);
          checkpoint = r.position;
          released += r.messages;
        }
        // The longest confirmed prefix, by the batches' own order.
        const firstOpen = batches.findIndex((b) => !confirmed.has(b.position));
        const expected = firstOpen === 0 ? 0 : batches[(firstOpen === -1 ? batches.length : firstOpen) - 1]!.position;
        assert.equal(checkpoint, expected);
        assert.equal(released, batches.filter((b) => b.position <= checkpoint).reduce((n, b) => n + b.messages, 0));
        assert.equal(sent.unconfirmed, batches.filter((b) => !confirmed.has(b.position)).reduce((n, b) => n + b.messages, 0));
      }
      assert.equal(sent.size, 0);
      assert.equal(checkpoint, batches[batches.length - 1]!.position);
    }));
  });

  it('refuses a batch out of log order and ignores a receipt for a batch it never sent', () => {
    const sent = new ConfirmedPrefix();
    sent.add({ position: 10, messages: 2 });
    assert.throws(() => sent.add({ position: 10, messages: 1 }), RangeError);
    assert.equal(sent.confirm(7), null);
    assert.equal(sent.unconfirmed, 2);
    assert.deepEqual(sent.confirm(10), { position: 10, messages: 2 });
  });
});
