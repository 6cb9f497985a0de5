/**
 * A strict parser of Prometheus' text exposition format 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/), for
 * tests: every line is parsed, and anything a Prometheus server would
 * reject — or that breaks the format's rules on families (one HELP and one
 * TYPE per family, before its samples, samples of a family together,
 * histogram buckets cumulative up to `+Inf` = `_count`, no duplicate
 * series) — throws, naming the line.
 */
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  readonly timestampMs?: number;
}

export interface MetricFamily {
  readonly name: string;
  help?: string;
  type: MetricType;
  readonly samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const TYPES: ReadonlySet<string> = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Readonly<Record<string, readonly string[]>> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['_sum', '_count'],
};

export class ExpositionError extends Error {
  constructor(line: number, text: string, why: string) {
    super(`line ${line}: ${why}: ${JSON.stringify(text.slice(0, 200))}`);
  }
}

export function parseExposition(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>();
  const finished = new Set<string>();
  const series = new Set<string>();
  let current: MetricFamily | undefined;
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, i) => {
    const fail = (why: string): never => { throw new ExpositionError(i + 1, line, why); };
    const enter = (name: string): MetricFamily => {
      if (current?.name === name) return current;
      if (current) finished.add(current.name);
      if (finished.has(name)) fail(`samples or metadata of ${name} are not together`);
      const family = families.get(name) ?? { name, type: 'untyped' as MetricType, samples: [] };
      families.set(name, family);
      current = family;
      return family;
    };
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const meta = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(line);
      if (!meta) return; // a comment
      const [, kind, name, rest = ''] = meta;
      if (METRIC_NAME.exec(name!)?.[0] !== name) fail('invalid metric name');
      const family = enter(name!);
      if (kind === 'HELP') {
        if (family.help !== undefined) fail(`second HELP for ${name}`);
        family.help = unescape(rest, false, fail);
      } else {
        if (!TYPES.has(rest.trim())) fail(`unknown type ${rest}`);
        if (family.samples.length > 0) fail(`TYPE of ${name} after its samples`);
        if ((family as { typed?: boolean }).typed) fail(`second TYPE for ${name}`);
        (family as { typed?: boolean }).typed = true;
        family.type = rest.trim() as MetricType;
      }
      return;
    }
    const sample = parseSample(line, fail);
    const family = enter(familyOf(sample.name, current, families));
    const key = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())}`;
    if (series.has(key)) fail('duplicate series');
    series.add(key);
    family.samples.push(sample);
  });
  for (const f of families.values()) checkFamily(f);
  return families;
}

/** `x_bucket` belongs to histogram `x` when `x` is the family being read (or declared). */
function familyOf(sampleName: string, current: MetricFamily | undefined, families: Map<string, MetricFamily>): string {
  for (const candidate of [current, ...families.values()]) {
    if (!candidate) continue;
    for (const suffix of SUFFIXES[candidate.type] ?? []) {
      if (sampleName === candidate.name + suffix) return candidate.name;
    }
  }
  return sampleName;
}

function parseSample(line: string, fail: (why: string) => never): Sample {
  const name = METRIC_NAME.exec(line)?.[0] ?? fail('no metric name');
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    rest = rest.slice(1);
    while (!rest.startsWith('}')) {
      const label = LABEL_NAME.exec(rest)?.[0] ?? fail('invalid label name');
      if (label in labels) fail(`label ${label} twice`);
      rest = rest.slice(label.length);
      if (!rest.startsWith('="')) fail(`expected =" after label ${label}`);
      rest = rest.slice(2);
      let value = '';
      for (;;) {
        const c = rest[0] ?? fail('unterminated label value');
        rest = rest.slice(1);
        if (c === '"') break;
        if (c === '\\') {
          const e = rest[0];
          rest = rest.slice(1);
          if (e === '\\' || e === '"') value += e;
          else if (e === 'n') value += '\n';
          else fail(`invalid escape \\${e ?? ''} in a label value`);
        } else if (c === '\n') {
          fail('newline in a label value');
        } else {
          value += c;
        }
      }
      labels[label] = value;
      if (rest.startsWith(',')) rest = rest.slice(1);
      else if (!rest.startsWith('}')) fail('expected , or } after a label');
    }
    rest = rest.slice(1);
  }
  const parts = /^[ \t]+(\S+)(?:[ \t]+(\S+))?[ \t]*$/.exec(rest) ?? fail('expected a value (and an optional timestamp) after the series');
  const value = parseValue(parts[1]!) ?? fail(`invalid value ${parts[1]}`);
  if (parts[2] !== undefined && !/^-?\d+$/.test(parts[2])) fail(`invalid timestamp ${parts[2]}`);
  return { name, labels, value, ...(parts[2] !== undefined ? { timestampMs: Number(parts[2]) } : {}) };
}

/** Go's ParseFloat as Prometheus reads sample values. */
function parseValue(s: string): number | undefined {
  if (/^[+-]?Inf$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^NaN$/i.test(s)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}

function unescape(s: string, quotes: boolean, fail: (why: string) => never): string {
  return s.replace(/\\(.?)/g, (_m, e: string) => {
    if (e === '\\') return '\\';
    if (e === 'n') return '\n';
    if (quotes && e === '"') return '"';
    return fail(`invalid escape \\${e} in HELP`);
  });
}

function checkFamily(f: MetricFamily): void {
  const bad = (why: string): never => { throw new Error(`metric ${f.name}: ${why}`); };
  for (const s of f.samples) {
    const suffixes = SUFFIXES[f.type];
    if (suffixes ? !suffixes.some((x) => s.name === f.name + x) && !(f.type === 'summary' && s.name === f.name) : s.name !== f.name) {
      bad(`sample ${s.name} does not belong to a ${f.type}`);
    }
    if (f.type === 'counter' && !(s.value >= 0)) bad(`counter value ${s.value}`);
  }
  if (f.type === 'histogram') checkHistogram(f, bad);
}

/** Per series (labels without `le`): buckets cumulative, `+Inf` present and equal to `_count`. */
function checkHistogram(f: MetricFamily, bad: (why: string) => never): void {
  const groups = new Map<string, { buckets: [number, number][]; count?: number; sum?: number }>();
  for (const s of f.samples) {
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const g = groups.get(key) ?? { buckets: [] };
    groups.set(key, g);
    if (s.name.endsWith('_bucket')) {
      const bound = le === undefined ? bad('bucket without le') : parseValue(le) ?? bad(`le="${le}"`);
      g.buckets.push([bound, s.value]);
    } else if (s.name.endsWith('_count')) {
      g.count = s.value;
    } else {
      g.sum = s.value;
    }
  }
  for (const [key, g] of groups) {
    g.buckets.sort((a, b) => a[0] - b[0]);
    const inf = g.buckets.at(-1);
    if (!inf || inf[0] !== Infinity) bad(`series ${key} has no le="+Inf" bucket`);
    if (g.count === undefined || g.sum === undefined) bad(`series ${key} lacks _count or _sum`);
    if (inf![1] !== g.count) bad(`series ${key}: +Inf bucket ${inf![1]} ≠ _count ${g.count}`);
    g.buckets.reduce((prev, [, n]) => (n < prev ? bad(`series ${key}: buckets not cumulative`) : n), 0);
  }
}

/** The value of the one sample named so with (at least) these labels; undefined when there is none. */
export function sampleValue(families: Map<string, MetricFamily>, name: string, labels: Readonly<Record<string, string>> = {}): number | undefined {
  for (const f of families.values()) {
    for (const s of f.samples) {
      if (s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)) return s.value;
    }
  }
  return undefined;
}
