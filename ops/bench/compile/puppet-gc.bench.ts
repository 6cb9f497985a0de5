// The `puppet` backend's pool with Ruby's GC defaults and with Troupe's
// GC settings (ops/puppet/ruby-gc-settings.ts), side by side: pools of 1
// and 2 Ruby processes for each, measured one after another within each
// round (the order reversed every other round) so that load from
// elsewhere hits them alike. Per round: rate, Troupe's and Ruby's CPU per
// catalog, 2-process scaling; then the medians. Writes no docs: run it on
// a quiet machine and compare the scaling with `bench:compile`'s target.
// Usage: npx tsx ops/bench/compile/puppet-gc.bench.ts   (NODES=200 ROUNDS=5 POOL_COMPILES=100)
import { readFileSync } from 'node:fs';
import { defaultCodeDir } from '../../cli/fleet/compile.command.js';
import { PIPELINE_DEPTH } from '../../puppet/puppet-pool.js';
import { RUBY_GC_SETTINGS, rubyEnvironment } from '../../puppet/ruby-gc-settings.js';
import { puppetPoolRounds, type PoolRound } from './puppet-pool-rounds.js';

const NODES = Number(process.env['NODES'] ?? 200);
const ROUNDS = Number(process.env['ROUNDS'] ?? 5);
const POOL_COMPILES = Number(process.env['POOL_COMPILES'] ?? 100);

/** Ruby's own defaults for the settings Troupe makes (Ruby 3.1: 10 000 initial slots). */
const RUBY_DEFAULTS: NodeJS.ProcessEnv = { ...process.env, RUBY_GC_HEAP_INIT_SLOTS: '10000' };
const VARIANTS: readonly [string, NodeJS.ProcessEnv][] = [['Ruby defaults', RUBY_DEFAULTS], [`Troupe (${Object.entries(RUBY_GC_SETTINGS).map(([k, v]) => `${k}=${v}`).join(' ')})`, rubyEnvironment()]];

const nodes = Array.from({ length: NODES }, (_x, i) => {
  const certname = `${['web', 'db', 'app', 'web'][i % 4]}${String(i).padStart(4, '0')}.example.com`;
  const redhat = i % 3 === 0;
  return {
    certname,
    facts: {
      os: { family: redhat ? 'RedHat' : 'Debian', name: redhat ? 'Rocky' : 'Debian', release: { major: redhat ? '9' : '12', full: redhat ? '9.3' : '12.4' } },
      networking: { ip: `10.0.${(i >> 8) & 255}.${i & 255}`, fqdn: certname }, hostname: certname.split('.')[0], fqdn: certname,
      processors: { count: 1 + (i % 16) }, memory: { system: { total_bytes: (4 + (i % 8) * 4) * 1073741824 } },
    },
  };
});

type Measured = PoolRound;

/** A pool of `processes` Ruby processes started with `env`, warm, and a round of POOL_COMPILES × processes compiles. */
const pool = (processes: number, env: NodeJS.ProcessEnv) => puppetPoolRounds({
  codeDir: defaultCodeDir(), processes, env, nodes, compilesPerProcess: POOL_COMPILES, warmPerProcess: PIPELINE_DEPTH * 5,
});

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const pools: { name: string; n: number; p: Awaited<ReturnType<typeof pool>> }[] = [];
for (const [name, env] of VARIANTS) for (const n of [1, 2]) pools.push({ name, n, p: await pool(n, env) });
const results = new Map<string, Measured[]>();
const key = (name: string, n: number): string => `${name} ×${n}`;
try {
  for (let r = 0; r < ROUNDS; r++) {
    for (const x of r % 2 ? [...pools].reverse() : pools) {
      const m = await x.p.round();
      results.set(key(x.name, x.n), [...(results.get(key(x.name, x.n)) ?? []), m]);
    }
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    console.log(`round ${r + 1} (load ${load}): ${VARIANTS.map(([name]) => {
      const [one, two] = [results.get(key(name, 1))![r]!, results.get(key(name, 2))![r]!];
      return `${name}: ×1 ${one.rate.toFixed(1)}/s Ruby ${one.rubyMs.toFixed(1)} ms, ×2 ${two.rate.toFixed(1)}/s Ruby ${two.rubyMs.toFixed(1)} ms, scaling ${(two.rate / one.rate).toFixed(2)}`;
    }).join(' | ')}`);
  }
} finally {
  for (const x of pools) await x.p.compiler.close!();
}
console.log('| GC | processes | catalogs/s | Troupe CPU/catalog | Ruby CPU/catalog | RSS per process | scaling (median of rounds) |');
console.log('|---|---|---|---|---|---|---|');
for (const [name] of VARIANTS) {
  for (const n of [1, 2]) {
    const ms = results.get(key(name, n))!;
    const scaling = n === 1 ? '' : `${median(ms.map((m, r) => m.rate / results.get(key(name, 1))![r]!.rate)).toFixed(2)}×`;
    console.log(`| ${name} | ${n} | ${median(ms.map((m) => m.rate)).toFixed(1)} | ${median(ms.map((m) => m.nodeMs)).toFixed(2)} ms | ${median(ms.map((m) => m.rubyMs)).toFixed(1)} ms | ${median(ms.map((m) => m.rssMb)).toFixed(0)} MB | ${scaling} |`);
  }
}
