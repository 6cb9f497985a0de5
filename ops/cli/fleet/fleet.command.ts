import { join, resolve } from 'node:path';
import type { AgentApiName } from '../../fleet/fleet-agent.js';
import { FleetSimulator } from '../../fleet/fleet-simulator.js';
import { nodeCertificates } from '../../fleet/node-certificates.js';
import { UsageError } from '../cli-args.js';
import { defineCommand, positiveInteger } from '../cli-command.js';
import { TARGET_OPTIONS, troupeTarget } from '../http-client.js';

/** `30m`, `90s`, `1h`, `500ms` or plain milliseconds. */
export function parseDuration(text: string, field: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new UsageError(`--${field}: expected a duration like 30m, 90s or 500ms, got '${text}'`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 'ms') as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * unit;
}

/** `troupe fleet`: watch a fleet converge against a running Troupe. */
export const fleetCommand = defineCommand({
  name: 'fleet',
  summary: 'simulate N Puppet agents against a running Troupe',
  usage: '[--nodes N] [--interval 30m] [--splay 1m] [--runs N] [--duration 10m] [--url URL] [--server-list URL,URL] [--api v3|v4] [--no-report]',
  about: 'Each agent: a catalog request with its facts (honouring Retry-After), then a report. Over https the agents speak '
    + 'Puppet\'s v3 API, each with its own certificate (made by the CA in the ssldir on first use), a TLS handshake per request.',
  options: {
    nodes: { type: 'string', value: 'N', description: 'simulated agents', default: '100' },
    interval: { type: 'string', value: 'DURATION', description: 'time between one agent\'s runs', default: '30m' },
    splay: { type: 'string', value: 'DURATION', description: 'random delay added to each run', default: '1m' },
    runs: { type: 'string', value: 'N', description: 'stop after N runs per agent', defaultText: 'no limit' },
    duration: { type: 'string', value: 'DURATION', description: 'stop after this long', defaultText: 'no limit' },
    api: {
      type: 'string', value: 'v3|v4',
      description: "v3: as Puppet agents (each node's own certificate); v4: POST /puppet/v4/catalog and store_report as an admin tool",
      defaultText: 'v3 for an https URL, v4 for http',
    },
    'no-report': { type: 'boolean', description: 'do not send reports' },
    'server-list': {
      type: 'string', value: 'URL,URL',
      description: "Puppet's server_list: several instances; each agent starts at one (by its index) and moves to the next when a connection fails",
      defaultText: 'the --url alone',
    },
    ...TARGET_OPTIONS,
  },
}, async ({ values }) => {
  const target = troupeTarget(values);
  const https = new URL(target.url).protocol === 'https:';
  const api = values.api ?? (https ? 'v3' : 'v4');
  if (api !== 'v3' && api !== 'v4') throw new UsageError(`--api: expected v3 or v4, got '${api}'`);
  const nodes = positiveInteger('nodes', values.nodes);
  const sim = new FleetSimulator({
    url: target.url,
    ...(values['server-list'] ? { serverList: serverList(values['server-list'], https) } : {}),
    api: api satisfies AgentApiName,
    ...(https ? { tls: await fleetTls(api, nodes, resolve(values['ssl-dir'] ?? join(values['data-dir'], 'ssl')), target.tls!) } : {}),
    nodes,
    intervalMs: parseDuration(values.interval, 'interval'),
    splayMs: parseDuration(values.splay, 'splay'),
    runsPerNode: values.runs === undefined ? Infinity : positiveInteger('runs', values.runs),
    durationMs: values.duration === undefined ? Infinity : parseDuration(values.duration, 'duration'),
    report: !values['no-report'],
  });
  const started = Date.now();
  const progress = setInterval(() => {
    const s = sim.stats();
    console.log(`t=${((Date.now() - started) / 1000).toFixed(0)}s runs ok=${s.ok} failed=${s.failed} in-flight=${s.inFlight} retries(503)=${s.retries} failovers=${s.failovers} p50=${s.p50Ms.toFixed(0)}ms p99=${s.p99Ms.toFixed(0)}ms`);
  }, 5000);
  process.once('SIGINT', () => sim.stop());
  const s = await sim.run();
  clearInterval(progress);
  console.log(JSON.stringify({ ...s, seconds: (Date.now() - started) / 1000 }));
  return s.failed === 0 ? 0 : 1;
});

/** The URLs of `--server-list`, each of the `--url`'s scheme (one TLS setup serves them all). */
function serverList(text: string, https: boolean): string[] {
  const urls = text.split(',').map((u) => u.trim()).filter((u) => u !== '');
  for (const u of urls) {
    let parsed: URL;
    try {
      parsed = new URL(u);
    } catch {
      throw new UsageError(`--server-list: '${u}' is not a URL`);
    }
    if ((parsed.protocol === 'https:') !== https) throw new UsageError(`--server-list: '${u}' must use the --url's scheme (${https ? 'https' : 'http'})`);
  }
  return urls;
}

/** v3: every node presents its own certificate, made on first use; v4: every node the CLI's admin certificate. */
async function fleetTls(api: AgentApiName, nodes: number, sslDir: string, admin: NonNullable<ReturnType<typeof troupeTarget>['tls']>) {
  if (api === 'v4') return () => admin;
  let last = Date.now();
  return nodeCertificates(sslDir, nodes, (made) => {
    if (Date.now() - last < 5000) return;
    last = Date.now();
    console.log(`certificates made: ${made}`);
  });
}
