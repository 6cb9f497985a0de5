import { join } from 'node:path';
import type { IMessage } from '@stomp/stompjs';
import { StompConnection } from '../../../actors/transport/stomp/stomp-connection.js';
import { StompIngest } from '../../../actors/transport/stomp/stomp-ingest.js';
import { SqliteEventLog } from '../../../core/log/sqlite/event-log.sqlite.js';
import { allEvents, closeLater, collect, eventually, rawClient } from './stomp.fixture.js';

/**
 * Troupe's ingestion, logged in as the documented `troupe` account, with the
 * sender policy on `header` (only `troupe` trusted), its log in `dir`; for
 * broker ACL tests.
 */
export async function senderPolicyIngest(url: string, header: string, dir: string) {
  const log = closeLater(new SqliteEventLog({ path: join(dir, 'senders.db') }));
  const connection = closeLater(new StompConnection({ brokerUrl: url, login: 'troupe', passcode: 'troupe-secret' }).start());
  await connection.whenConnected();
  const ingest = closeLater(new StompIngest(connection, log, { senders: { header, trusted: new Set(['troupe']) } }).start());
  return {
    /** Waits until `n` messages were handled; the facts events appended, as stream names. */
    async accepted(n: number): Promise<string[]> {
      await eventually(() => ingest.status().appended + ingest.status().rejected >= n, 10_000, `${n} messages handled`);
      return (await allEvents(log)).filter((e) => e.type === 'facts_submitted').map((e) => e.stream).sort();
    },
    /** The dead-lettered messages: certname, error code and reason. */
    async deadLetters(n: number): Promise<Array<{ certname: string; code: string; reason: string }>> {
      const peek = await rawClient(url, { login: 'troupe', passcode: 'troupe-secret' });
      const dead: IMessage[] = await collect(peek, '/queue/troupe.dlq', n, 5000);
      return dead.map((m) => ({ certname: m.headers['certname'] ?? '', code: m.headers['troupe-error-code'] ?? '', reason: m.headers['troupe-error-reason'] ?? '' }))
        .sort((a, b) => a.reason.localeCompare(b.reason));
    },
  };
}
