// Compile benchmark, side by side: the example site for NODES nodes (varied
// facts) with the builtin compiler, with real Puppet 7 in one warm Ruby
// process (the reference script), and with the `puppet` backend's pool of
// 1…cores Ruby processes. All of them are measured in ROUNDS rounds, one
// after another within each round (the order reversed every other round), so
// that load from elsewhere on the machine hits them alike; the ratios are
// taken within a round and their medians reported, with pass/miss against
// issue 14's targets. Rewrites the `## Compile` section of docs/benchmarks.md.
// Usage: npm run bench:compile   (NODES=1000 ROUNDS=7 REF_COMPILES=100 POOL_COMPILES=100)
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { defaultCodeDir } from '../../cli/fleet/compile.command.js';
import { PIPELINE_DEPTH } from '../../puppet/puppet-pool.js';
import type { PuppetCompiler } from '../../puppet/puppet.compiler.js';
import { builtinPasses, type BenchNode } from './compile-timing.js';
import { puppetPoolRounds } from './puppet-pool-rounds.js';

const NODES = Number(process.env['NODES'] ?? 1000);
const ROUNDS = Number(process.env['ROUNDS'] ?? 7);
/** Reference compiles per round (~1 s of Puppet). */
const REF_COMPILES = Number(process.env['REF_COMPILES'] ?? 100);
/** Pool compiles per round and per Ruby process. */
const POOL_COMPILES = Number(process.env['POOL_COMPILES'] ?? 100);
/** A builtin round repeats its pass over the nodes for at least this long, as long as the others take. */
const BUILTIN_ROUND_MS = 1000;
const TARGET_RATIO = 50;
const TARGET_SCALING = 0.9;

const here = dirname(fileURLToPath(import.meta.url));
const repo = [resolve(here, '../../..'), resolve(here, '../../../..')].find((d) => existsSync(join(d, 'package.json')))!;
const codeDir = defaultCodeDir();

/** Node i's certname and facts: roles, OS families, sizes and addresses vary. */
function node(i: number): BenchNode {
  const kinds = ['web', 'db', 'app', 'web'];
  const kind = kinds[i % kinds.length]!;
  const certname = `${kind}${String(i).padStart(4, '0')}.example.com`;
  const redhat = i % 3 === 0;
  return {
    certname,
    facts: {
      os: { family: redhat ? 'RedHat' : 'Debian', name: redhat ? 'Rocky' : 'Debian', release: { major: redhat ? '9' : '12', full: redhat ? '9.3' : '12.4' } },
      networking: { ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, fqdn: certname },
      hostname: certname.split('.')[0], fqdn: certname,
      processors: { count: 1 + (i % 16) },
      memory: { system: { total_bytes: (4 + (i % 8) * 4) * 1073741824 } },
      ssh: i % 2 ? { ecdsa: { key: `AAAA${i}` } } : {},
    },
  };
}

const nodes = Array.from({ length: NODES }, (_x, i) => node(i));

/** A rate and what one compile cost in CPU: `childMs` is the Ruby processes'. */
interface Measured { readonly rate: number; readonly cpuMs: number; readonly childMs?: number }

/** Builtin: passes over the nodes for at least BUILTIN_ROUND_MS. */
function builtinRounds(): () => Promise<Measured> {
  const pass = builtinPasses(codeDir, nodes);
  return async () => {
    let ms = 0, cpu = 0, passes = 0;
    do { const t = await pass(); ms += t.msPerCompile; cpu += t.cpuMsPerCompile; passes++; } while (ms * NODES < BUILTIN_ROUND_MS);
    return { rate: (1000 * passes) / ms, cpuMs: cpu / passes };
  };
}

/** Real Puppet: the reference script's one warm Ruby process, compiling REF_COMPILES per round on request. */
async function referenceRounds(tmp: string): Promise<{ round: () => Promise<Measured>; close: () => void }> {
  symlinkSync(codeDir, join(tmp, 'production'));
  mkdirSync(join(tmp, 'facts'));
  const files = nodes.map((n) => {
    const f = join(tmp, 'facts', `${n.certname}.json`);
    writeFileSync(f, JSON.stringify(n.facts));
    return f;
  });
  writeFileSync(join(tmp, 'facts.list'), files.join(','));
  const ruby: ChildProcessWithoutNullStreams = spawn('ruby', [join(repo, 'ops/scripts/puppet-reference.rb'), tmp, 'production', '-', `@${join(tmp, 'facts.list')}`, '-', '-', 'rounds']);
  let stderr = '';
  ruby.stderr.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-2000); });
  const lines = createInterface({ input: ruby.stdout })[Symbol.asyncIterator]();
  const line = async (): Promise<string> => {
    const r = await lines.next();
    if (r.done) throw new Error(`the reference script stopped: ${stderr}`);
    return r.value;
  };
  if ((await line()) !== 'ready') throw new Error(`the reference script did not start: ${stderr}`);
  return {
    async round() {
      ruby.stdin.write(`${REF_COMPILES}\n`);
      const r = JSON.parse(await line()) as { catalogs: number; seconds: number; cpu_seconds: number };
      return { rate: r.catalogs / r.seconds, cpuMs: (1000 * r.cpu_seconds) / r.catalogs };
    },
    close: () => ruby.stdin.end(),
  };
}

