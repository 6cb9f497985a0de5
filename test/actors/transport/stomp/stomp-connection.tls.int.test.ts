import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { StompConnection, type StompConnectionEvent } from '../../../../actors/transport/stomp/stomp-connection.js';
import { startTestBroker, type TestBroker } from '../../../support/activemq.js';
import { closeAll, closeLater } from '../../../support/stomp.fixture.js';

let broker: TestBroker;
before(async () => { broker = await startTestBroker(61726, { sslPort: 61727, reuse: false }); });
after(async () => {
  await closeAll();
  await broker?.close();
});

describe('StompConnection over stomp+ssl://', () => {
  it('round-trips a message over TLS when the broker certificate is trusted', async () => {
    const c = closeLater(new StompConnection({ brokerUrl: broker.sslUrl!, tls: { ca: readFileSync(broker.certificatePath!) } }).start());
    await c.whenConnected();
    const got = new Promise<string>((resolve) => c.subscribe('/queue/test.tls', {}, (m) => resolve(m.message.body)));
    await c.publish({ destination: '/queue/test.tls', body: 'over tls' });
    assert.equal(await got, 'over tls');
  });

  it('refuses an untrusted certificate (keeps retrying, never connects)', async () => {
    const events: StompConnectionEvent[] = [];
    const c = closeLater(new StompConnection({ brokerUrl: broker.sslUrl!, backoff: { initialDelayMs: 50, maxDelayMs: 100 }, onEvent: (e) => events.push(e) }).start());
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(c.connected, false);
    assert.ok(!events.some((e) => e.type === 'connected'));
    await c.close();
  });
});
