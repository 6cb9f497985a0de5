import { AgentHttpError, agentTlsState, send, type AgentRequest, type AgentResponse, type AgentTls, type AgentTlsState } from './agent-http.js';
import { fleetNode, type FleetNode } from './fleet-node.js';

export interface AgentRunResult {
  readonly certname: string;
  /** 'ok' after a catalog; 'failed' after an error or giving up. */
  readonly outcome: 'ok' | 'failed';
  /** Times the agent was told to come back (503 + Retry-After). */
  readonly retries: number;
  /** Times a connection failed and the run moved to the next server of `serverList`. */
  readonly failovers: number;
  /** From the run's first request to its catalog (or failure), ms. */
  readonly timeToCatalogMs: number;
  readonly error?: string;
}

/**
 * The API a simulated agent speaks: 'v3' as a Puppet 7 agent does
 * (`POST /puppet/v3/catalog/<certname>` form-encoded, `PUT
 * /puppet/v3/report/<certname>`), over https with the node's own
 * certificate; 'v4' as an admin tool on the nodes' behalf (`POST
 * /puppet/v4/catalog`, PuppetDB's `store_report`), the lighter load.
 */
export type AgentApiName = 'v3' | 'v4';

export interface AgentRunOptions {
  readonly url: string;
  /**
   * Puppet's `server_list`: several servers, tried in turn when a
   * connection fails (refused, reset: the server is gone). A node starts at
   * the server its index picks (index modulo the list), so a fleet spreads
   * over them. @defaultValue [url]
   */
  readonly serverList?: readonly string[];
  readonly api: AgentApiName;
  /** The certificate a node's run presents over https: its own for v3, the admin tool's for v4. */
  readonly tls?: (certname: string) => AgentTls;
  /** Per-request timeout, as an agent's `http_read_timeout`. */
  readonly requestTimeoutMs: number;
  /** A run gives up after this long (counted as failed). */
  readonly runTimeoutMs: number;
  /** Send a report after applying, as an agent with `report = true` does. */
  readonly report: boolean;
  /** Scales Retry-After (1 = honour it as agents do; benchmarks may shorten it). */
  readonly retryAfterScale: number;
}

/** One API's requests: the catalog request with the node's facts, the catalog's version from the answer, the report. */
export interface AgentApi {
  catalog(node: FleetNode, transactionUuid: string): AgentRequest;
  catalogVersion(answer: Buffer): unknown;
  report(node: FleetNode, version: unknown, transactionUuid: string): AgentRequest;
}

/** The catalog formats a Puppet 7 agent accepts, in its order. */
const PUPPET_ACCEPT = 'application/vnd.puppet.rich+json, application/json, application/x-msgpack, text/pson';

