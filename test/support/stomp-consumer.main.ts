/**
 * A consumer process for crash tests: the SQLite event log fed by STOMP
 * ingestion, wired exactly as `troupe serve` wires it (to be replaced by
 * `troupe serve` itself). Prints `ready` once connected; exits cleanly on
 * SIGTERM/SIGINT.
 *
 *   node --import tsx test/support/stomp-consumer.main.ts --log FILE --broker URL [--destination Q]
 */
import { parseArgs } from 'node:util';
import { startStompTransport } from '../../actors/transport/stomp/stomp-transport.js';
import { SqliteEventLog } from '../../core/log/event-log.sqlite.js';

const { values } = parseArgs({
  options: { log: { type: 'string' }, broker: { type: 'string' }, destination: { type: 'string' } },
});
if (!values.log || !values.broker) {
  process.stderr.write('--log and --broker are required\n');
  process.exit(2);
}
const log = new SqliteEventLog({ path: values.log });
let ready = false;
const transport = startStompTransport({
  brokerUrl: values.broker,
  log,
  backoff: { initialDelayMs: 100, maxDelayMs: 2000 },
  ingest: values.destination ? { destination: values.destination } : {},
  onEvent: (e) => {
    if (e.type === 'connected' && !ready) {
      ready = true;
      process.stdout.write('ready\n');
    }
  },
});
const stop = async (): Promise<void> => {
  await transport.close();
  await log.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop()).once('SIGINT', () => void stop());
