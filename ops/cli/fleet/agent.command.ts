import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { STOMP_HEADERS } from '../../../actors/transport/stomp/stomp-command.decoder.js';
import { pdbCommandMessage } from '../../../actors/transport/stomp/stomp-command.message.js';
import { StompConnection, type IncomingMessage } from '../../../actors/transport/stomp/stomp-connection.js';
import { DEFAULT_STOMP_INGEST_OPTIONS } from '../../../actors/transport/stomp/stomp-ingest.js';
import { DEFAULT_STOMP_PUSH_OPTIONS } from '../../../actors/transport/stomp/stomp-push.js';
import { RUN_HEADERS } from '../../../actors/transport/stomp/stomp-run-message.js';
import { UsageError, type OptionTable, type OptionValues } from '../cli-args.js';
import { defineCommand, positiveInteger } from '../cli-command.js';

const AGENT_OPTIONS = {
  certname: { type: 'string', value: 'NAME', description: 'this node (required)' },
  broker: { type: 'string', value: 'URL', description: 'stomp://host:port or stomp+ssl://host:port (required)' },
  dir: { type: 'string', value: 'DIR', description: 'where catalogs are written', default: '.' },
  apply: {
    type: 'string', value: 'CMD',
    description: 'run CMD after each catalog, {file} = the catalog path; exit 0 = unchanged, 2 = changed, else failed',
  },
  login: { type: 'string', value: 'USER', description: 'broker login' },
  passcode: { type: 'string', value: 'PASS', description: 'broker passcode' },
  'node-prefix': { type: 'string', value: 'P', description: 'node destination prefix', default: DEFAULT_STOMP_PUSH_OPTIONS.destinationPrefix },
  commands: { type: 'string', value: 'DEST', description: 'where reports go', default: DEFAULT_STOMP_INGEST_OPTIONS.destination },
  'max-catalogs': { type: 'string', value: 'N', description: 'exit after N catalogs', defaultText: 'run until SIGINT/SIGTERM' },
  'max-runs': { type: 'string', value: 'N', description: "exit after N run requests (troupe run)", defaultText: 'run until SIGINT/SIGTERM' },
} satisfies OptionTable;

/** What one applied catalog turned into. */
export type AgentRunStatus = 'changed' | 'unchanged' | 'failed';

/**
 * `troupe agent`: a minimal push-model agent for a node. Returns the exit
 * code (0 after a clean stop, 2 on bad arguments).
 */
export const runAgentCommand = defineCommand({
  name: 'agent',
  summary: 'a node-side agent: receive catalogs over STOMP, apply them, report back',
  usage: '--certname NAME --broker URL [options]',
  about: "Receives this node's catalogs from the broker, writes each one atomically to\n"
    + 'DIR/<certname>.catalog.json, acks it, optionally applies it, and sends a\n'
    + 'store_report v8 command back to Troupe. A run request (troupe run) applies the\n'
    + "catalog it has now the same way; its report's job_id is the run's id.\n"
    + 'e.g. --apply "puppet apply --noop --detailed-exitcodes --catalog {file}"',
  options: AGENT_OPTIONS,
}, async ({ values }) => {
  if (!values.certname || !values.broker) throw new UsageError('--certname and --broker are required');
  const limit = (flag: 'max-catalogs' | 'max-runs'): number => (values[flag] === undefined ? Infinity : positiveInteger(flag, values[flag]));
  return runAgent({ ...values, certname: values.certname, broker: values.broker }, { catalogs: limit('max-catalogs'), runs: limit('max-runs') });
});