/**
 * The `puppet` backend with `processes` Ruby processes (puppetPoolRounds):
 * warm once every process has compiled twice; a round is POOL_COMPILES ×
 * processes compiles and reports Troupe's CPU (`cpuMs`) and the Ruby
 * processes' (`childMs`) per compile.
 */
async function poolRounds(processes: number): Promise<{ round: () => Promise<Measured>; compiler: PuppetCompiler }> {
  const pool = await puppetPoolRounds({ codeDir, processes, nodes, compilesPerProcess: POOL_COMPILES, warmPerProcess: PIPELINE_DEPTH * 2 });
  return {
    compiler: pool.compiler,
    async round() {
      const r = await pool.round();
      return { rate: r.rate, cpuMs: r.nodeMs, childMs: r.rubyMs };
    },
  };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const range = (xs: readonly number[], digits: number): string => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
const verdict = (ok: boolean): string => (ok ? 'pass' : 'MISS');

interface Round { builtin: Measured; reference?: Measured; pools: Measured[] }

async function measure(): Promise<{ rounds: Round[]; hasPuppet: boolean }> {
  const builtin = builtinRounds();
  await builtin(); // warm: code parsed, JIT warm
  const hasPuppet = spawnSync('puppet', ['--version'], { encoding: 'utf8' }).status === 0;
  const tmp = mkdtempSync(join(tmpdir(), 'troupe-bench-'));
  const reference = hasPuppet ? await referenceRounds(tmp) : undefined;
  const pools: Awaited<ReturnType<typeof poolRounds>>[] = [];
  for (let n = 1; hasPuppet && n <= cpus().length; n++) pools.push(await poolRounds(n));
  const rounds: Round[] = [];
  try {
    for (let r = 0; r < ROUNDS; r++) {
      const steps: (() => Promise<void>)[] = [];
      const round: Round = { builtin: { rate: 0, cpuMs: 0 }, pools: [] };
      steps.push(async () => { round.builtin = await builtin(); });
      if (reference) steps.push(async () => { round.reference = await reference.round(); });
      pools.forEach((p, i) => steps.push(async () => { round.pools[i] = await p.round(); }));
      // Every other round in reverse order: drift of the machine's load hits every compiler alike.
      for (const step of r % 2 ? steps.reverse() : steps) await step();
      rounds.push(round);
      console.log(roundLine(r, round));
    }
  } finally {
    reference?.close();
    for (const p of pools) await p.compiler.close!();
    rmSync(tmp, { recursive: true, force: true });
  }
  return { rounds, hasPuppet };
}

function roundLine(r: number, round: Round): string {
  const parts = [`round ${r + 1}: builtin ${round.builtin.rate.toFixed(0)}/s`];
  if (round.reference) parts.push(`puppet ${round.reference.rate.toFixed(1)}/s (${(round.builtin.rate / round.reference.rate).toFixed(0)}×)`);
  round.pools.forEach((p, i) => parts.push(`pool×${i + 1} ${p.rate.toFixed(1)}/s (${(p.rate / round.pools[0]!.rate).toFixed(2)}× one)`));
  return parts.join(', ');
}

/** The summary: medians of the per-round figures and ratios, with the targets. */
function summary(rounds: readonly Round[]): string[] {
  const ref = rounds.flatMap((r) => (r.reference ? [r.reference] : []));
  const ratios = rounds.flatMap((r) => (r.reference ? [r.builtin.rate / r.reference.rate] : []));
  const b = rounds.map((r) => r.builtin);
  const lines = [
    '| compiler | catalogs/s (median; range) | CPU per catalog | ratio (median of rounds; range) | target |',
    '|---|---|---|---|---|',
    `| builtin (TypeScript) | ${median(b.map((m) => m.rate)).toFixed(0)} (${range(b.map((m) => m.rate), 0)}) | ${median(b.map((m) => m.cpuMs)).toFixed(3)} ms | | |`,
  ];
  if (ref.length === 0) return [...lines, '', 'Puppet is not installed: no reference, no pool.'];
  const cpuRatios = rounds.flatMap((r) => (r.reference ? [r.reference.cpuMs / r.builtin.cpuMs] : []));
  lines.push(`| Puppet 7, one warm Ruby process (reference script) | ${median(ref.map((m) => m.rate)).toFixed(1)} (${range(ref.map((m) => m.rate), 1)}) | ${median(ref.map((m) => m.cpuMs)).toFixed(1)} ms | builtin ${median(ratios).toFixed(0)}× (${range(ratios, 0)}); ${median(cpuRatios).toFixed(0)}× in CPU per catalog | ≥ ${TARGET_RATIO}×: ${verdict(median(ratios) >= TARGET_RATIO)} |`);
  const processes = rounds[0]!.pools.length;
  for (let n = 1; n <= processes; n++) {
    const p = rounds.map((r) => r.pools[n - 1]!);
    const overRef = rounds.map((r) => r.pools[n - 1]!.rate / r.reference!.rate);
    const scaling = rounds.map((r) => r.pools[n - 1]!.rate / r.pools[0]!.rate);
    const target = TARGET_SCALING * n;
    // Cores the Ruby processes kept busy: n when nothing else wants the cores and none of them waits for Troupe.
    const busy = median(p.map((m) => (m.rate * m.childMs!) / 1000));
    const cpu = `Troupe ${median(p.map((m) => m.cpuMs)).toFixed(2)} ms + Ruby ${median(p.map((m) => m.childMs!)).toFixed(1)} ms (Ruby busy ${busy.toFixed(2)} of ${n} cores)`;
    // CPU per catalog, Troupe's and Ruby's together, over the reference's: what load from elsewhere does not skew.
    const cpuOverRef = rounds.map((r) => (r.pools[0]!.cpuMs + r.pools[0]!.childMs!) / r.reference!.cpuMs);
    const ratio = n === 1
      ? `${median(overRef).toFixed(2)}× the reference's rate (${range(overRef, 2)}); ${median(cpuOverRef).toFixed(2)}× its CPU per catalog`
      : `${median(scaling).toFixed(2)}× one process (${range(scaling, 2)})`;
    lines.push(`| \`--compiler puppet\`, ${n} Ruby process${n > 1 ? 'es' : ''} | ${median(p.map((m) => m.rate)).toFixed(1)} (${range(p.map((m) => m.rate), 1)}) | ${cpu} | ${ratio} | ${n === 1 ? '' : `≥ ${target.toFixed(1)}×: ${verdict(median(scaling) >= target)}`} |`);
  }
  return lines;
}

function writeSection(lines: readonly string[]): void {
  const file = join(repo, 'docs/benchmarks.md');
  const section = [
    '## Compile',
    '',
    `Command: \`npm run bench:compile\` (NODES=${NODES}, ROUNDS=${ROUNDS}); measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} at the end.`,
    '',
    `The example environment (docs/examples/environment: role/profile site, hiera, EPP, exported resources) for ${NODES} nodes with varied facts (web/db/app roles, two OS families).`,
    'Side by side: every round measures each compiler once, one after another (every other round in reverse order), and the ratios are taken within a round, so that load from elsewhere hits both sides of a ratio alike; the table shows medians over the rounds.',
    `All are warm: the builtin after one untimed pass (code parsed and cached, JIT warm), a round being passes over the nodes for at least ${BUILTIN_ROUND_MS} ms; Puppet after one untimed compile (environment parsed and cached), ${REF_COMPILES} compiles a round in one Ruby process (the reference script, no catalog JSON); the \`puppet\` backend after two compiles per Ruby process, ${POOL_COMPILES} compiles per process a round, kept as busy as the compile pool keeps it (${PIPELINE_DEPTH} compiles per process at once: one compiling, one sent ahead), including facts in, the catalog's JSON out and Node's parse.`,
    'CPU per catalog: the builtin\'s and the reference\'s own; for the pool, Troupe\'s (the Node process) and the Ruby processes\' (from /proc).',
    '',
    ...lines,
    '',
  ].join('\n');
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const re = /## Compile\n[\s\S]*?(?=\n## |$)/;
  writeFileSync(file, re.test(old) ? old.replace(re, section) : `${old.trimEnd()}\n\n${section}`);
}

const { rounds } = await measure();
const lines = summary(rounds);
console.log(lines.join('\n'));
writeSection(lines);
