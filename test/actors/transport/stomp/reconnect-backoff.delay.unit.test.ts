import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { backoffDelay } from '../../../../actors/transport/stomp/reconnect-backoff.js';
import { parseStompUrl } from '../../../../actors/transport/stomp/stomp-url.js';

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

describe('parseStompUrl', () => {
  it('parses stomp:// and stomp+ssl:// with default ports, and names the field on errors', () => {
    assert.deepEqual(parseStompUrl('stomp://127.0.0.1:61613'), { host: '127.0.0.1', port: 61613, tls: false });
    assert.deepEqual(parseStompUrl('stomp+ssl://mq.example'), { host: 'mq.example', port: 61614, tls: true });
    assert.throws(() => parseStompUrl('http://x', 'broker'), (e: Error & { code?: string }) => e.code === 'config_invalid' && /broker/.test(e.message));
  });
});
