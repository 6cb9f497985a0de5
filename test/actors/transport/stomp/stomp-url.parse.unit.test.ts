import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStompUrl } from '../../../../actors/transport/stomp/stomp-url.js';

describe('parseStompUrl', () => {
  it('parses stomp:// and stomp+ssl:// with default ports, and names the field on errors', () => {
    assert.deepEqual(parseStompUrl('stomp://127.0.0.1:61613'), { host: '127.0.0.1', port: 61613, tls: false });
    assert.deepEqual(parseStompUrl('stomp+ssl://mq.example'), { host: 'mq.example', port: 61614, tls: true });
    assert.deepEqual(parseStompUrl('stomp://troupe:s%40cret@mq:61613/%2F'), { host: 'mq', port: 61613, tls: false, login: 'troupe', passcode: 's@cret', virtualHost: '/' });
    assert.deepEqual(parseStompUrl('stomp://mq/prod'), { host: 'mq', port: 61613, tls: false, virtualHost: 'prod' });
    assert.throws(() => parseStompUrl('http://x', 'broker'), (e: Error & { code?: string }) => e.code === 'config_invalid' && /broker/.test(e.message));
  });
});
