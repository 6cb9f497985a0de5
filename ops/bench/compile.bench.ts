// Compile benchmark: the example site for N nodes (varied facts) with the
// builtin compiler and, when `puppet` is installed, with real Puppet 7 in
// one warm Ruby process (the reference script) and with the `puppet`
// backend's pool of 1…cores Ruby processes. Prints the rates, the ratio and
// the pool's scaling, and rewrites the `## Compile` section of
// docs/benchmarks.md.
// Usage: npm run bench:compile   (NODES=1000 by default)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NO_EXPORTED_RESOURCES } from '../../core/compiler/catalog-compiler.js';
import { defaultCodeDir } from '../cli/compile.command.js';
import { createPuppetCompiler } from '../puppet/puppet.compiler.js';
import { timeBuiltinCompiles } from './compile-timing.js';

const NODES = Number(process.env['NODES'] ?? 1000);
const here = dirname(fileURLToPath(import.meta.url));
const repo = [resolve(here, '../..'), resolve(here, '../../..')].find((d) => existsSync(join(d, 'package.json')))!;
const codeDir = defaultCodeDir();

/** Node i's certname and facts: roles, OS families, sizes and addresses vary. */
function node(i: number): { certname: string; facts: Record<string, unknown> } {
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

async function builtinRate(): Promise<number> {
  const { msPerCompile } = await timeBuiltinCompiles(codeDir, Array.from({ length: NODES }, (_x, i) => node(i)));
  return 1000 / msPerCompile;
}

/** Real Puppet: one Ruby process compiling every node in turn (code parsed once, then cached). */
function puppetRate(): number | undefined {
  if (spawnSync('puppet', ['--version'], { encoding: 'utf8' }).status !== 0) return undefined;
  const tmp = mkdtempSync(join(tmpdir(), 'troupe-bench-'));
  try {
    symlinkSync(codeDir, join(tmp, 'production'));
    mkdirSync(join(tmp, 'facts'));
    const files = Array.from({ length: NODES }, (_x, i) => {
      const n = node(i);
      const f = join(tmp, 'facts', `${n.certname}.json`);
      writeFileSync(f, JSON.stringify(n.facts));
      return f;
    });
    const list = join(tmp, 'facts.list');
    writeFileSync(list, files.join(','));
    const r = spawnSync('ruby', [join(repo, 'ops/scripts/puppet-reference.rb'), tmp, 'production', '-', `@${list}`, '-', '-', String(NODES)], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`puppet failed: ${r.stderr || r.stdout}`);
    const { catalogs, seconds } = JSON.parse(r.stdout) as { catalogs: number; seconds: number };
    return catalogs / seconds;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The `puppet` backend with `processes` Ruby processes, kept busy by as many
 * compiles at once (what the compile pool does); timed after a warm-up
 * round in which every process has compiled.
 */
async function puppetPoolRate(processes: number): Promise<number> {
  const compiler = createPuppetCompiler({ codeDir, processes, maxCompilesPerProcess: 1_000_000, maxRssMb: 4096, timeoutMs: 60_000, onLog: () => undefined });
  const compileRange = async (from: number, to: number): Promise<void> => {
    let next = from;
    await Promise.all(Array.from({ length: processes }, async () => {
      for (let i = next++; i < to; i = next++) {
        const r = await compiler.compile({ ...node(i), environment: 'production', exported: NO_EXPORTED_RESOURCES, catalogUuid: 'bench' });
        if (!r.ok) throw new Error(`puppet pool: ${r.error.message}`);
      }
    }));
  };
  try {
    await compileRange(0, processes * 2);
    const started = performance.now();
    await compileRange(0, NODES);
    return NODES / ((performance.now() - started) / 1000);
  } finally {
    await compiler.close!();
  }
}

function poolRows(pool: readonly number[]): string[] {
  if (pool.length === 0) return [];
  const one = pool[0]!;
  return pool.map((rate, i) => `| \`--compiler puppet\`, ${i + 1} Ruby process${i ? 'es' : ''} | ${rate.toFixed(1)} | ${(rate / one).toFixed(2)}× (target ≥ ${(0.9 * (i + 1)).toFixed(1)}×) |`);
}

function writeSection(builtin: number, puppet: number | undefined, pool: readonly number[]): void {
  const file = join(repo, 'docs/benchmarks.md');
  const ratio = puppet ? `${(builtin / puppet).toFixed(0)}×` : 'n/a (puppet not installed)';
  const section = [
    '## Compile',
    '',
    `Command: \`npm run bench:compile\` (NODES=${NODES}); measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}.`,
    '',
    `The example environment (docs/examples/environment: role/profile site, hiera, EPP, exported resources) compiled for ${NODES} nodes with varied facts (web/db/app roles, two OS families), one after another, in one process each.`,
    'All are measured warm: Puppet after one untimed compile (environment parsed and cached; Ruby has no JIT here), the builtin compiler after one untimed pass over the nodes (code parsed once, JIT warm), the `puppet` backend after two untimed compiles per Ruby process — the steady state of a long-running server.',
    'The `puppet` backend (ops/puppet/) runs the same Puppet in a pool of long-lived Ruby processes, as many compiles at once as processes; its figure includes the pipe round trip (facts in, catalog JSON out, parsed by Node).',
    '',
    '| compiler | catalogs/s | scaling over 1 process |',
    '|---|---|---|',
    `| builtin (TypeScript) | ${builtin.toFixed(0)} | |`,
    `| Puppet ${puppet ? '7 (one warm Ruby process, the reference script)' : ''} | ${puppet ? puppet.toFixed(1) : 'n/a'} | |`,
    ...poolRows(pool),
    '',
    `Ratio: ${ratio} (target ≥ 50×).`,
    '',
  ].join('\n');
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const re = /## Compile\n[\s\S]*?(?=\n## |$)/;
  writeFileSync(file, re.test(old) ? old.replace(re, section) : `${old.trimEnd()}\n\n${section}`);
}

const builtin = await builtinRate();
console.log(`builtin: ${builtin.toFixed(0)} catalogs/s`);
const puppet = puppetRate();
console.log(puppet ? `puppet:  ${puppet.toFixed(1)} catalogs/s\nratio:   ${(builtin / puppet).toFixed(0)}×` : 'puppet:  not installed');
const pool: number[] = [];
for (let n = 1; puppet && n <= cpus().length; n++) {
  pool.push(await puppetPoolRate(n));
  console.log(`puppet pool × ${n}: ${pool[n - 1]!.toFixed(1)} catalogs/s (${(pool[n - 1]! / pool[0]!).toFixed(2)}× one process)`);
}
writeSection(builtin, puppet, pool);
