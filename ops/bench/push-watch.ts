import { Client } from '@stomp/stompjs';
import { TCPWrapper } from '@stomp/tcp-wrapper';
import { DEFAULT_STOMP_PUSH_OPTIONS } from '../../actors/transport/stomp/stomp-push.js';

/**
 * What a benchmark sees arrive on the nodes' queues: one STOMP consumer on
 * the wildcard `/queue/troupe.node.>` (ActiveMQ adds node queues created
 * later to it), acking each message. A message counts for the code version
 * whose marker its catalog carries; per version it keeps the distinct
 * nodes reached and when the last one was first reached (bounded by the
 * fleet: one entry per node and version).
 */
export class PushWatch {
  private readonly reached = new Map<string, Map<string, number>>();
  private messages = 0;

  private constructor(private readonly client: Client, private readonly markers: readonly string[]) {}

  /** Connects and subscribes; `markers` are the strings that tell the versions' catalogs apart. */
  static async start(port: number, markers: readonly string[], timeoutMs = 30_000): Promise<PushWatch> {
    const client = new Client({
      webSocketFactory: () => new TCPWrapper('127.0.0.1', port),
      reconnectDelay: 0, heartbeatIncoming: 0, heartbeatOutgoing: 0, debug: () => undefined,
    });
    const watch = new PushWatch(client, markers);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`push watch: no STOMP connection to 127.0.0.1:${port} in ${timeoutMs} ms`)), timeoutMs);
      client.onConnect = () => { clearTimeout(timer); resolve(); };
      client.activate();
    });
    client.subscribe(`${DEFAULT_STOMP_PUSH_OPTIONS.destinationPrefix}>`, (m) => watch.seen(m.headers['destination'] ?? '', m.body), {
      ack: 'auto', 'activemq.prefetchSize': '1000',
    });
    return watch;
  }

  private seen(destination: string, body: string): void {
    this.messages++;
    const certname = destination.slice(destination.lastIndexOf(DEFAULT_STOMP_PUSH_OPTIONS.destinationPrefix) + DEFAULT_STOMP_PUSH_OPTIONS.destinationPrefix.length);
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
    return { nodes: nodes?.size ?? 0, lastAt: nodes ? Math.max(...nodes.values()) : 0 };
  }

  /** Resolves once `nodes` distinct nodes got this version, or rejects after `timeoutMs`. */
  async waitFor(marker: string, nodes: number, timeoutMs: number): Promise<{ nodes: number; lastAt: number }> {
    const end = performance.now() + timeoutMs;
    while (this.version(marker).nodes < nodes) {
      if (performance.now() > end) throw new Error(`push watch: ${this.version(marker).nodes} of ${nodes} nodes got ${marker} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return this.version(marker);
  }

  close(): Promise<void> {
    return this.client.deactivate();
  }
}
