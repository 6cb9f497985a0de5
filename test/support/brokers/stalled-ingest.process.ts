/**
 * A competing consumer that takes commands and never finishes appending
 * them: a real StompIngest whose log's append never resolves, so every
 * command it is given stays unacknowledged until the process is killed —
 * an instance stuck mid-commit when `kill -9` hits it. Run with
 * `node --import tsx stalled-ingest.process.ts <brokerUrl> <destination>`;
 * it prints `subscribed` once its SUBSCRIBE is sent, then `held <n>` each
 * time the number of commands it holds changes.
 */
import { StompConnection } from '../../../actors/transport/stomp/stomp-connection.js';
import { StompIngest } from '../../../actors/transport/stomp/stomp-ingest.js';

const [brokerUrl, destination] = process.argv.slice(2);
if (!brokerUrl || !destination) throw new Error('usage: stalled-ingest.process.ts <brokerUrl> <destination>');
const connection = new StompConnection({ brokerUrl }).start();
const ingest = new StompIngest(connection, { append: () => new Promise(() => undefined) }, { destination }).start();
// whenConnected resolves after the registered subscriptions were sent.
void connection.whenConnected().then(() => process.stdout.write('subscribed\n'));
let reported = 0;
setInterval(() => {
  const held = ingest.status().received;
  if (held !== reported) process.stdout.write(`held ${(reported = held)}\n`);
}, 20);
