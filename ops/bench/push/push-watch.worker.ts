import { parentPort, workerData } from 'node:worker_threads';
import { Client } from '@stomp/stompjs';
import { TCPWrapper } from '@stomp/tcp-wrapper';
import { DEFAULT_STOMP_PUSH_OPTIONS } from '../../../actors/transport/stomp/stomp-push.js';
import { yieldToOtherThreads } from '../../../core/threads/thread-priority.js';
import type { FromWatchThread, ToWatchThread, WatchThreadData } from './push-watch.messages.js';

/** Node queues one watch connection subscribes to. */
const NODES_PER_CONNECTION = 500;
/** How often what arrived is posted to the benchmark's thread. */
const POST_EVERY_MS = 20;

/**
 * The push watch's STOMP side, on a thread of its own: parsing thousands
 * of 50 KB catalog frames a second is the watch's work, not the agents',
 * whose latency the benchmark's main thread measures. Each message is
 * stamped when it arrives (epoch milliseconds, comparable across threads)
 * and posted in batches. The thread runs at nice 19 (Linux): it stands in
 * for ten thousand nodes on machines of their own, so it takes only CPU
 * the server and the agents leave; when it waits, a catalog is stamped
 * later, so the push is measured slower, never faster.
 */
yieldToOtherThreads(19);
const data = workerData as WatchThreadData;
const port = parentPort!;
const send = (m: FromWatchThread): void => port.postMessage(m);
let seen: Array<[certname: string, marker: number, at: number]> = [];
let messages = 0;

try {
  const shares = Array.from({ length: Math.max(1, Math.ceil(data.certnames.length / NODES_PER_CONNECTION)) },
    (_, i) => data.certnames.slice(i * NODES_PER_CONNECTION, (i + 1) * NODES_PER_CONNECTION));
  const clients = await Promise.all(shares.map(() => connect(data.port, data.timeoutMs)));
  shares.forEach((share, i) => {
    for (const certname of share) {
      clients[i]!.subscribe(`${DEFAULT_STOMP_PUSH_OPTIONS.destinationPrefix}${certname}`, (m) => {
        messages++;
        const marker = data.markers.findIndex((k) => m.body.includes(k));
        if (marker >= 0) seen.push([certname, marker, performance.timeOrigin + performance.now()]);
      }, { ack: 'auto', 'activemq.prefetchSize': '10' });
    }
  });
  const timer = setInterval(() => {
    if (seen.length > 0 || messages > 0) send({ type: 'seen', seen, messages });
    seen = [];
    messages = 0;
  }, POST_EVERY_MS);
  port.on('message', (m: ToWatchThread) => {
    if (m.type !== 'close') return;
    clearInterval(timer);
    void Promise.all(clients.map((c) => c.deactivate())).finally(() => {
      send({ type: 'seen', seen, messages });
      send({ type: 'closed' });
    });
  });
  send({ type: 'ready' });
} catch (e) {
  send({ type: 'failed', message: (e as Error).message });
}

function connect(p: number, timeoutMs: number): Promise<Client> {
  const client = new Client({
    webSocketFactory: () => new TCPWrapper('127.0.0.1', p),
    reconnectDelay: 0, heartbeatIncoming: 0, heartbeatOutgoing: 0, debug: () => undefined,
  });
  return new Promise<Client>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`push watch: no STOMP connection to 127.0.0.1:${p} in ${timeoutMs} ms`)), timeoutMs);
    client.onConnect = () => { clearTimeout(timer); resolve(client); };
    client.activate();
  });
}
