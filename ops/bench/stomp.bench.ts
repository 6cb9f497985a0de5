import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@stomp/stompjs';
import { TCPWrapper } from '@stomp/tcp-wrapper';
import { pdbCommandMessage } from '../../actors/transport/stomp/stomp-command.message.js';
import { StompConnection } from '../../actors/transport/stomp/stomp-connection.js';
import { DEFAULT_STOMP_INGEST_OPTIONS, StompIngest } from '../../actors/transport/stomp/stomp-ingest.js';
import { SqliteEventLog } from '../../core/log/sqlite/event-log.sqlite.js';
import { packageRoot } from '../config/package-root.js';
import { machine, writeBenchmarkSection } from './support/bench-report.js';

/**
 * `npm run bench:stomp`: publishes N persistent replace_facts v5 commands
 * to ActiveMQ, then drains them twice per round on the same broker: once
 * with a bare stompjs consumer that only acks (the ceiling), once with
 * Troupe's ingestion (decode, durable group-committed append to SQLite
 * with synchronous=FULL, then ack). Prints both rates and their ratio.
 */
const TOTAL = Number(process.env['BENCH_STOMP_COMMANDS'] ?? 20_000);
const ROUNDS = Number(process.env['BENCH_STOMP_ROUNDS'] ?? 2);
const PORT = Number(process.env['BENCH_STOMP_PORT'] ?? 61730);
const PREFETCH = DEFAULT_STOMP_INGEST_OPTIONS.prefetchSize;
const url = `stomp://127.0.0.1:${PORT}`;

function client(): Promise<Client> {
  const c = new Client({
    webSocketFactory: () => new TCPWrapper('127.0.0.1', PORT),
    reconnectDelay: 0, heartbeatIncoming: 0, heartbeatOutgoing: 0, debug: () => undefined,
  });
  return new Promise((resolve) => {
    c.onConnect = () => resolve(c);
    c.activate();
  });
}

function factsBody(i: number): { certname: string; payload: Record<string, unknown> } {
  const certname = `node-${i % 5000}.example.com`;
  return {
    certname,
    payload: {
      certname, environment: 'production', producer_timestamp: new Date().toISOString(), producer: 'bench',
      values: { os: { family: 'Debian', release: { major: '12' } }, uptime_seconds: i, memoryfree_mb: i % 4096, ipaddress: `10.0.${i % 250}.${i % 200}`, kernel: 'Linux', processors: { count: 4 } },
    },
  };
}

/** Publishes N persistent commands; a receipt every 1000 paces the producer. */
async function fill(queue: string): Promise<void> {
  const c = await client();
  for (let i = 0; i < TOTAL; i++) {
    const { certname, payload } = factsBody(i);
    const m = pdbCommandMessage({ command: 'replace_facts', certname, payload, destination: queue });
    if (i % 1000 === 999 || i === TOTAL - 1) {
      const receipt = `fill-${i}`;
      await new Promise<void>((resolve) => {
        c.watchForReceipt(receipt, () => resolve());
        c.publish({ destination: queue, headers: { ...m.headers, receipt }, body: m.body });
      });
    } else {
      c.publish({ destination: queue, headers: { ...m.headers }, body: m.body });
    }
  }
  await c.deactivate();
}

async function bare(queue: string): Promise<number> {
  const c = await client();
  const t0 = performance.now();
  let n = 0;
  await new Promise<void>((resolve) => {
    c.subscribe(queue, (m) => {
      m.ack();
      if (++n === TOTAL) resolve();
    }, { ack: 'client-individual', 'activemq.prefetchSize': String(PREFETCH) });
  });
  const s = (performance.now() - t0) / 1000;
  await c.deactivate();
  return s;
}

async function troupe(queue: string, dir: string): Promise<number> {
  const log = new SqliteEventLog({ path: join(dir, `${queue.replace(/\W/g, '_')}.db`), synchronous: 'full' });
  const connection = new StompConnection({ brokerUrl: url }).start();
  await connection.whenConnected();
  const t0 = performance.now();
  const ingest = new StompIngest(connection, log, { destination: queue }).start();
  while (ingest.status().appended < TOTAL) await new Promise((r) => setTimeout(r, 2));
  const s = (performance.now() - t0) / 1000;
  if (ingest.status().rejected > 0) throw new Error('bench commands were rejected');
  await ingest.close();
  await connection.close();
  await log.close();
  return s;
}

const root = packageRoot();
const dir = mkdtempSync(join(tmpdir(), 'troupe-bench-stomp-'));
const broker = (cmd: string) => execFileSync('bash', [join(root, 'ops/scripts/activemq.sh'), cmd, '--port', String(PORT), '--data', join(dir, 'amq')], { stdio: 'inherit' });
broker('start');
const rows: string[] = [];
let bareTotal = 0;
let troupeTotal = 0;
try {
  for (let r = 1; r <= ROUNDS; r++) {
    await fill(`/queue/bench.bare.${r}`);
    await fill(`/queue/bench.troupe.${r}`);
    const b = await bare(`/queue/bench.bare.${r}`);
    const t = await troupe(`/queue/bench.troupe.${r}`, dir);
    bareTotal += b;
    troupeTotal += t;
    const line = `| ${r} | ${TOTAL} | ${b.toFixed(2)} | ${Math.round(TOTAL / b).toLocaleString('en')} | ${t.toFixed(2)} | ${Math.round(TOTAL / t).toLocaleString('en')} | ${((b / t) * 100).toFixed(0)} % |`;
    console.log(line);
    rows.push(line);
  }
} finally {
  broker('stop');
  rmSync(dir, { recursive: true, force: true });
}
const ratio = (bareTotal / troupeTotal) * 100;
console.log(`Troupe ingest / bare ack-only consumer: ${ratio.toFixed(0)} % (target ≥ 80 %)`);
writeBenchmarkSection('STOMP ingest', `
Command: \`npm run bench:stomp\` (${TOTAL.toLocaleString('en')} persistent replace_facts v5 commands per queue, ActiveMQ 5.17 on loopback via \`ops/scripts/activemq.sh\`, KahaDB; \`client-individual\` acks, \`activemq.prefetchSize\` ${PREFETCH}; Troupe acks each message only after its event is durably appended, SQLite synchronous=FULL, group commit).
Machine: ${machine()}. Baseline: a bare stompjs consumer on the same broker in the same run that only acks. Target: ≥ 80 % of its rate.

| round | messages | bare s | bare msg/s | Troupe s | Troupe events/s | Troupe / bare |
|---|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

Overall: Troupe ingest runs at **${ratio.toFixed(0)} %** of the ack-only consumer.
`);
