import { FleetSimulator } from '../fleet/fleet-simulator.js';
import { UsageError } from './cli-args.js';
import { defineCommand, positiveInteger } from './cli-command.js';
import { TARGET_OPTIONS, troupeTarget } from './http-client.js';

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
  usage: '[--nodes N] [--interval 30m] [--splay 1m] [--runs N] [--duration 10m] [--url URL] [--no-report]',
  about: 'Each agent: facts, a catalog request (honouring Retry-After), then a report.',
  options: {
    nodes: { type: 'string', value: 'N', description: 'simulated agents', default: '100' },
    interval: { type: 'string', value: 'DURATION', description: 'time between one agent\'s runs', default: '30m' },
    splay: { type: 'string', value: 'DURATION', description: 'random delay added to each run', default: '1m' },
    runs: { type: 'string', value: 'N', description: 'stop after N runs per agent', defaultText: 'no limit' },
    duration: { type: 'string', value: 'DURATION', description: 'stop after this long', defaultText: 'no limit' },
    'no-report': { type: 'boolean', description: 'do not send reports' },
    ...TARGET_OPTIONS,
  },
}, async ({ values }) => {
  const target = troupeTarget(values);
  const sim = new FleetSimulator({
    url: target.url,
    ...(target.tls ? { tls: target.tls } : {}),
    nodes: positiveInteger('nodes', values.nodes),
    intervalMs: parseDuration(values.interval, 'interval'),
    splayMs: parseDuration(values.splay, 'splay'),
    runsPerNode: values.runs === undefined ? Infinity : positiveInteger('runs', values.runs),
    durationMs: values.duration === undefined ? Infinity : parseDuration(values.duration, 'duration'),
    report: !values['no-report'],
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
});
