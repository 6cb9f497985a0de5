import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { pdbCommandMessage } from '../../../../../actors/transport/stomp/stomp-command.message.js';
import { spawnServe } from '../../../../support/servers/serve-process.js';
import { eventually, factsPayload, publishConfirmed, rawClient, stompTestFile } from '../../../../support/brokers/stomp.fixture.js';

const children = new Set<ChildProcess>();
const file = stompTestFile('kill', 61724, { teardown: () => { for (const c of children) c.kill('SIGKILL'); } });
const { dir } = file;

/** Starts `troupe serve` on `dataDir`, fed by the test broker. */
async function startConsumer(dataDir: string): Promise<ChildProcess> {
  const serve = await spawnServe(['--data-dir', dataDir, '--workers', '0', '--compiler', 'static', '--stomp-url', file.broker.url]);
  children.add(serve.child);
  serve.child.once('exit', () => children.delete(serve.child));
  return serve.child;
}

function count(logPath: string): { events: number; ids: number; values: number } {
  const db = new Database(logPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT count(*) AS events, count(DISTINCT event_id) AS ids,
      count(DISTINCT json_extract(data, '$.values.i')) AS "values" FROM events`).get() as { events: number; ids: number; values: number };
  } finally {
    db.close();
  }
}

describe('troupe serve fed by STOMP, killed mid-stream', () => {
  it('kill -9 mid-stream of 10,000 commands, then restart: every command is in the log exactly once', async () => {
    const total = 10_000;
    const queue = '/queue/troupe.commands';
    const logPath = join(dir, 'events.db');
    let consumer = await startConsumer(dir);
    const producer = await rawClient(file.broker.url);
    let killed = false;
    for (let i = 0; i < total; i++) {
      const m = pdbCommandMessage({ command: 'replace_facts', certname: `n${i % 100}`, payload: factsPayload(`n${i % 100}`, i), destination: queue });
      if (i % 500 === 499) {
        await publishConfirmed(producer, queue, { ...m.headers }, m.body);
        if (!killed && count(logPath).events > 3000) {
          consumer.kill('SIGKILL');
          killed = true;
          await new Promise((r) => consumer.once('exit', r));
          consumer = await startConsumer(dir);
        }
      } else {
        producer.publish({ destination: queue, headers: { ...m.headers }, body: m.body });
      }
    }
    assert.ok(killed, 'the consumer was killed mid-stream');
    await eventually(() => count(logPath).events >= total, 60_000, `${total} events`);
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(count(logPath), { events: total, ids: total, values: total });
    consumer.kill('SIGTERM');
    await new Promise((r) => consumer.once('exit', r));
  });
});
