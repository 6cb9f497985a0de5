import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AdmissionController } from '../../../../../actors/admission/admission-controller.js';
import type { AdmissionGate } from '../../../../../actors/admission/admission-gate.js';
import { decodeStompCommand } from '../../../../../actors/transport/stomp/stomp-command.decoder.js';
import { pdbCommandMessage } from '../../../../../actors/transport/stomp/stomp-command.message.js';
import { StompConnection } from '../../../../../actors/transport/stomp/stomp-connection.js';
import { StompIngest } from '../../../../../actors/transport/stomp/stomp-ingest.js';
import { SqliteEventLog } from '../../../../../core/log/sqlite/event-log.sqlite.js';
import { checkPrefetchWindow } from '../../../../support/brokers/stomp-prefetch.check.js';
import { allEvents, closeLater, collect, eventually, factsPayload, publishConfirmed, rawClient, stompTestFile } from '../../../../support/brokers/stomp.fixture.js';

const file = stompTestFile('ack', 61721);
const { dir } = file;
let n = 0;
const fresh = () => ({ log: closeLater(new SqliteEventLog({ path: join(dir, `log-${n}.db`) })), queue: `/queue/test.ack.${n++}` });

describe('StompIngest acknowledgement', () => {
  it('a message appended but not acked (crash) is redelivered and recorded exactly once', async () => {
    const { log, queue } = fresh();
    const producer = await rawClient(file.broker.url);
    const m = pdbCommandMessage({ command: 'replace_facts', certname: 'web1', payload: factsPayload('web1') });
    await publishConfirmed(producer, queue, { ...m.headers }, m.body);
    // A consumer that appends the event and dies before acking.
    const first = await rawClient(file.broker.url);
    const delivered = await new Promise<{ headers: Record<string, string>; body: string }>((resolve) => {
      first.subscribe(queue, (msg) => resolve({ headers: msg.headers, body: msg.body }), { ack: 'client-individual' });
    });
    const d = decodeStompCommand(delivered.headers, delivered.body, new Date());
    await log.append([{ event: d.event }]);
    await first.deactivate({ force: true });

    const connection = closeLater(new StompConnection({ brokerUrl: file.broker.url }).start());
    const ingest = closeLater(new StompIngest(connection, log, { destination: queue }).start());
    await eventually(() => ingest.status().duplicates === 1, 15_000, 'the redelivery');
    assert.equal(ingest.status().received, 1);
    const events = await allEvents(log);
    assert.equal(events.length, 1);
    assert.equal(events[0]!.id, delivered.headers['message-id']);
    await ingest.close();
    await connection.close();
    // It was acked: nothing is left on the queue.
    assert.equal((await collect(producer, queue, 1, 500)).length, 0);
    await producer.deactivate();
    await log.close();
  });

  it('the same troupe-event-id sent twice becomes one event', async () => {
    const { log, queue } = fresh();
    const connection = closeLater(new StompConnection({ brokerUrl: file.broker.url }).start());
    const ingest = closeLater(new StompIngest(connection, log, { destination: queue }).start());
    const m = pdbCommandMessage({ command: 'replace_facts', certname: 'web2', payload: factsPayload('web2'), eventId: 'facts-web2-1', destination: queue });
    await connection.publish(m);
    await connection.publish(m);
    await eventually(() => ingest.status().appended === 2, 10_000, 'two deliveries');
    assert.equal(ingest.status().duplicates, 1);
    assert.deepEqual((await allEvents(log)).map((e) => e.id), ['facts-web2-1']);
    await ingest.close();
    await connection.close();
    await log.close();
  });

  it('takes nothing while the admission gate is shut; the prefetch bounds what is held', async () => {
    const { log, queue } = fresh();
    await checkPrefetchWindow(file.broker.url, log, queue);
    await log.close();
  });

  it('close() returns promptly while the gate is shut, leaving held messages unacked for redelivery', async () => {
    const { log, queue } = fresh();
    const shut: AdmissionGate = { open: false, whenOpen: () => new Promise(() => undefined), reserveAll: () => false, release: () => undefined };
    const connection = closeLater(new StompConnection({ brokerUrl: file.broker.url }).start());
    const ingest = new StompIngest(connection, log, { destination: queue, gate: shut }).start();
    await connection.publish(pdbCommandMessage({ command: 'replace_facts', certname: 'held1', payload: factsPayload('held1'), destination: queue }));
    await eventually(() => ingest.status().received === 1, 5000, 'the held message');
    await ingest.close();
    await connection.close();
    assert.equal(await log.head(), 0);
    const peek = await rawClient(file.broker.url);
    assert.equal((await collect(peek, queue, 1, 5000)).length, 1, 'redelivered to the next consumer');
  });

  it('admits compile requests arriving in one batch only up to the high-water mark', async () => {
    const { log, queue } = fresh();
    const admission = new AdmissionController({ highWater: 10 });
    const connection = closeLater(new StompConnection({ brokerUrl: file.broker.url }).start());
    const ingest = closeLater(new StompIngest(connection, log, { destination: queue, gate: admission }).start());
    const ids = Array.from({ length: 40 }, (_, i) => `compile-${i}`);
    await Promise.all(ids.map((id) => connection.publish({
      destination: queue, headers: { 'troupe-event': 'true' },
      body: JSON.stringify({ id, type: 'catalog_requested', stream: 'flood.example.com', time: new Date().toISOString(), data: { environment: 'production', reason: 'operator', priority: 0, transactionUuid: null } }),
    })));
    await eventually(async () => (await log.head()) === 10, 10_000, 'the first ten admitted');
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(await log.head(), 10, 'nothing past the high-water mark');
    assert.ok(admission.pending <= admission.highWater);
    // Nothing routes them here; answering what was admitted, as compiles would, lets the rest in.
    const answering = setInterval(() => admission.answered(ids), 100);
    try {
      await eventually(async () => (await log.head()) === 40, 15_000, 'the rest as admitted ones are answered');
    } finally {
      clearInterval(answering);
    }
    await ingest.close();
    await connection.close();
    await log.close();
  });
});
