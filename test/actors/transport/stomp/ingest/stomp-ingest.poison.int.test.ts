import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pdbCommandMessage } from '../../../../../actors/transport/stomp/stomp-command.message.js';
import { StompConnection } from '../../../../../actors/transport/stomp/stomp-connection.js';
import { StompIngest } from '../../../../../actors/transport/stomp/stomp-ingest.js';
import type { CommandRejected, RecordedEvent } from '../../../../../core/events/event.types.js';
import { SqliteEventLog } from '../../../../../core/log/sqlite/event-log.sqlite.js';
import { allEvents, closeLater, collect, eventually, factsPayload, rawClient, stompTestFile } from '../../../../support/brokers/stomp.fixture.js';

const file = stompTestFile('poison', 61722);
const { dir } = file;

describe('StompIngest poison messages', () => {
  it('rejects poison messages in mid-stream to the DLQ with a command_rejected event; the rest flow in order', async () => {
    const queue = '/queue/test.poison';
    const dlq = '/queue/test.poison.dlq';
    const log = closeLater(new SqliteEventLog({ path: join(dir, 'log.db') }));
    const connection = closeLater(new StompConnection({ brokerUrl: file.broker.url }).start());
    await connection.whenConnected();
    const good = (i: number) => pdbCommandMessage({ command: 'replace_facts', certname: 'web1', payload: factsPayload('web1', i), destination: queue });
    const poison = [
      { destination: queue, body: 'this is not json' },
      { ...pdbCommandMessage({ command: 'replace_facts', certname: 'web1', payload: { certname: 'web1' }, destination: queue }) },
      { destination: queue, headers: { command: 'replace_universe', version: '1', certname: 'web1' }, body: '{"certname":"web1"}' },
    ];
    for (let i = 0; i < 5; i++) await connection.publish(good(i));
    for (const p of poison) await connection.publish(p);
    for (let i = 5; i < 10; i++) await connection.publish(good(i));

    const ingest = closeLater(new StompIngest(connection, log, { destination: queue, deadLetterDestination: dlq }).start());
    await eventually(() => ingest.status().appended + ingest.status().rejected === 13, 10_000, '13 messages handled');
    const events = await allEvents(log);
    const facts = events.filter((e) => e.type === 'facts_submitted');
    assert.deepEqual(facts.map((e) => (e.data as unknown as { values: { i: number } }).values.i), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // ActiveMQ keeps order within a message group (JMSXGroupID), not between ungrouped and grouped
    // messages, so rejections are compared in publish (message-id) order.
    const seq = (id: string) => Number(id.split(':').pop());
    const rejected = events.filter((e): e is RecordedEvent<CommandRejected> => e.type === 'command_rejected')
      .sort((a, b) => seq(a.id) - seq(b.id));
    assert.equal(rejected.length, 3);
    assert.deepEqual(rejected.map((e) => e.stream), ['$rejected', 'web1', 'web1']);
    assert.match(rejected[0]!.data.reason, /not valid JSON/);
    assert.match(rejected[1]!.data.reason, /expected a string/);
    assert.match(rejected[2]!.data.reason, /unknown command/);

    const peek = await rawClient(file.broker.url);
    const dead = await collect(peek, dlq, 3, 5000);
    assert.equal(dead.length, 3);
    dead.sort((a, b) => seq(a.headers['troupe-event-id']!) - seq(b.headers['troupe-event-id']!));
    assert.deepEqual(dead.map((m) => m.body), poison.map((p) => p.body));
    for (const [i, m] of dead.entries()) {
      assert.equal(m.headers['troupe-error-code'], 'invalid_input');
      assert.equal(m.headers['troupe-error-reason'], rejected[i]!.data.reason);
      assert.equal(m.headers['troupe-event-id'], rejected[i]!.id);
    }
    // Nothing is left to be redelivered.
    assert.equal((await collect(peek, queue, 1, 500)).length, 0);
    await peek.deactivate();
    await ingest.close();
    await connection.close();
    await log.close();
  });
});
