import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { contentEventId, decodeStompCommand } from '../../../../../actors/transport/stomp/stomp-command.decoder.js';
import { pdbCommandMessage } from '../../../../../actors/transport/stomp/stomp-command.message.js';
import { StompConnection } from '../../../../../actors/transport/stomp/stomp-connection.js';
import { StompIngest } from '../../../../../actors/transport/stomp/stomp-ingest.js';
import { SqliteEventLog } from '../../../../../core/log/sqlite/event-log.sqlite.js';
import { checkPrefetchWindow } from '../../../../support/brokers/stomp-prefetch.check.js';
import { startTestRabbitMq, type TestRabbitMq } from '../../../../support/brokers/rabbitmq.js';
import { allEvents, closeAll, closeLater, collect, eventually, factsPayload, publishConfirmed, rawClient } from '../../../../support/brokers/stomp.fixture.js';

// The same ingestion guarantees as on ActiveMQ, against a real RabbitMQ
// (rabbitmq_stomp), which differs where it matters: it requires a login,
// and its message-id names a delivery, not a message.
let broker: TestRabbitMq;
const dir = mkdtempSync(join(tmpdir(), 'troupe-stomp-rabbitmq-'));
before(async () => { broker = await startTestRabbitMq(61731); });
after(async () => {
  await closeAll();
  await broker?.close();
  rmSync(dir, { recursive: true, force: true });
});
let n = 0;
const fresh = () => ({ log: closeLater(new SqliteEventLog({ path: join(dir, `log-${n}.db`) })), queue: `/queue/test.rabbit.${n++}` });

describe('StompIngest on RabbitMQ', () => {
  it('a wrong passcode is refused with the broker\'s reason in status(), and nothing is taken', async () => {
    const { log, queue } = fresh();
    const connection = closeLater(new StompConnection({ brokerUrl: broker.url, login: 'guest', passcode: 'wrong', virtualHost: '/' }).start());
    const ingest = closeLater(new StompIngest(connection, log, { destination: queue }).start());
    await eventually(() => connection.status().lastError !== undefined, 10_000, 'the refusal');
    assert.match(connection.status().lastError!, /Access refused for user 'guest'/);
    assert.equal(connection.status().state, 'connecting');
    assert.equal(ingest.status().received, 0);
    await ingest.close();
    await connection.close();
  });

  it('a message appended but not acked (crash) is redelivered with a new message-id and still recorded once', async () => {
    const { log, queue } = fresh();
    const producer = await rawClient(broker.url);
    const m = pdbCommandMessage({ command: 'replace_facts', certname: 'web1', payload: factsPayload('web1') });
    await publishConfirmed(producer, queue, { ...m.headers, persistent: 'true' }, m.body);
    // A consumer that appends the event and dies before acking.
    const first = await rawClient(broker.url);
    const delivered = await new Promise<{ headers: Record<string, string>; body: string }>((resolve) => {
      first.subscribe(queue, (msg) => resolve({ headers: msg.headers, body: msg.body }), { ack: 'client-individual' });
    });
    const d = decodeStompCommand(delivered.headers, delivered.body, new Date(), { messageIdsStable: false });
    await log.append([{ event: d.event }]);
    await first.deactivate({ force: true });

    // Credentials in the URL, as `troupe serve --stomp-url` takes them.
    const connection = closeLater(new StompConnection({ brokerUrl: broker.url.replace('stomp://', 'stomp://guest:guest@') }).start());
    const ingest = closeLater(new StompIngest(connection, log, { destination: queue }).start());
    await eventually(() => ingest.status().duplicates === 1, 15_000, 'the redelivery');
    assert.match(connection.broker ?? '', /^RabbitMQ\//);
    const events = await allEvents(log);
    assert.equal(events.length, 1);
    assert.equal(events[0]!.id, contentEventId(delivered.headers, delivered.body));
    assert.notEqual(events[0]!.id, delivered.headers['message-id']);
    await ingest.close();
    await connection.close();
    assert.equal((await collect(producer, queue, 1, 500)).length, 0, 'acked: nothing left on the queue');
    await producer.deactivate();
  });

  it('dead-letters a poison message with the reason in its headers; the good one is appended', async () => {
    const { log, queue } = fresh();
    const dlq = `${queue}.dlq`;
    const connection = closeLater(new StompConnection({ brokerUrl: broker.url }).start());
    await connection.whenConnected();
    await connection.publish({ destination: queue, body: 'this is not json' });
    await connection.publish(pdbCommandMessage({ command: 'replace_facts', certname: 'web2', payload: factsPayload('web2'), destination: queue }));
    const ingest = closeLater(new StompIngest(connection, log, { destination: queue, deadLetterDestination: dlq }).start());
    await eventually(() => ingest.status().appended + ingest.status().rejected === 2, 10_000, 'both handled');
    assert.deepEqual((await allEvents(log)).map((e) => e.type).sort(), ['command_rejected', 'facts_submitted']);
    const peek = await rawClient(broker.url);
    const dead = await collect(peek, dlq, 1, 5000);
    assert.equal(dead.length, 1);
    assert.equal(dead[0]!.body, 'this is not json');
    assert.match(dead[0]!.headers['troupe-error-reason'] ?? '', /not valid JSON/);
    await peek.deactivate();
    await ingest.close();
    await connection.close();
  });

  it('takes nothing while the admission gate is shut; prefetch-count bounds what is held', async () => {
    const { log, queue } = fresh();
    await checkPrefetchWindow(broker.url, log, queue);
  });
});
