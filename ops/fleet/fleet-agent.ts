import { AgentHttpError, postJson, type AgentResponse, type AgentTls } from './agent-http.js';
import { fleetNode } from './fleet-node.js';

export interface AgentRunResult {
  readonly certname: string;
  /** 'ok' after a catalog; 'failed' after an error or giving up. */
  readonly outcome: 'ok' | 'failed';
  /** Times the agent was told to come back (503 + Retry-After). */
  readonly retries: number;
  /** From the run's first request to its catalog (or failure), ms. */
  readonly timeToCatalogMs: number;
  readonly error?: string;
}

export interface AgentRunOptions {
  readonly url: string;
  /** The certificate to present over https (the simulator speaks as an admin tool on the v4 API). */
  readonly tls?: AgentTls;
  /** Per-request timeout, as an agent's `http_read_timeout`. */
  readonly requestTimeoutMs: number;
  /** A run gives up after this long (counted as failed). */
  readonly runTimeoutMs: number;
  /** Send a store_report v8 after applying, as an agent with reports=puppetdb would. */
  readonly report: boolean;
  /** Scales Retry-After (1 = honour it as agents do; benchmarks may shorten it). */
  readonly retryAfterScale: number;
}

/** The body of node `index`'s `POST /puppet/v4/catalog`: its facts, as puppetserver takes them. */
export function catalogRequestBody(index: number, transactionUuid?: string): string {
  const node = fleetNode(index);
  return JSON.stringify({ certname: node.certname, environment: 'production', facts: { values: node.facts }, ...(transactionUuid ? { transaction_uuid: transactionUuid } : {}) });
}

/**
 * One Puppet agent run, as Puppet 7 does it: request the catalog with the
 * node's facts, honour `Retry-After` on 503, then report.
 */
export async function agentRun(index: number, o: AgentRunOptions): Promise<AgentRunResult> {
  const node = fleetNode(index);
  const url = new URL(o.url);
  const started = performance.now();
  const deadline = started + o.runTimeoutMs;
  const body = catalogRequestBody(index, crypto.randomUUID());
  let retries = 0;
  const result = (outcome: 'ok' | 'failed', error?: string): AgentRunResult => ({
    certname: node.certname, outcome, retries, timeToCatalogMs: performance.now() - started, ...(error ? { error } : {}),
  });
  while (performance.now() < deadline) {
    let res: AgentResponse;
    try {
      res = await postJson(url, '/puppet/v4/catalog', body, o.requestTimeoutMs, o.tls);
    } catch (e) {
      return result('failed', e instanceof AgentHttpError && e.kind === 'timeout' ? 'timeout' : String((e as Error).message));
    }
    if (res.status === 503) {
      retries++;
      const after = Number(res.headers['retry-after'] ?? 5) * 1000 * o.retryAfterScale;
      await new Promise((r) => setTimeout(r, Math.min(after, Math.max(0, deadline - performance.now()))));
      continue;
    }
    if (res.status !== 200) return result('failed', `HTTP ${res.status}: ${res.body.subarray(0, 120).toString('utf8')}`);
    const done = result('ok');
    // The catalog is only read to report on it; a run without reports leaves it undecoded.
    if (o.report) await sendReport(url, node.certname, (JSON.parse(res.body.toString('utf8')) as { catalog: { version: unknown } }).catalog.version, o);
    return done;
  }
  return result('failed', 'gave up');
}

async function sendReport(url: URL, certname: string, version: unknown, o: AgentRunOptions): Promise<void> {
  const now = new Date().toISOString();
  await postJson(url, `/pdb/cmd/v1?command=store_report&version=8&certname=${certname}`, JSON.stringify({
    certname, environment: 'production', producer_timestamp: now, start_time: now, end_time: now,
    status: 'unchanged', noop: false, configuration_version: String(version), puppet_version: '7.23.0',
    report_format: 12, transaction_uuid: crypto.randomUUID(), catalog_uuid: null, resources: [], metrics: [], logs: [],
  }), o.requestTimeoutMs, o.tls).catch(() => undefined);
}
