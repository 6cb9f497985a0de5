import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { packageRoot } from '../../../ops/config/package-root.js';
import { eventually } from '../../support/eventually.js';
import { postgresSkip, testPostgres } from '../../support/postgres.fixture.js';
import { spawnServe, type ServeProcess } from '../../support/servers/serve-process.js';

/**
 * PuppetDB's query API, conformance: every case of conformance/cases/ was
 * recorded against a real PuppetDB 7.12.1 loaded with conformance/fleet.commands.json
 * (ops/scripts/pdb-reference.mjs); here the same commands go into `troupe serve`
 * through its command route and every recorded request must get the same
 * status, content type, X-Records and body. Rows compare as a set unless the
 * query orders them (a catalog's `data` and a resource's `tags` always do);
 * "<received>", "<sha1>" and "<deactivated>" in an answer stand for any value
 * at that key (receipt times, hashes PuppetDB computes, the deactivation
 * time; see the script and docs/storeconfigs.md).
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
  ['catalogs/catalog edges endpoint', "PuppetDB 7.12.1 ignores the node of /catalogs/<node>/edges and answers every catalog's edges; Troupe answers that node's"],
  ['errors/unknown entity in PQL', "Troupe's PQL also knows producers, fact_names and catalog_inputs (as later PuppetDB), so the list of expected entities differs"],
  ['root/POST PQL', "Troupe's PQL knows `producers` (as later PuppetDB); PuppetDB 7.12.1's grammar refuses it"],
  ['errors/unknown operator', 'PuppetDB answers an internal error (No implementation of method: :-plan->sql …); Troupe names the unknown operator'],
  ['errors/wrong arity null?', 'PuppetDB answers an internal error (No implementation of method: :-plan->sql …); Troupe says the null? clause is invalid'],
  ['errors/bad JSON', "PuppetDB's message is Jackson's (line, column, caret); Troupe's is its JSON decoder's"],
  ['errors/bad JSON at root', "PuppetDB's message is Jackson's (line, column, caret); Troupe's is its JSON decoder's"],
  ['errors/null? with non-boolean', 'PuppetDB 7.12.1 accepts a non-boolean null? argument; Troupe refuses it (400)'],
  ['errors/in with wrong field count', 'PuppetDB 7.12.1 accepts an `in` whose extract has more fields than the `in`; Troupe refuses it (400)'],
  ['errors/bad order_by field', 'PuppetDB lists the supported columns in its hash-set order (no defined order); Troupe sorts them'],
  ['fact-contents/array element paths', 'order_by name alone leaves ties, which PuppetDB answers in storage order'],
  ['fact-paths/all fact paths', 'order_by path alone leaves ties (memory_gb is an integer on some nodes, a float on others), which PuppetDB answers in storage order'],
  ['nodes/not', "PuppetDB's `not` is SQL NOT, so a node whose field is null matches neither `=` nor `not =`; Troupe's `not` is the complement (lonely, without a catalog, matches)"],
  ['root/PQL nodes with fact subquery', "`~` on a structured fact value: PuppetDB matches the regexp against the value's JSON text; Troupe matches string values only"],
]);

const PLACEHOLDERS = new Set(['<received>', '<sha1>', '<deactivated>']);
/** Troupe refuses producer timestamps ahead of its clock; the fixture dates its deactivation after the recording (see fleet.mjs). */
const DEACTIVATED_AT = '2026-01-02T00:00:00.000Z';

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
    // An expanded object's href names the report by its hash, which PuppetDB computes (<sha1>).
    if (key === 'href' && typeof x === 'string') return x.replace(/\/reports\/[0-9a-f]{40}\//, '/reports/<sha1>/');
    if (Array.isArray(x)) {
      const items = x.map((i) => walk(i, undefined, false));
      // Top-level rows without order_by, a catalog's resources/edges `data` and a resource's
      // `tags` (a set to PuppetDB, answered in its hash order) have no defined order.
      return (top && sortTop) || key === 'data' || key === 'tags' ? items.sort((a, b) => stable(a).localeCompare(stable(b))) : items;
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
  const where = `${c.request.method} ${decodeURIComponent(c.request.url)}${c.request.body ? ` ${c.request.body}` : ''}`;
  const head = firstDifference(got, want, '');
  if (head) return `${where}\n  ${head}`;
  if (typeof c.expected.body === 'string') return text === c.expected.body ? undefined : `${where}\n  body: got ${JSON.stringify(text)}`;
  const wild = wildcardKeys(c.expected.body);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `${where}\n  body is not JSON: ${text.slice(0, 300)}`;
  }
  const diff = firstDifference(canonical(body, wild, !c.ordered), canonical(c.expected.body, wild, !c.ordered), '$');
  return diff && `${where}\n  ${diff}`;
}

/** The first place `got` and `want` differ, as `path: got X, want Y`. */
function firstDifference(got: unknown, want: unknown, path: string): string | undefined {
  const show = (v: unknown) => (JSON.stringify(v) ?? 'undefined').slice(0, 300);
  if (got !== null && want !== null && typeof got === 'object' && typeof want === 'object' && Array.isArray(got) === Array.isArray(want)) {
    const g = got as Record<string, unknown>;
    const w = want as Record<string, unknown>;
    if (Array.isArray(got) && got.length !== (want as unknown[]).length) return `${path}: ${got.length} items, want ${(want as unknown[]).length}: got ${show(got)}`;
    for (const k of new Set([...Object.keys(w), ...Object.keys(g)])) {
      if (!(k in g)) return `${path}.${k}: missing, want ${show(w[k])}`;
      if (!(k in w)) return `${path}.${k}: unexpected ${show(g[k])}`;
      const d = firstDifference(g[k], w[k], `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(got, want) ? undefined : `${path || 'head'}: got ${show(got)}, want ${show(want)}`;
}

const postgres = postgresSkip ? undefined : testPostgres();
after(() => postgres?.stop());

conformance('PuppetDB query API conformance (answers recorded from PuppetDB 7.12.1)', false, async () => []);
// The same cases through `troupe serve --store postgres://…`.
conformance('PuppetDB query API conformance on PostgreSQL', postgresSkip, async () => ['--store', await postgres!.newDatabase()]);

function conformance(title: string, skip: string | false, storeArgs: () => Promise<string[]>): void {
describe(title, { skip }, () => {
  let serve: ServeProcess | undefined;
  let dataDir = '';
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'troupe-pdb-conformance-'));
    serve = await spawnServe(['--data-dir', dataDir, ...await storeArgs()]);
    for (const c of fleet) {
      const payload = c.command === 'deactivate_node' ? { ...c.payload, producer_timestamp: DEACTIVATED_AT } : c.payload;
      const res: Response = await fetch(`${serve.url}/pdb/cmd/v1?command=${c.command}&version=${c.version}&certname=${c.payload.certname}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload),
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

  it('has a corpus, and every known difference names one of its cases', () => {
    const names = new Set(groups.flatMap(([group, cases]) => cases.map((c) => `${group}/${c.name}`)));
    assert.ok(names.size >= 100, `only ${names.size} cases recorded`);
    assert.deepEqual([...KNOWN_DIFFERENCES.keys()].filter((k) => !names.has(k)), []);
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
      if (unexpected.length > 0) assert.fail(`cases that differ from PuppetDB but are not known differences:\n${unexpected.join('\n')}`);
      assert.deepEqual(fixed, [], 'known differences that now match PuppetDB: remove them from KNOWN_DIFFERENCES');
    });
  }
});
}
