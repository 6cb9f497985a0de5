import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { BodyBudget } from '../../../../../ops/http/body-budget.js';
import { createRequestListener, type ClientIdentity } from '../../../../../ops/http/http-router.js';
import { listen, type Listening } from '../../../../../ops/http/listen.js';
import { pdbQueryRoutes, restrict } from '../../../../../ops/http/routes/pdb/pdb-query.route.js';
import { loadedEngine } from '../../../../projections/query/query.fixture.js';


const { engine, projection } = loadedEngine();
const servers: Listening[] = [];
async function serve(options: { identify?: () => ClientIdentity } = {}): Promise<string> {
  const routes = pdbQueryRoutes({ pdbQuery: engine });
  const listener = createRequestListener(routes, {
    body: { maxBytes: 1 << 20, budget: new BodyBudget(1 << 24), retryAfterSeconds: () => 1 },
    ...(options.identify ? { identify: options.identify } : {}),
  });
  const s = await listen([createServer(listener)], '127.0.0.1', 0, 'http');
  servers.push(s);
  return s.url;
}
after(async () => {
  for (const s of servers) await s.close();
  await projection.close();
});

let url: string;
before(async () => {
  url = await serve();
});

const get = async (path: string, params: Record<string, string> = {}, base = url) => {
  const res = await fetch(`${base}${path}?${new URLSearchParams(params)}`);
  return { status: res.status, type: res.headers.get('content-type'), records: res.headers.get('x-records'), text: await res.text() };
};
const post = async (path: string, body: unknown, base = url) => {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};
const names = (text: string) => (JSON.parse(text) as { certname: string }[]).map((r) => r.certname);

describe('/pdb/query/v4 entity endpoints', () => {
  it('GET with a query parameter; active nodes only by default', async () => {
    const r = await get('/pdb/query/v4/nodes', { query: '["~", "certname", "^(web|gone)"]' });
    assert.equal(r.status, 200);
    assert.match(r.type!, /^application\/json/);
    assert.deepEqual(names(r.text), ['web1', 'web2']);
  });
  it('POST with a JSON body (query as AST) and paging with X-Records', async () => {
    const r = await post('/pdb/query/v4/nodes', { query: ['=', 'catalog_environment', 'production'], limit: 1, offset: 1, order_by: [{ field: 'certname' }] });
    assert.deepEqual([r.status, names(r.text)], [200, ['web2']]);
    const counted = await get('/pdb/query/v4/facts', { query: '["=", "name", "kernel"]', include_total: 'true', limit: '1', order_by: '[{"field":"certname","order":"desc"}]' });
    assert.deepEqual([counted.records, names(counted.text)], ['3', ['web2']]);
  });
  it('shortcuts: nodes/<n>, its facts and resources, facts/<name>/<value>, resources/<type>/<title>, catalogs/<n>, environments/<name>', async () => {
    assert.equal(JSON.parse((await get('/pdb/query/v4/nodes/db1')).text).latest_report_status, 'failed');
    assert.equal(JSON.parse((await get('/pdb/query/v4/nodes/gone')).text).deactivated, '2026-01-02T00:00:00.000Z', 'a node, active or not');
    assert.deepEqual(JSON.parse((await get('/pdb/query/v4/nodes/web1/facts', { query: '["=", "name", "kernel"]' })).text),
      [{ certname: 'web1', name: 'kernel', value: 'Linux', environment: 'production' }]);
    assert.equal(JSON.parse((await get('/pdb/query/v4/nodes/web2/resources')).text).length, 3);
    assert.deepEqual(names((await get('/pdb/query/v4/facts/kernel/Linux')).text), ['db1', 'web1', 'web2']);
    assert.deepEqual(names((await get('/pdb/query/v4/resources/Class/Nginx')).text), ['web1', 'web2']);
    assert.deepEqual(names((await get(`/pdb/query/v4/resources/File/${encodeURIComponent('/etc/nginx/nginx.conf')}`)).text), ['web1']);
    assert.equal(JSON.parse((await get('/pdb/query/v4/catalogs/db1')).text).environment, 'dev');
    assert.deepEqual(JSON.parse((await get('/pdb/query/v4/environments/dev')).text), { name: 'dev' });
    assert.deepEqual(JSON.parse((await get('/pdb/query/v4/fact-names')).text).slice(0, 2), ['is_virtual', 'kernel']);
  });
  it('an extract through an endpoint keeps the endpoint\'s restriction', async () => {
    const r = await get('/pdb/query/v4/nodes/web1/facts', { query: '["extract", ["name"], ["~", "name", "^k"]]' });
    assert.deepEqual(JSON.parse(r.text), [{ name: 'kernel' }]);
    assert.deepEqual(restrict(['extract', ['a'], ['group_by', 'a']], [['=', 'x', 1]]), ['extract', ['a'], ['=', 'x', 1], ['group_by', 'a']]);
  });
  it('404 in PuppetDB\'s shape for unknown single objects and parents', async () => {
    for (const [path, message] of [
      ['/pdb/query/v4/nodes/nope', 'No information is known about node nope'],
      ['/pdb/query/v4/catalogs/nope', 'No information is known about catalog nope'],
      ['/pdb/query/v4/environments/nope', 'No information is known about environment nope'],
      ['/pdb/query/v4/nodes/nope/facts', 'No information is known about node nope'],
    ] as const) {
      const r = await get(path);
      assert.deepEqual([r.status, JSON.parse(r.text)], [404, { error: message }], path);
    }
  });
});

