import { Client } from '@stomp/stompjs';
import { TCPWrapper } from '@stomp/tcp-wrapper';
import { DEFAULT_STOMP_PUSH_OPTIONS } from '../../../actors/transport/stomp/stomp-push.js';

/** Node queues one watch connection subscribes to. */
const NODES_PER_CONNECTION = 500;

/**
 * What a benchmark sees arrive on the nodes' queues: one subscription per
 * node on its own `/queue/troupe.node.<certname>`, as a `troupe agent`
 * subscribes (spread over one connection per 500 nodes), acking each
 * message. Not one wildcard consumer on `/queue/troupe.node.>`: ActiveMQ
 * dispatches to a wildcard consumer over thousands of queues ever slower
 * (30 messages/s at 3,000 queues on the bench machine, against hundreds
 * stored per second), so it measured the consumer, not the push. A message
 * counts for the code version whose marker its catalog carries; per
 * version it keeps the distinct nodes reached and when each was first
 * reached (bounded by the fleet: one entry per node and version).
 */
export class PushWatch {
  private readonly reached = new Map<string, Map<string, number>>();
  private messages = 0;

  private constructor(private readonly clients: readonly Client[], private readonly markers: readonly string[]) {}

  /**
   * Connects and subscribes to every certname's queue; `markers` are the
   * strings that tell the versions' catalogs apart.
   */
  static async start(port: number, markers: readonly string[], certnames: readonly string[], timeoutMs = 30_000): Promise<PushWatch> {
    const shares = Array.from({ length: Math.max(1, Math.ceil(certnames.length / NODES_PER_CONNECTION)) },
      (_, i) => certnames.slice(i * NODES_PER_CONNECTION, (i + 1) * NODES_PER_CONNECTION));
    const clients = await Promise.all(shares.map(() => connect(port, timeoutMs)));
    const watch = new PushWatch(clients, markers);
    shares.forEach((share, i) => {
      for (const certname of share) {
        clients[i]!.subscribe(`${DEFAULT_STOMP_PUSH_OPTIONS.destinationPrefix}${certname}`, (m) => watch.seen(certname, m.body), {
          ack: 'auto', 'activemq.prefetchSize': '10',
        });
      }
    });
    return watch;
  }

  private seen(certname: string, body: string): void {
    this.messages++;
    const marker = this.markers.find((m) => body.includes(m));
    if (marker === undefined) return;
    let nodes = this.reached.get(marker);
    if (!nodes) this.reached.set(marker, nodes = new Map());
    if (!nodes.has(certname)) nodes.set(certname, performance.now());
  }

  /** Messages received, all versions. */
  get received(): number {
    return this.messages;
  }

  /** Distinct nodes a catalog of this version reached, and when the last of them was first reached (performance.now()). */
  version(marker: string): { nodes: number; lastAt: number } {
    const nodes = this.reached.get(marker);
    let lastAt = 0;
    for (const at of nodes?.values() ?? []) lastAt = Math.max(lastAt, at);
    return { nodes: nodes?.size ?? 0, lastAt };
  }

  /** Of `certnames`, those no catalog of this version has reached. */
  missing(marker: string, certnames: readonly string[]): string[] {
    const nodes = this.reached.get(marker);
    return certnames.filter((c) => !nodes?.has(c));
  }

  /**
   * Resolves once every one of `certnames` got this version; after
   * `timeoutMs` rejects with {@link MissingPushes}.
   */
  async waitFor(marker: string, certnames: readonly string[], timeoutMs: number): Promise<{ nodes: number; lastAt: number }> {
    const end = performance.now() + timeoutMs;
    while (this.version(marker).nodes < certnames.length) {
      if (performance.now() > end) {
        throw new MissingPushes(marker, this.missing(marker, certnames), certnames.length, timeoutMs);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return this.version(marker);
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.deactivate()));
  }
}

/** Nodes whose queue got no catalog of a version in time; the message names the first 20. */
export class MissingPushes extends Error {
  constructor(readonly marker: string, readonly missing: readonly string[], nodes: number, timeoutMs: number) {
    super(`push watch: ${missing.length} of ${nodes} nodes got no catalog with '${marker}' within ${timeoutMs} ms: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''}`);
    this.name = 'MissingPushes';
  }
}

function connect(port: number, timeoutMs: number): Promise<Client> {
  const client = new Client({
    webSocketFactory: () => new TCPWrapper('127.0.0.1', port),
    reconnectDelay: 0, heartbeatIncoming: 0, heartbeatOutgoing: 0, debug: () => undefined,
  });
  return new Promise<Client>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`push watch: no STOMP connection to 127.0.0.1:${port} in ${timeoutMs} ms`)), timeoutMs);
    client.onConnect = () => { clearTimeout(timer); resolve(client); };
    client.activate();
  });
}
