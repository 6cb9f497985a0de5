#!/usr/bin/env node
// Records the query conformance corpus against a real PuppetDB 7: posts the
// fixture fleet's commands (pdb-reference/fleet.mjs), waits until PuppetDB has
// processed them, runs every case of pdb-reference/cases.mjs and writes
//   test/projections/query/conformance/fleet.commands.json   (the commands, in order)
//   test/projections/query/conformance/cases/<group>.json     (each case's request and PuppetDB's answer)
// The conformance test (test/projections/query/pdb-conformance.int.test.ts)
// loads the same commands into Troupe and checks every answer; it needs no Java.
//
// Usage: node ops/scripts/pdb-reference.mjs [PUPPETDB_URL]
//   PUPPETDB_URL defaults to http://127.0.0.1:18080 — an EMPTY PuppetDB, as
//   `sh ops/scripts/pdb-reference-server.sh start` makes one (Debian's puppetdb
//   and postgresql packages, root).
//
// Normalisation (only what cannot be the same in another store):
// - a timestamp string from the recording's run (±1 minute) is a time PuppetDB
//   took on receipt (nodes' facts_timestamp/catalog_timestamp, inventory's
//   timestamp, reports' receive_time) → "<received>";
// - a 40-hex-digit string is a hash PuppetDB computes (catalog and report
//   hashes, resource hashes, latest_report_hash) → "<sha1>".
// - the fixture's deactivation time (dated after the recording, see fleet.mjs;
//   Troupe refuses producer timestamps ahead of its clock, so the test sends
//   it dated 2026-01-02) → "<deactivated>".
// The test treats these placeholders as "any value at this key" (null stays null).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLEET } from './pdb-reference/fleet.mjs';
import { GROUPS } from './pdb-reference/cases.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const out = join(root, 'test/projections/query/conformance');
const base = (process.argv[2] ?? 'http://127.0.0.1:18080').replace(/\/$/, '');
const started = new Date(Date.now() - 60_000).toISOString();
let finished = '';

async function post(path, body) {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${text}`);
  return text;
}

async function count(query) {
  const res = await fetch(`${base}/pdb/query/v4?query=${encodeURIComponent(JSON.stringify(query))}`);
  if (!res.ok) return -1;
  return (await res.json())[0]?.count ?? -1;
}

/** PuppetDB processes commands asynchronously: wait until every one is visible. */
async function waitProcessed() {
  const want = [
    [['from', 'nodes', ['extract', [['function', 'count']], ['=', 'node_state', 'any']]], 5],
    [['from', 'nodes', ['extract', [['function', 'count']], ['=', 'node_state', 'inactive']]], 1],
    [['from', 'catalogs', ['extract', [['function', 'count']], ['=', 'node_state', 'any']]], 4],
    [['from', 'reports', ['extract', [['function', 'count']]]], FLEET.filter((c) => c.command === 'store_report').length],
  ];
  for (let i = 0; i < 300; i++) {
    const counts = await Promise.all(want.map(([query]) => count(query)));
    if (counts.every((c, k) => c === want[k][1])) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('PuppetDB did not process the fixture commands in 300 s (was it empty?)');
}

/** GET: every parameter in the query string, non-strings as JSON. */
function requestOf(c) {
  const params = Object.entries(c.params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
  if (c.method === 'GET') return { url: `${c.path}${params.length ? `?${new URLSearchParams(params)}` : ''}`, init: { method: 'GET' } };
  return { url: c.path, init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(c.params) } };
}

const DEACTIVATED = FLEET.find((c) => c.command === 'deactivate_node').payload.producer_timestamp;
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
function normalise(v) {
  if (typeof v === 'string') {
    if (/^[0-9a-f]{40}$/.test(v)) return '<sha1>';
    if (v === DEACTIVATED) return '<deactivated>';
    if (TIMESTAMP.test(v) && v >= started && v <= finished) return '<received>';
    return v;
  }
  if (Array.isArray(v)) return v.map(normalise);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x)]));
  return v;
}

/** PuppetDB answers rows in a defined order only when the query orders them. */
const ordered = (c) => /order_by|order by/i.test(JSON.stringify(c.params));

async function record(c) {
  const { url, init } = requestOf(c);
  const res = await fetch(`${base}${url}`, init);
  const text = await res.text();
  const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
  let body = text;
  if (type === 'application/json') body = normalise(JSON.parse(text));
  const headers = { 'content-type': type, ...(res.headers.has('x-records') ? { 'x-records': res.headers.get('x-records') } : {}) };
  const request = { method: init.method, url, ...(init.body === undefined ? {} : { body: init.body }) };
  return { name: c.name, params: c.params, request, ordered: ordered(c), expected: { status: res.status, headers, body } };
}

const version = await (await fetch(`${base}/pdb/meta/v1/version`)).json();
for (const c of FLEET) await post(`/pdb/cmd/v1?command=${c.command}&version=${c.version}&certname=${c.payload.certname}`, c.payload);
await waitProcessed();
finished = new Date(Date.now() + 60_000).toISOString();

mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'fleet.commands.json'), JSON.stringify(FLEET, null, 2) + '\n');
rmSync(join(out, 'cases'), { recursive: true, force: true });
mkdirSync(join(out, 'cases'));
let total = 0;
for (const [group, cases] of Object.entries(GROUPS)) {
  const recorded = [];
  for (const c of cases) recorded.push(await record(c));
  total += recorded.length;
  writeFileSync(join(out, 'cases', `${group}.json`),
    JSON.stringify({ puppetdb: version.version, recorded: new Date().toISOString().slice(0, 10), cases: recorded }, null, 2) + '\n');
  console.log(`${group}: ${recorded.map((r) => r.expected.status).join(' ')}`);
}
console.log(`${total} cases recorded from PuppetDB ${version.version} at ${base}`);