describe('/pdb/query/v4 errors', () => {
  it('400 with PuppetDB\'s message as plain text', async () => {
    const cases: [Record<string, string>, string | RegExp][] = [
      [{ query: '["=", "foo", "x"]' }, /^'foo' is not a queryable object for nodes\. Known queryable objects are /],
      [{ query: '["=", "certname"' }, /^Json parse error/],
      [{ query: '["frob"]' }, `["frob"] is not well-formed: query operator 'frob' is unknown`],
      [{ limit: 'ten' }, `Illegal value 'ten' for :limit; expected a positive non-zero integer.`],
      [{ order_by: '[{"field":"nope"}]' }, /^Unrecognized column 'nope' specified in :order_by/],
      [{ colour: 'blue' }, `Unsupported query parameter 'colour'`],
    ];
    for (const [params, message] of cases) {
      const r = await get('/pdb/query/v4/nodes', params);
      assert.equal(r.status, 400, JSON.stringify(params));
      assert.match(r.type!, /^text\/plain/);
      if (typeof message === 'string') assert.equal(r.text, message);
      else assert.match(r.text, message);
    }
  });
  it('a malformed POST body is a 400', async () => {
    const res = await fetch(`${url}/pdb/query/v4/nodes`, { method: 'POST', body: '{"query": [' });
    assert.equal(res.status, 400);
  });
});

describe('/pdb/query/v4 root', () => {
  it('takes ["from", …] by GET and POST; extract, functions and paging clauses', async () => {
    const r = await get('/pdb/query/v4', { query: '["from", "nodes", ["extract", [["function", "count"]]]]' });
    assert.deepEqual(JSON.parse(r.text), [{ count: 3 }]);
    const p = await post('/pdb/query/v4', { query: ['from', 'resources', ['extract', ['certname', 'title'], ['=', 'type', 'Nagios_host']], ['order_by', [['certname', 'desc']]], ['limit', 2]] });
    assert.deepEqual(JSON.parse(p.text), [{ certname: 'web2', title: 'web2' }, { certname: 'web1', title: 'web1' }]);
  });
  it('PQL, its syntax errors as PuppetDB\'s 400s, ast_only', async () => {
    const r = await post('/pdb/query/v4', { query: 'nodes[certname] { facts { name = "kernel" } }' });
    assert.deepEqual(JSON.parse(r.text), [{ certname: 'db1' }, { certname: 'web1' }, { certname: 'web2' }]);
    const one = await get('/pdb/query/v4', { query: 'nodes[certname] { certname = "web1" }' });
    assert.deepEqual(JSON.parse(one.text), [{ certname: 'web1' }]);
    const bad = await get('/pdb/query/v4', { query: 'nodes {' });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /^PQL parse error at line 1, column 8:\n\nnodes \{\n {7}\^\n\nExpected one of:/);
    const ast = await get('/pdb/query/v4', { query: 'nodes[certname] { facts { name = "kernel" } }', ast_only: 'true' });
    assert.equal(JSON.parse(ast.text)[0], 'from');
  });
  it('meta: version and server time', async () => {
    assert.deepEqual(JSON.parse((await get('/pdb/meta/v1/version')).text), { version: '7.12.1' });
    const t = JSON.parse((await get('/pdb/meta/v1/server_time')).text) as { server_time: string };
    assert.ok(Math.abs(Date.parse(t.server_time) - Date.now()) < 60_000);
  });
});

describe('access', () => {
  it('operators only: a node\'s certificate with no operator role gets 403', async () => {
    const nodeUrl = await serve({ identify: () => ({ certname: 'web1', trusted: {}, admin: false }) });
    const r = await get('/pdb/query/v4/nodes', {}, nodeUrl);
    assert.equal(r.status, 403);
    assert.equal((await get('/pdb/meta/v1/version', {}, nodeUrl)).status, 403);
  });
});
