import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { packageRoot } from '../../../ops/config/package-root.js';
import { eventually } from '../../support/eventually.js';
import { spawnServe, type ServeProcess } from '../../support/serve-process.js';

/**
 * PuppetDB's query API, conformance: every case of conformance/cases/ was
 * recorded against a real PuppetDB 7.12.1 loaded with conformance/fleet.commands.json
 * (ops/scripts/pdb-reference.mjs); here the same commands go into `troupe serve`
 * through its command route and every recorded request must get the same
 * status, content type, X-Records and body. Rows compare as a set unless the
 * query orders them; "<received>" and "<sha1>" in an answer stand for any value
 * at that key (receipt times and hashes PuppetDB computes; see the script).
 */

interface Case {
  readonly name: string;
  readonly request: { readonly method: 'GET' | 'POST'; readonly url: string; readonly body?: string };
  readonly ordered: boolean;
  readonly expected: { readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: unknown };
}
interface Command { readonly command: string; readonly version: number; readonly payload: { readonly certname: string } }

const dir = join(packageRoot(), 'test/projections/query/conformance');
const fleet = JSON.parse(readFileSync(join(dir, 'fleet.commands.json'), 'utf8')) as Command[];
const groups = readdirSync(join(dir, 'cases')).filter((f) => f.endsWith('.json')).sort().map((f) =>
  [f.replace(/\.json$/, ''), (JSON.parse(readFileSync(join(dir, 'cases', f), 'utf8')) as { cases: Case[] }).cases] as const);

/** `group/case name` → why Troupe's answer differs from PuppetDB's. */
const KNOWN_DIFFERENCES: ReadonlyMap<string, string> = new Map([
]);

const PLACEHOLDERS = new Set(['<received>', '<sha1>']);

/** The keys whose value PuppetDB's answer leaves open, with the placeholder standing for it. */
function wildcardKeys(v: unknown, into = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(v)) v.forEach((x) => wildcardKeys(x, into));
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === 'string' && PLACEHOLDERS.has(x)) into.set(k, x);
      else wildcardKeys(x, into);
    }
  }
  return into;
}

/** `v` with the wildcarded keys' non-null values replaced, and unordered arrays sorted. */
function canonical(v: unknown, wild: ReadonlyMap<string, string>, sortTop: boolean): unknown {
  const walk = (x: unknown, key: string | undefined, top: boolean): unknown => {
    if (key !== undefined && wild.has(key) && x !== null) return wild.get(key);
    if (Array.isArray(x)) {
      const items = x.map((i) => walk(i, undefined, false));
      // Top-level rows without order_by, and a catalog's resources/edges `data`, have no defined order.
      return (top && sortTop) || key === 'data' ? items.sort((a, b) => stable(a).localeCompare(stable(b))) : items;
    }
    if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, i]) => [k, walk(i, k, false)]));
    return x;
  };
  return walk(v, undefined, true);
}

const stable = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) =>
  x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x);

/** Why Troupe's answer to `c` differs from PuppetDB's, or undefined when it does not. */
async function difference(base: string, c: Case): Promise<string | undefined> {
  const res = await fetch(`${base}${c.request.url}`, {
    method: c.request.method, ...(c.request.body === undefined ? {} : { body: c.request.body, headers: { 'content-type': 'application/json' } }),
  });
  const text = await res.text();
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const got = { status: res.status, type, records: res.headers.get('x-records') ?? undefined };
  const want = { status: c.expected.status, type: c.expected.headers['content-type'], records: c.expected.headers['x-records'] };
  try {
    assert.deepEqual(got, want);
    if (typeof c.expected.body === 'string') assert.equal(text, c.expected.body);
    else {
      const wild = wildcardKeys(c.expected.body);
      assert.deepEqual(canonical(JSON.parse(text), wild, !c.ordered), canonical(c.expected.body, wild, !c.ordered));
    }
    return undefined;
  } catch (e) {
    return `${c.request.method} ${decodeURIComponent(c.request.url)}${c.request.body ? ` ${c.request.body}` : ''}\n${(e as Error).message.slice(0, 1500)}`;
  }
}

describe('PuppetDB query API conformance (answers recorded from PuppetDB 7.12.1)', () => {
  let serve: ServeProcess | undefined;
  let dataDir = '';
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'troupe-pdb-conformance-'));
    serve = await spawnServe(['--data-dir', dataDir]);
    for (const c of fleet) {
      const res: Response = await fetch(`${serve.url}/pdb/cmd/v1?command=${c.command}&version=${c.version}&certname=${c.payload.certname}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(c.payload),
      });
      assert.equal(res.status, 200, await res.text());
    }
    const states = (query: unknown) => fetch(`${serve!.url}/pdb/query/v4/nodes?query=${encodeURIComponent(JSON.stringify(query))}`)
      .then(async (r) => (r.ok ? await r.json() as Record<string, unknown>[] : []));
    await eventually(async () => {
      const all = await states(['=', 'node_state', 'any']);
      return all.length === 5 && all.filter((n) => n['catalog_timestamp']).length === 4 && all.filter((n) => n['deactivated']).length === 1
        && all.filter((n) => n['report_timestamp']).length === 3 && all.some((n) => n['latest_report_status'] === 'changed');
    }, 30_000, 'the fixture fleet projected');
  });
  after(async () => {
    serve?.child.kill('SIGTERM');
    await serve?.exited;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  for (const [group, cases] of groups) {
    it(`${group}: ${cases.length} cases answer as PuppetDB does`, async () => {
      const unexpected: string[] = [];
      const fixed: string[] = [];
      for (const c of cases) {
        const key = `${group}/${c.name}`;
        const diff = await difference(serve!.url, c);
        if (diff !== undefined && !KNOWN_DIFFERENCES.has(key)) unexpected.push(`${key}: ${diff}`);
        if (diff === undefined && KNOWN_DIFFERENCES.has(key)) fixed.push(key);
      }
      assert.deepEqual(unexpected, [], 'cases that differ from PuppetDB but are not known differences');
      assert.deepEqual(fixed, [], 'known differences that now match PuppetDB: remove them from KNOWN_DIFFERENCES');
    });
  }
});
