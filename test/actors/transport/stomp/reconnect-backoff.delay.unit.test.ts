import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { backoffDelay } from '../../../../actors/transport/stomp/reconnect-backoff.js';

describe('backoffDelay', () => {
  it('stays within [0, min(max, initial·2^(n-1))] and waits nothing on the first try', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 0.9999, noNaN: true }), (n, r) => {
      const d = backoffDelay(n, { initialDelayMs: 100, maxDelayMs: 5000 }, () => r);
      const ceiling = n === 0 ? 0 : Math.min(5000, 100 * 2 ** (n - 1));
      return d >= 0 && d <= ceiling;
    }));
    assert.equal(backoffDelay(0), 0);
  });
});