export const AGENT_APIS: Readonly<Record<AgentApiName, AgentApi>> = {
  v4: {
    catalog: (node, transactionUuid) => ({
      method: 'POST', path: '/puppet/v4/catalog', contentType: 'application/json',
      body: JSON.stringify({ certname: node.certname, environment: 'production', facts: { values: node.facts }, transaction_uuid: transactionUuid }),
    }),
    catalogVersion: (answer) => (JSON.parse(answer.toString('utf8')) as { catalog: { version: unknown } }).catalog.version,
    report: (node, version, transactionUuid) => {
      const now = new Date().toISOString();
      return {
        method: 'POST', path: `/pdb/cmd/v1?command=store_report&version=8&certname=${node.certname}`, contentType: 'application/json',
        body: JSON.stringify({
          certname: node.certname, environment: 'production', producer_timestamp: now, start_time: now, end_time: now,
          status: 'unchanged', noop: false, configuration_version: String(version), puppet_version: '7.23.0',
          report_format: 12, transaction_uuid: transactionUuid, catalog_uuid: null, resources: [], metrics: [], logs: [],
        }),
      };
    },
  },
  v3: {
    // The fields and order of Puppet 7's Puppet::HTTP::Service::Compiler#post_catalog
    // (test/support/puppet/puppet-catalog-request.rb prints a real one): the facts
    // JSON is URL-encoded once, then once more as a form field.
    catalog: (node, transactionUuid) => {
      const facts = JSON.stringify({ name: node.certname, values: node.facts, timestamp: new Date().toISOString() });
      const form = [
        ['facts_format', 'application/json'], ['facts', encodeURIComponent(facts)], ['environment', 'production'],
        ['configured_environment', 'production'], ['check_environment', 'false'], ['transaction_uuid', transactionUuid],
        ['job_uuid', ''], ['static_catalog', 'true'], ['checksum_type', 'sha256.sha384.sha512.sha224.md5'],
      ].map(([k, v]) => `${k}=${encodeURIComponent(v!)}`).join('&');
      return {
        method: 'POST', path: `/puppet/v3/catalog/${node.certname}?environment=production`,
        contentType: 'application/x-www-form-urlencoded', accept: PUPPET_ACCEPT, body: form,
      };
    },
    catalogVersion: (answer) => (JSON.parse(answer.toString('utf8')) as { version: unknown }).version,
    // A run that changed nothing, in report format 12 (Puppet 7).
    report: (node, version, transactionUuid) => ({
      method: 'PUT', path: `/puppet/v3/report/${node.certname}?environment=production`, contentType: 'application/json', accept: PUPPET_ACCEPT,
      body: JSON.stringify({
        host: node.certname, time: new Date().toISOString(), configuration_version: version, transaction_uuid: transactionUuid,
        report_format: 12, puppet_version: '7.23.0', status: 'unchanged', noop: false, environment: 'production',
        cached_catalog_status: 'not_used', logs: [], resource_statuses: {},
        metrics: { time: { name: 'time', label: 'Time', values: [['total', 'Total', 0.01]] } },
      }),
    }),
  },
};

/**
 * One Puppet agent run, as Puppet 7 does it: request the catalog with the
 * node's facts, honour `Retry-After` on 503 (each try on a new connection,
 * as puppetserver closes the one it refuses), then report. Every
 * connection pays a full TLS handshake: Puppet 7's Ruby (2.7) keeps a TLS
 * 1.3 session before its ticket arrives, so its retries cannot resume.
 */
export async function agentRun(index: number, o: AgentRunOptions): Promise<AgentRunResult> {
  const node = fleetNode(index);
  const api = AGENT_APIS[o.api];
  const servers = (o.serverList && o.serverList.length > 0 ? o.serverList : [o.url]).map((u) => new URL(u));
  let at = index % servers.length;
  let failovers = 0;
  const url = servers[at]!;
  const tls = url.protocol === 'https:' && o.tls ? agentTlsState(o.tls(node.certname)) : undefined;
  const started = performance.now();
  const deadline = started + o.runTimeoutMs;
  const transactionUuid = crypto.randomUUID();
  const request = api.catalog(node, transactionUuid);
  let retries = 0;
  const result = (outcome: 'ok' | 'failed', error?: string): AgentRunResult => ({
    certname: node.certname, outcome, retries, failovers, timeToCatalogMs: performance.now() - started, ...(error ? { error } : {}),
  });
  while (performance.now() < deadline) {
    let res: AgentResponse;
    try {
      res = await send(servers[at]!, request, o.requestTimeoutMs, tls);
    } catch (e) {
      if (e instanceof AgentHttpError && e.kind === 'connection' && failovers < servers.length - 1) {
        // The next server of the list; a request the gone server had logged is answered there all the same, to nobody.
        failovers++;
        at = (at + 1) % servers.length;
        continue;
      }
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
    if (o.report) await sendReport(servers[at]!, api.report(node, api.catalogVersion(res.body), transactionUuid), o, tls);
    return done;
  }
  return result('failed', 'gave up');
}

/** A report that is not taken is the agent's loss, not the run's: Puppet logs it and carries on. */
async function sendReport(url: URL, request: AgentRequest, o: AgentRunOptions, tls: AgentTlsState | undefined): Promise<void> {
  await send(url, request, o.requestTimeoutMs, tls).catch(() => undefined);
}
