import assert from 'node:assert/strict';
import type { AdmissionGate } from '../../../actors/admission/admission-gate.js';
import { pdbCommandMessage } from '../../../actors/transport/stomp/stomp-command.message.js';
import { StompConnection } from '../../../actors/transport/stomp/stomp-connection.js';
import { StompIngest } from '../../../actors/transport/stomp/stomp-ingest.js';
import type { SqliteEventLog } from '../../../core/log/sqlite/event-log.sqlite.js';
import { closeLater, eventually, factsPayload } from './stomp.fixture.js';

/**
 * The admission window on a real broker: with the gate shut, nothing is
 * appended and the broker stops delivering at the prefetch window (5 of
 * 20); once it opens, all 20 are appended. Shared by every broker's tests.
 */
export async function checkPrefetchWindow(brokerUrl: string, log: SqliteEventLog, queue: string): Promise<void> {
  let open = false;
  let release: () => void = () => undefined;
  const opened = new Promise<void>((r) => { release = r; });
  const gate: AdmissionGate = {
    get open() { return open; }, whenOpen: () => (open ? Promise.resolve() : opened), reserveAll: () => open, release: () => undefined,
  };
  const connection = closeLater(new StompConnection({ brokerUrl }).start());
  const ingest = closeLater(new StompIngest(connection, log, { destination: queue, gate, prefetchSize: 5 }).start());
  await connection.whenConnected();
  await Promise.all(Array.from({ length: 20 }, (_, i) =>
    connection.publish(pdbCommandMessage({ command: 'replace_facts', certname: `g${i}`, payload: factsPayload(`g${i}`), destination: queue }))));
  await new Promise((r) => setTimeout(r, 700));
  assert.equal(await log.head(), 0);
  assert.equal(ingest.status().received, 5, 'the broker stops at the prefetch window');
  open = true;
  release();
  await eventually(async () => (await log.head()) === 20, 10_000, '20 events');
  await ingest.close();
  await connection.close();
}
