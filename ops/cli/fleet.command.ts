import { FleetSimulator } from '../fleet/fleet-simulator.js';
import type { CliArgs } from './cli-args.js';
import { defaultUrl } from './http-client.js';

const USAGE = `usage: troupe fleet [--nodes N] [--interval 30m] [--splay 1m] [--runs N] [--duration 10m] [--url URL] [--no-report]
  N simulated Puppet agents: facts + catalog request (honouring Retry-After), then a report.`;

/** `30m`, `90s`, `1h`, `500ms` or plain milliseconds. */
export function parseDuration(text: string, field: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new Error(`--${field}: expected a duration like 30m, 90s or 500ms, got ${text}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 'ms') as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * unit;
}

/** `troupe fleet`: watch a fleet converge against a running Troupe. */
export async function fleetCommand(args: CliArgs): Promise<number> {
  if (args.flags['help']) {
    console.log(USAGE);
    return 0;
  }
  const f = args.flags;
  const sim = new FleetSimulator({
    url: defaultUrl(f),
    nodes: Number(f['nodes'] ?? 100),
    intervalMs: parseDuration(f['interval'] ?? '30m', 'interval'),
    splayMs: parseDuration(f['splay'] ?? '1m', 'splay'),
    runsPerNode: f['runs'] ? Number(f['runs']) : Infinity,
    durationMs: f['duration'] ? parseDuration(f['duration'], 'duration') : Infinity,
    report: f['noReport'] !== 'true',
  });
  const started = Date.now();
  const progress = setInterval(() => {
    const s = sim.stats();
    console.log(`t=${((Date.now() - started) / 1000).toFixed(0)}s runs ok=${s.ok} failed=${s.failed} in-flight=${s.inFlight} retries(503)=${s.retries} p50=${s.p50Ms.toFixed(0)}ms p99=${s.p99Ms.toFixed(0)}ms`);
  }, 5000);
  process.once('SIGINT', () => sim.stop());
  const s = await sim.run();
  clearInterval(progress);
  console.log(JSON.stringify({ ...s, seconds: (Date.now() - started) / 1000 }));
  return s.failed === 0 ? 0 : 1;
}
