import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pdbCommandMessage } from '../../../../../actors/transport/stomp/stomp-command.message.js';
import { StompConnection } from '../../../../../actors/transport/stomp/stomp-connection.js';
import { StompIngest } from '../../../../../actors/transport/stomp/stomp-ingest.js';
import { SqliteEventLog } from '../../../../../core/log/sqlite/event-log.sqlite.js';
import { allEvents, closeLater, eventually, factsPayload, publishConfirmed, rawClient, stompTestFile } from '../../../../support/brokers/stomp.fixture.js';

const children = new Set<ChildProcess>();
const file = stompTestFile('competing-kill', 61811, { reuse: false, teardown: () => { for (const c of children) c.kill('SIGKILL'); } });
const QUEUE = '/queue/test.competing-kill';
/** Node groups (`JMSXGroupID`): the broker pins each to one consumer, so the stalled one holds whole groups. */
const GROUPS = 40;
/** ActiveMQ sees the dead consumer's socket close at once; the rest is margin for a loaded machine. */
const REDELIVERY_BOUND_MS = 10_000;

/** The stalled consumer in its own process, resolved once it holds at least one command. */
function stalledConsumer(): { child: ChildProcess; subscribed: Promise<void>; held: () => number } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../../../support/brokers/stalled-ingest.process.ts'), file.broker.url, QUEUE], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let held = 0;
  let out = '';
  const subscribed = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('subscribed\n')) resolve();
      const last = [...out.matchAll(/held (\d+)\n/g)].at(-1);
      if (last) held = Number(last[1]);
    });
    child.once('exit', (code) => reject(new Error(`the stalled consumer exited (${code})`)));
  });
  return { child, subscribed, held: () => held };
}

const command = (i: number) => {
  const certname = `n${i % GROUPS}`;
  return pdbCommandMessage({ command: 'replace_facts', certname, payload: factsPayload(certname, i), eventId: `ck-${i}`, destination: QUEUE });
};

describe('StompIngest beside a competing consumer that is killed holding commands', () => {
  it('kill -9 of a consumer holding unacknowledged commands: each is logged by the survivor exactly once, within the bound, and its groups move', async (t) => {
    const stalled = stalledConsumer();
    await stalled.subscribed;
    const log = closeLater(new SqliteEventLog({ path: join(file.dir, 'survivor.db') }));
    const connection = closeLater(new StompConnection({ brokerUrl: file.broker.url }).start());
    const survivor = closeLater(new StompIngest(connection, log, { destination: QUEUE }).start());
    await connection.whenConnected();
    const producer = await rawClient(file.broker.url);
    const first = 400;
    for (let i = 0; i < first; i++) {
      const m = command(i);
      await publishConfirmed(producer, m.destination, { ...m.headers }, m.body);
    }
    // Both consumers have what the broker gives them: the survivor logged its groups, the stalled one holds the rest.
    await eventually(async () => stalled.held() > 0 && stalled.held() + (await log.head()) === first, 20_000, 'the commands split between the two consumers');
    const held = stalled.held();
    assert.ok(held < first, 'the survivor got groups of its own');
    const loggedBefore = new Set((await allEvents(log)).map((e) => e.stream));
    const stalledGroups = Array.from({ length: GROUPS }, (_, g) => `n${g}`).filter((c) => !loggedBefore.has(c));
    assert.ok(stalledGroups.length > 0, 'whole groups are pinned to the stalled consumer');

    const killedAt = performance.now();
    stalled.child.kill('SIGKILL');
    await eventually(async () => (await log.head()) >= first, REDELIVERY_BOUND_MS, `the ${held} commands the killed consumer held, logged by the survivor`);
    const redeliveredMs = performance.now() - killedAt;
    // Commands for its groups sent after the kill go to the survivor too (the groups were reassigned).
    for (let i = first; i < first + GROUPS; i++) {
      const m = command(i);
      await publishConfirmed(producer, m.destination, { ...m.headers }, m.body);
    }
    await eventually(async () => (await log.head()) >= first + GROUPS, REDELIVERY_BOUND_MS, 'commands sent after the kill');
    const ids = (await allEvents(log)).map((e) => e.id);
    assert.equal(ids.length, first + GROUPS);
    assert.deepEqual(new Set(ids), new Set(Array.from({ length: first + GROUPS }, (_, i) => `ck-${i}`)));
    assert.equal(survivor.status().duplicates, 0, 'the killed consumer appended nothing, so nothing came twice');
    t.diagnostic(`${held} commands of ${stalledGroups.length} groups held by the killed consumer, logged by the survivor ${Math.round(redeliveredMs)} ms after kill -9`);
    await survivor.close();
    await connection.close();
    await log.close();
  });
});
