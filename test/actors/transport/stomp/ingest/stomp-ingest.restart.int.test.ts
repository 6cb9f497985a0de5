import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pdbCommandMessage } from '../../../../../actors/transport/stomp/stomp-command.message.js';
import { StompConnection, type StompConnectionEvent } from '../../../../../actors/transport/stomp/stomp-connection.js';
import { StompIngest } from '../../../../../actors/transport/stomp/stomp-ingest.js';
import { SqliteEventLog } from '../../../../../core/log/sqlite/event-log.sqlite.js';
import { allEvents, closeLater, collect, eventually, factsPayload, rawClient, stompTestFile } from '../../../../support/brokers/stomp.fixture.js';

const file = stompTestFile('restart', 61723, { reuse: false });
const { dir } = file;

describe('StompIngest across a broker restart', () => {
  it('loses nothing and duplicates nothing when the broker restarts mid-stream', async () => {
    const total = 3000;
    const queue = '/queue/test.restart';
    const log = closeLater(new SqliteEventLog({ path: join(dir, 'log.db') }));
    const seen: StompConnectionEvent[] = [];
    const fast = { backoff: { initialDelayMs: 100, maxDelayMs: 1000 }, heartbeatMs: 2000 };
    const consumer = closeLater(new StompConnection({ brokerUrl: file.broker.url, ...fast, onEvent: (e) => seen.push(e) }).start());
    const producer = closeLater(new StompConnection({ brokerUrl: file.broker.url, ...fast }).start());
    const ingest = closeLater(new StompIngest(consumer, log, { destination: queue, prefetchSize: 100 }).start());
    await producer.whenConnected();

    // Producer: every command has its own id, and publish resolves only on the broker's receipt
    // (re-sent after reconnecting), so a re-send is deduplicated by the log.
    const sent: Array<Promise<void>> = [];
    let restarted: Promise<void> | undefined;
    for (let i = 0; i < total; i++) {
      sent.push(producer.publish(pdbCommandMessage({
        command: 'replace_facts', certname: `n${i % 40}`, payload: factsPayload(`n${i % 40}`, i), eventId: randomUUID(), destination: queue,
      })));
      if (i === total / 3) {
        await eventually(async () => (await log.head()) > 100, 10_000, 'some ingestion');
        restarted = file.broker.restart();
      }
      if (i % 200 === 0) await new Promise((r) => setImmediate(r));
    }
    await restarted;
    await Promise.all(sent);
    await eventually(async () => (await log.head()) >= total, 30_000, `${total} events`);
    await new Promise((r) => setTimeout(r, 500));

    const events = await allEvents(log);
    const values = events.map((e) => (e.data as unknown as { values: { i: number } }).values.i).sort((a, b) => a - b);
    assert.equal(events.length, total, 'no duplicates');
    assert.deepEqual(values, Array.from({ length: total }, (_, i) => i), 'nothing lost');
    assert.ok(seen.some((e) => e.type === 'disconnected'), 'the broker did go away');
    assert.ok(consumer.status().reconnects >= 1);
    await ingest.close();
    await Promise.all([consumer.close(), producer.close()]);
    await log.close();
  });

  it('buffers outgoing messages while the broker is down, up to the limit, and sends them on reconnect', async () => {
    const queue = '/queue/test.buffer';
    const producer = closeLater(new StompConnection({ brokerUrl: file.broker.url, maxBufferedMessages: 2, backoff: { initialDelayMs: 100, maxDelayMs: 500 } }).start());
    await producer.whenConnected();
    await file.broker.stopBroker();
    await eventually(() => !producer.connected, 10_000, 'the disconnect');
    const m = (i: number) => pdbCommandMessage({ command: 'replace_facts', certname: 'buf1', payload: factsPayload('buf1', i), destination: queue });
    const first = [producer.publish(m(1)), producer.publish(m(2))];
    await assert.rejects(producer.publish(m(3)), (e: Error & { code?: string }) => e.code === 'overloaded');
    assert.equal(producer.status().buffered, 2);
    await file.broker.startBroker();
    await Promise.all(first);
    const peek = await rawClient(file.broker.url);
    const got = await collect(peek, queue, 2, 5000);
    assert.deepEqual(got.map((g) => (JSON.parse(g.body) as { values: { i: number } }).values.i), [1, 2]);
  });
});
