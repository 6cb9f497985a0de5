// Micro-benchmark: what keeping integral Floats (`2.0`) costs the catalog's
// JSON (core/json/json-float.ts), side by side with plain JSON in rounds.
// Catalogs of the example site (no Float in them: the common case, which
// must cost nothing) and the same catalogs with a Float parameter on every
// tenth resource (the slow path: one replace over the text, a second scan
// and a reviver on reading).
// Usage: npx tsx ops/bench/compile/json-float.bench.ts   (ROUNDS=5)
import { JsonFloat, parseJson, writeJson } from '../../../core/json/json-float.js';
import type { PuppetCatalog } from '../../../core/catalog/puppet-catalog.types.js';
import { defaultCodeDir } from '../../cli/fleet/compile.command.js';
import { builtinPasses } from './compile-timing.js';

const ROUNDS = Number(process.env['ROUNDS'] ?? 5);
/** Each measurement repeats its operation for at least this long. */
const MIN_MS = 300;

const facts = (i: number): Record<string, unknown> => ({
  os: { family: i % 2 ? 'Debian' : 'RedHat', name: i % 2 ? 'Debian' : 'Rocky', release: { major: i % 2 ? '12' : '9', full: i % 2 ? '12.4' : '9.3' } },
  networking: { ip: `10.0.0.${i}`, fqdn: `web${i}.example.com` }, hostname: `web${i}`, fqdn: `web${i}.example.com`,
  processors: { count: 4 }, memory: { system: { total_bytes: 8589934592 } }, load_averages: { '1m': 0.25, '5m': 0.5 },
});

async function catalogs(): Promise<PuppetCatalog[]> {
  const kept: PuppetCatalog[] = [];
  const nodes = Array.from({ length: 20 }, (_x, i) => ({ certname: `${['web', 'db', 'app'][i % 3]}${i}.example.com`, facts: facts(i) }));
  await builtinPasses(defaultCodeDir(), nodes)((c) => kept.push(c));
  return kept;
}

/** The catalog with a Float parameter (`weight => 2.0`) on every tenth resource. */
const withFloats = (c: PuppetCatalog): PuppetCatalog => ({
  ...c,
  resources: c.resources.map((r, i) => (i % 10 ? r : { ...r, parameters: { ...r.parameters, weight: new JsonFloat(2) } })),
});

/** Microseconds of CPU per call of `op` over `inputs`. */
function cpuMicros<T>(inputs: readonly T[], op: (x: T) => unknown): number {
  let calls = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  while (performance.now() - started < MIN_MS) for (const x of inputs) { op(x); calls++; }
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / calls;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const plain = await catalogs();
const floaty = plain.map(withFloats);
const plainText = plain.map((c) => JSON.stringify(c));
const floatyText = floaty.map((c) => writeJson(c));
const factsText = plain.map((_c, i) => JSON.stringify(facts(i)));
const cases: [string, () => number, () => number][] = [
  ['write a catalog (no Float)', () => cpuMicros(plain, JSON.stringify), () => cpuMicros(plain, writeJson)],
  ['read a catalog (no Float)', () => cpuMicros(plainText, JSON.parse), () => cpuMicros(plainText, parseJson)],
  ['read facts (no integral Float)', () => cpuMicros(factsText, JSON.parse), () => cpuMicros(factsText, parseJson)],
  ['write a catalog (Floats)', () => cpuMicros(floaty, JSON.stringify), () => cpuMicros(floaty, writeJson)],
  ['read a catalog (Floats)', () => cpuMicros(floatyText, JSON.parse), () => cpuMicros(floatyText, parseJson)],
];
console.log(`${plain.length} example-site catalogs, ${Math.round(plainText.reduce((n, t) => n + t.length, 0) / plain.length)} bytes of JSON each; ${ROUNDS} rounds, A/B order alternating`);
for (const [name, a, b] of cases) {
  const ratios: number[] = [];
  const as: number[] = [];
  const bs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const [x, y] = r % 2 ? (() => { const yy = b(); return [a(), yy]; })() : [a(), b()];
    as.push(x); bs.push(y); ratios.push(y / x);
  }
  console.log(`${name}: JSON ${median(as).toFixed(1)} µs, Float-keeping ${median(bs).toFixed(1)} µs: ${median(ratios).toFixed(2)}× (range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`);
}
