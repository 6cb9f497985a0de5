import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { pdbCommandMessage } from '../../../../actors/transport/stomp/stomp-command.message.js';
import { startTestBroker, type TestBroker } from '../../../support/activemq.js';
import { closeAll, eventually, factsPayload, publishConfirmed, rawClient } from '../../../support/stomp.fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'troupe-stomp-kill-'));
const MAIN = join(import.meta.dirname, '../../../support/stomp-consumer.main.ts');
let broker: TestBroker;
const children = new Set<ChildProcess>();
before(async () => { broker = await startTestBroker(61724); });
after(async () => {
  for (const c of children) c.kill('SIGKILL');
  await closeAll();
  await broker?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the consumer process and resolves once it is connected. */
function startConsumer(logPath: string, queue: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--log', logPath, '--broker', broker.url, '--destination', queue], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => { if (b.toString().includes('ready')) resolve(child); });
    child.once('exit', (code) => reject(new Error(`consumer exited with ${code} before it was ready`)));
  });
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

describe('StompIngest when the consuming process is killed', () => {
  it('kill -9 mid-stream of 10,000 commands, then restart: every command is in the log exactly once', async () => {
    const total = 10_000;
    const queue = '/queue/test.kill';
    const logPath = join(dir, 'log.db');
    let consumer = await startConsumer(logPath, queue);
    const producer = await rawClient(broker.url);
    let killed = false;
    for (let i = 0; i < total; i++) {
      const m = pdbCommandMessage({ command: 'replace_facts', certname: `n${i % 100}`, payload: factsPayload(`n${i % 100}`, i), destination: queue });
      if (i % 500 === 499) {
        await publishConfirmed(producer, queue, { ...m.headers }, m.body);
        if (!killed && count(logPath).events > 3000) {
          consumer.kill('SIGKILL');
          killed = true;
          await new Promise((r) => consumer.once('exit', r));
          consumer = await startConsumer(logPath, queue);
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