async function runAgent(args: OptionValues<typeof AGENT_OPTIONS> & { certname: string; broker: string }, max: { catalogs: number; runs: number }): Promise<number> {
  const certname = args.certname;
  const dir = resolve(args.dir);
  mkdirSync(dir, { recursive: true });
  const connection = new StompConnection({
    brokerUrl: args.broker,
    ...(args.login !== undefined ? { login: args.login } : {}),
    ...(args.passcode !== undefined ? { passcode: args.passcode } : {}),
    onEvent: (e) => {
      if (e.type !== 'connected') process.stderr.write(`agent: ${JSON.stringify(e)}\n`);
    },
  }).start();
  const lastIdFile = join(dir, `.${certname}.last-event-id`);
  const handled = { catalogs: 0, runs: 0 };
  const file = join(dir, `${certname}.catalog.json`);
  let stop!: () => void;
  const stopped = new Promise<void>((r) => { stop = r; });
  const onSignal = (): void => stop();
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);

  // One catalog at a time, in order (prefetch 1, and a promise chain).
  let chain = Promise.resolve();
  const unsubscribe = connection.subscribe(`${args['node-prefix']}${certname}`, {
    ack: 'client-individual', 'activemq.prefetchSize': '1', 'prefetch-count': '1',
  }, (m) => {
    chain = chain.then(() => handle(m)).catch((e: unknown) => {
      process.stderr.write(`agent: ${(e as Error).message}\n`);
    });
  });

  async function handle(m: IncomingMessage): Promise<void> {
    if (handled.catalogs >= max.catalogs || handled.runs >= max.runs) return; // prefetched after the last one: left unacked for the next run
    if (m.message.headers[RUN_HEADERS.action] === 'run') return runNow(m);
    const eventId = m.message.headers[STOMP_HEADERS.eventId] ?? m.message.headers['message-id'] ?? randomUUID();
    if (readOr(lastIdFile, '') === eventId) {
      connection.ack(m); // a redelivery of the catalog we already applied
      return;
    }
    writeAtomically(file, m.message.body);
    writeAtomically(lastIdFile, eventId);
    connection.ack(m);
    const status = await applyAndReport(`report:${eventId}`, null);
    process.stdout.write(`agent: ${certname} catalog ${eventId} → ${status}\n`);
    if (++handled.catalogs >= max.catalogs) stop();
  }

  /** `troupe run`: the catalog this node has now, applied again; no catalog is a failed run. */
  async function runNow(m: IncomingMessage): Promise<void> {
    const runId = m.message.headers[RUN_HEADERS.runId] ?? randomUUID();
    connection.ack(m);
    const status = await applyAndReport(`report:run:${runId}:${certname}`, runId);
    process.stdout.write(`agent: ${certname} run ${runId} → ${status}\n`);
    if (++handled.runs >= max.runs) stop();
  }

  /** Applies the stored catalog (with --apply) and reports the outcome; `jobId` is the run's id when a run asked. */
  async function applyAndReport(reportId: string, jobId: string | null): Promise<AgentRunStatus> {
    const body = readOr(file, '');
    const start = new Date();
    const outcome = body === '' ? { status: 'failed' as const, output: 'no catalog received yet' }
      : args.apply ? await runApply(args.apply, file) : { status: 'unchanged' as const, output: 'catalog stored; no --apply command' };
    const end = new Date();
    let catalog: Record<string, unknown> = {};
    try { catalog = JSON.parse(body) as Record<string, unknown>; } catch { /* reported as failed below */ }
    const status: AgentRunStatus = Object.keys(catalog).length === 0 ? 'failed' : outcome.status;
    await connection.publish(pdbCommandMessage({
      command: 'store_report', certname, destination: args.commands, eventId: reportId,
      ...(args.login !== undefined ? { sender: args.login } : {}),
      payload: storeReport(certname, catalog, status, start, end, outcome.output, args.apply !== undefined && /--noop\b/.test(args.apply), jobId),
    }));
    return status;
  }

  await stopped;
  process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  unsubscribe();
  await chain;
  await connection.close();
  return 0;
}

function runApply(template: string, file: string): Promise<{ status: AgentRunStatus; output: string }> {
  const command = template.replaceAll('{file}', `'${file.replaceAll("'", `'\\''`)}'`);
  return new Promise((done) => {
    const child = spawn('sh', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (b: Buffer): void => { output = (output + b.toString()).slice(-8000); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (e) => done({ status: 'failed', output: e.message }));
    child.on('close', (code) => done({ status: code === 0 ? 'unchanged' : code === 2 ? 'changed' : 'failed', output }));
  });
}

/** A store_report v8 payload for one catalog run. */
function storeReport(certname: string, catalog: Record<string, unknown>, status: AgentRunStatus, start: Date, end: Date, output: string, noop: boolean, jobId: string | null) {
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  return {
    certname,
    environment: str(catalog['environment']) ?? 'production',
    puppet_version: 'troupe-agent',
    report_format: 12,
    configuration_version: String(catalog['version'] ?? ''),
    start_time: start.toISOString(),
    end_time: end.toISOString(),
    producer_timestamp: end.toISOString(),
    producer: certname,
    transaction_uuid: randomUUID(),
    catalog_uuid: str(catalog['catalog_uuid']),
    code_id: str(catalog['code_id']),
    cached_catalog_status: 'not_used',
    status,
    noop,
    noop_pending: false,
    corrective_change: false,
    type: 'agent',
    job_id: jobId,
    resources: [],
    metrics: [],
    logs: output.split('\n').filter((l) => l.trim() !== '').slice(-50).map((message) => ({
      level: /error/i.test(message) ? 'err' : 'notice', message, source: 'troupe-agent', tags: [], time: end.toISOString(), file: null, line: null,
    })),
  };
}

function writeAtomically(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

function readOr(path: string, fallback: string): string {
  try { return readFileSync(path, 'utf8'); } catch { return fallback; }
}
