import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../../core/threads/module-worker.js';
import type { FromWatchThread, WatchThreadData } from './push-watch.messages.js';

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
 * The STOMP clients run on a thread of their own (push-watch.worker.ts):
 * on the benchmark's main thread, parsing the catalogs delayed the agents'
 * check-ins that thread times.
 */
export class PushWatch {
  private readonly reached = new Map<string, Map<string, number>>();
  private messages = 0;

  private constructor(private readonly thread: Worker, private readonly markers: readonly string[]) {
    thread.on('message', (m: FromWatchThread) => {
      if (m.type !== 'seen') return;
      this.messages += m.messages;
      // Stamped in epoch ms on the watch's thread: made comparable with this thread's performance.now().
      for (const [certname, marker, at] of m.seen) this.seen(certname, this.markers[marker]!, at - performance.timeOrigin);
    });
  }

  /**
   * Connects and subscribes to every certname's queue; `markers` are the
   * strings that tell the versions' catalogs apart.
   */
  static async start(port: number, markers: readonly string[], certnames: readonly string[], timeoutMs = 30_000): Promise<PushWatch> {
    const data: WatchThreadData = { port, markers, certnames, timeoutMs };
    const thread = startModuleWorker(import.meta.url, 'push-watch.worker', data);
    await new Promise<void>((resolve, reject) => {
      const on = (m: FromWatchThread): void => {
        if (m.type === 'ready') resolve();
        if (m.type === 'failed') reject(new Error(m.message));
        if (m.type === 'ready' || m.type === 'failed') thread.off('message', on);
      };
      thread.on('message', on);
      thread.once('error', reject);
    });
    return new PushWatch(thread, markers);
  }

  private seen(certname: string, marker: string, at: number): void {
    let nodes = this.reached.get(marker);
    if (!nodes) this.reached.set(marker, nodes = new Map());
    if (!nodes.has(certname)) nodes.set(certname, at);
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
    const closed = new Promise<void>((resolve) => {
      this.thread.on('message', (m: FromWatchThread) => { if (m.type === 'closed') resolve(); });
      this.thread.once('exit', () => resolve());
    });
    this.thread.postMessage({ type: 'close' });
    await closed;
    await this.thread.terminate();
  }
}

/** Nodes whose queue got no catalog of a version in time; the message names the first 20. */
export class MissingPushes extends Error {
  constructor(readonly marker: string, readonly missing: readonly string[], nodes: number, timeoutMs: number) {
    super(`push watch: ${missing.length} of ${nodes} nodes got no catalog with '${marker}' within ${timeoutMs} ms: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''}`);
    this.name = 'MissingPushes';
  }
}
