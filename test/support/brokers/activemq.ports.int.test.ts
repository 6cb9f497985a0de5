import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startTestBroker, type TestBroker } from './activemq.js';
import { rawClient, closeAll } from './stomp.fixture.js';

const started: TestBroker[] = [];
after(async () => {
  await closeAll();
  for (const b of started) await b.close();
});

describe('startTestBroker with reuse: false over a list of ports', () => {
  it('two runs starting at once each get a broker of their own; a third finds every port taken and says so', async () => {
    const ports = [61812, 61813];
    const [a, b] = await Promise.all([startTestBroker(ports, { reuse: false }), startTestBroker(ports, { reuse: false })]);
    started.push(a, b);
    assert.deepEqual([a.port, b.port].sort(), ports);
    // Each is a broker it started (one it may stop), not the other's.
    const clients = await Promise.all([rawClient(a.url), rawClient(b.url)]);
    assert.ok(clients.every((c) => c.connected));
    await assert.rejects(startTestBroker([61812], { reuse: false }), /every port of 61812 is taken/);
  });
});
