import pg from 'pg';
import { agentRun, type AgentRunResult } from '../../../ops/fleet/fleet-agent.js';
import type { ServeProcess } from './serve-process.js';

/** Some work per compile (a fold over 20,000 numbers), so a job is still being compiled when its instance (or worker) is killed. */
export const BUSY_SITE = "node default { $sum = 20000.reduce(0) |$a, $i| { $a + $i }\n notify { \"hello ${facts['networking']['hostname']} ${sum}\": } }\n";

/** An instance's `/status` `compileQueue`, the figures the compile-queue tests read. */
export interface QueueStatus {
  connections: { publish: { state: string }; consume: { state: string } };
  published: number; local: number; consumed: number; redelivered: number; duplicates: number; retried: number; timedOut: number; compiling: number;
}

export const queueOf = async (s: ServeProcess): Promise<QueueStatus> => ((await (await fetch(`${s.url}/status`)).json()) as { compileQueue: QueueStatus }).compileQueue;

export const bothConnected = (q: QueueStatus | undefined): boolean => q?.connections.publish.state === 'connected' && q.connections.consume.state === 'connected';

/** `count` agents from `first`, starting over `splayMs`, each at instance `k % 2` first with the other as its fail-over. */
export function fleet(serves: readonly ServeProcess[], first: number, count: number, splayMs: number): Promise<AgentRunResult[]> {
  return Promise.all(Array.from({ length: count }, async (_, k) => {
    await new Promise((r) => setTimeout(r, (k / count) * splayMs));
    const list = serves.map((s) => s.url);
    const serverList = k % 2 === 0 ? list : [...list].reverse();
    return agentRun(first + k, { url: serverList[0]!, serverList, api: 'v4', requestTimeoutMs: 60_000, runTimeoutMs: 120_000, report: false, retryAfterScale: 0.1 });
  }));
}

/** Outcomes naming each request (by its id in the outcome's data). */
const PER_REQUEST = `SELECT r.event_id, (SELECT count(*) FROM events o WHERE o.type IN ('catalog_compiled', 'compile_failed') AND o.stream = r.stream
  AND o.position > r.position AND o.data LIKE '%' || r.event_id || '%') AS n FROM events r WHERE r.type = 'catalog_requested'`;

/** How many requests the log holds, and how many have no outcome, exactly one, more than one. */
export async function answersPerRequest(db: pg.Client): Promise<{ requests: number; unanswered: number; answeredOnce: number; answeredMore: number }> {
  const counts = (await db.query<{ n: string }>(PER_REQUEST)).rows.map((r) => Number(r.n));
  return { requests: counts.length, unanswered: counts.filter((n) => n === 0).length, answeredOnce: counts.filter((n) => n === 1).length, answeredMore: counts.filter((n) => n > 1).length };
}
