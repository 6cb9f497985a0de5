import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { StompConnection, type StompConnectionEvent } from '../../../../actors/transport/stomp/stomp-connection.js';
import { closeLater, stompTestFile } from '../../../support/brokers/stomp.fixture.js';

const file = stompTestFile('tls', 61726, { sslPort: 61727, reuse: false });

describe('StompConnection over stomp+ssl://', () => {
  it('round-trips a message over TLS when the broker certificate is trusted', async () => {
    const c = closeLater(new StompConnection({ brokerUrl: file.broker.sslUrl!, tls: { ca: readFileSync(file.broker.certificatePath!) } }).start());
    await c.whenConnected();
    const got = new Promise<string>((resolve) => c.subscribe('/queue/test.tls', {}, (m) => resolve(m.message.body)));
    await c.publish({ destination: '/queue/test.tls', body: 'over tls' });
    assert.equal(await got, 'over tls');
  });

  it('refuses an untrusted certificate (keeps retrying, never connects)', async () => {
    const events: StompConnectionEvent[] = [];
    const c = closeLater(new StompConnection({ brokerUrl: file.broker.sslUrl!, backoff: { initialDelayMs: 50, maxDelayMs: 100 }, onEvent: (e) => events.push(e) }).start());
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(c.connected, false);
    assert.ok(!events.some((e) => e.type === 'connected'));
    await c.close();
  });
});
