import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { troupeRoutes } from '../../../../../ops/http/http-server.js';
import { RequestBody } from '../../../../../ops/http/http-io.js';
import { eventually } from '../../../../support/eventually.js';
import { puppetAgentReport, puppetCatalogRequestBody, puppetInstalled } from '../../../../support/puppet/puppet-agent.fixture.js';
import { demoModuleEnvironment } from '../../../../support/puppet/puppet-module.fixture.js';
import { postJson, startTestTroupe, type TestTroupe } from '../../../../support/servers/troupe-instance.js';

const SITE = `
node 'broken.example.com' { fail('this node is broken') }
node default {
  include demo
  notify { "role \${trusted['extensions']['pp_role']}": }
}
`;
/** What a Puppet agent asks with: rich JSON first, msgpack too; JSON is what it gets. */
const AGENT_ACCEPT = 'application/vnd.puppet.rich+json, application/json, application/vnd.puppet.rich+msgpack, application/x-msgpack';
const FORM = 'application/x-www-form-urlencoded';

/** Puppet's `uri_query_encode`. */
const puppetEncode = (s: string): string => encodeURIComponent(s).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
/** A catalog request body encoded as Puppet encodes it (the first test has Puppet itself make one). */
function catalogBody(certname: string, values: Record<string, unknown>): string {
  const facts = JSON.stringify({ name: certname, values, timestamp: new Date().toISOString() });
  return `facts_format=application%2Fjson&facts=${puppetEncode(puppetEncode(facts))}&environment=production&transaction_uuid=t-1&static_catalog=true&checksum_type=sha256.sha384.sha512.sha224.md5`;
}

async function call(url: string, init: RequestInit = {}) {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: any;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

describe("Puppet's agent API (v3)", () => {
  let t: TestTroupe;
  let root: string;
  let v3: string;
  before(async () => {
    const env = demoModuleEnvironment(SITE);
    root = env.root;
    t = await startTestTroupe({ compiler: 'builtin', codeDir: env.codeDir });
    v3 = `${t.http.url}/puppet/v3`;
  });
  after(async () => { await t.stop(); rmSync(root, { recursive: true, force: true }); });

  const postCatalog = (certname: string, body: string, headers: Record<string, string> = {}) =>
    call(`${v3}/catalog/${certname}?environment=production`, { method: 'POST', headers: { accept: AGENT_ACCEPT, 'content-type': FORM, ...headers }, body });

  it('compiles the catalog a real agent asks for, answered as JSON that Puppet reads', async () => {
    const values = { os: { family: 'Debian' }, motd: 'a+b 100% & ü' };
    const r = await postCatalog('web1.example.com', puppetInstalled ? puppetCatalogRequestBody('web1.example.com', values) : catalogBody('web1.example.com', values));
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type')!, /^application\/json/);
    assert.equal(r.headers.get('x-puppet-version'), '7.23.0');
    assert.equal(r.json.name, 'web1.example.com');
    const file = r.json.resources.find((x: { type: string }) => x.type === 'File');
    assert.equal(file.parameters.source, 'puppet:///modules/demo/demo.txt');
    const events = await t.app.log.readStream('web1.example.com');
    assert.deepEqual(events.map((e) => e.type), ['facts_submitted', 'catalog_requested', 'catalog_compiled']);
    assert.deepEqual((events[0]!.data as { values: unknown }).values, { os: { family: 'Debian' }, motd: 'a+b 100% & ü' });
  });

  it("answers GET /node with the node's newest facts, and GET /catalog from them", async () => {
    const unknown = await call(`${v3}/node/new.example.com?environment=production&configured_environment=production&transaction_uuid=x&fail_on_404=true`);
    assert.equal(unknown.status, 200);
    assert.deepEqual(unknown.json, { name: 'new.example.com', environment: 'production' });
    const known = await call(`${v3}/node/web1.example.com?environment=staging`, { headers: { accept: 'application/json, text/pson' } });
    assert.deepEqual(known.json, { name: 'web1.example.com', environment: 'staging', parameters: { os: { family: 'Debian' }, motd: 'a+b 100% & ü' } });
    const get = await call(`${v3}/catalog/web1.example.com?environment=production`, { headers: { accept: AGENT_ACCEPT } });
    assert.equal(get.status, 200, get.text);
    assert.equal(get.json.name, 'web1.example.com');
  });

  it("refuses what Puppet refuses, with Puppet's {message, issue_kind}, appending nothing", async () => {
    const head = await t.app.log.head();
    const cases: Array<[Promise<{ status: number; json: any }>, number, RegExp, string]> = [
      [postCatalog('web2.example.com', catalogBody('web1.example.com', {})), 400, /^Bad Request: facts\.name: catalog for "web2\.example\.com" was requested with facts of another node/, 'RUNTIME_ERROR'],
      [postCatalog('web2.example.com', 'facts_format=application%2Fjson&facts=%257Bnope&environment=production'), 400, /^Bad Request: facts: is not valid JSON/, 'RUNTIME_ERROR'],
      [postCatalog('web2.example.com', 'environment=production', { accept: 'application/x-msgpack' }), 406, /^Not Acceptable: No supported formats/, 'UNSUPPORTED_FORMAT'],
      [postCatalog('web2.example.com', '{}', { 'content-type': 'application/json' }), 415, /^Unsupported Media Type/, 'UNSUPPORTED_MEDIA_TYPE'],
      [call(`${v3}/node/web1.example.com`), 400, /^Bad Request: An environment parameter must be specified/, 'RUNTIME_ERROR'],
      [call(`${v3}/node/web1.example.com?environment=no-dashes`), 400, /purely alphanumeric/, 'RUNTIME_ERROR'],
      [call(`${v3}/node/Not%20A%20Certname?environment=production`), 400, /certname/, 'RUNTIME_ERROR'],
    ];
    for (const [request, status, message, issue] of cases) {
      const r = await request;
      assert.equal(r.status, status, JSON.stringify(r.json));
      assert.match(r.json.message, message);
      assert.equal(r.json.issue_kind, issue);
    }
    assert.equal(await t.app.log.head(), head);
  });

  it("answers a compile error as puppetserver does: 500 'Server Error: …'", async () => {
    const r = await postCatalog('broken.example.com', catalogBody('broken.example.com', {}));
    assert.equal(r.status, 500);
    assert.match(r.json.message, /^Server Error: .*this node is broken/);
    assert.equal(r.json.issue_kind, 'RUNTIME_ERROR');
  });

  it("stores a real agent's report (PUT /report): report_submitted, then storeconfigs", async () => {
    const put = (body: unknown, path = 'agent1.example.com?environment=production', type = 'application/json') =>
      call(`${v3}/report/${path}`, { method: 'PUT', headers: { 'content-type': type, accept: 'application/json' }, body: JSON.stringify(body) });
    const r = await put(puppetAgentReport());
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, ['puppetdb']);
    const [event] = await t.app.log.readStream('agent1.example.com');
    assert.equal(event!.type, 'report_submitted');
    let reports: any[] = [];
    await eventually(async () => {
      reports = (await call(`${t.http.url}/troupe/v1/nodes/agent1.example.com/reports`)).json ?? [];
      return reports.length === 1;
    }, 10_000, 'the report in storeconfigs');
    assert.equal(reports[0].status, 'changed');
    assert.equal(reports[0].puppetVersion, '7.23.0');
    assert.equal((await put(puppetAgentReport(), 'agent2.example.com?environment=production')).status, 400);
    assert.equal((await put(puppetAgentReport(), 'agent1.example.com')).status, 400);
    assert.equal((await put(puppetAgentReport(), 'agent1.example.com?environment=production', 'text/yaml')).status, 415);
  });

  it('lists the environment and reports status in puppetserver\'s shapes', async () => {
    const envs = await call(`${v3}/environments`);
    assert.equal(envs.status, 200);
    assert.deepEqual(Object.keys(envs.json.environments), ['production']);
    assert.match(envs.json.environments.production.settings.modulepath[0], /production\/modules$/);
    const services = await call(`${t.http.url}/status/v1/services`);
    assert.deepEqual(Object.keys(services.json).sort(), ['master', 'puppetdb-status', 'server', 'status-service']);
    for (const s of Object.values(services.json) as Array<Record<string, unknown>>) {
      assert.equal(s['state'], 'running');
      assert.equal(s['service_status_version'], 1);
      assert.deepEqual(s['active_alerts'], []);
    }
    const simple = await call(`${t.http.url}/status/v1/simple/server`);
    assert.equal(simple.text, 'running');
  });

  it("compiles with $trusted: the client certificate's on v3, trusted_facts on v4", async () => {
    const route = troupeRoutes(t.app).find((r) => r.method === 'POST' && r.pattern.test('/puppet/v3/catalog/x'))!;
    // The HTTPS door puts the certificate's $trusted on the context; this stands in for it.
    const server: Server = createServer((req, res) => {
      const url = new URL(req.url!, 'http://troupe.invalid');
      const params = route.pattern.exec(url.pathname)!.groups!;
      void route.handle({ req, res, url, params, body: new RequestBody(req, t.app.bodies), client: { certname: 'web3.example.com', trusted: { extensions: { pp_role: 'web' } }, admin: false } });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const r = await call(`http://127.0.0.1:${port}/puppet/v3/catalog/web3.example.com?environment=production`, {
        method: 'POST', headers: { accept: AGENT_ACCEPT, 'content-type': FORM }, body: catalogBody('web3.example.com', {}),
      });
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.resources.some((x: { title: string }) => x.title === 'role web'));
    } finally {
      server.close();
    }
    const v4 = await postJson(`${t.http.url}/puppet/v4/catalog`, { certname: 'db1.example.com', facts: { values: {} }, trusted_facts: { values: { extensions: { pp_role: 'db' } } } });
    assert.equal(v4.status, 200);
    assert.ok(v4.json.catalog.resources.some((x: { title: string }) => x.title === 'role db'));
  });
});

describe('v3 catalog admission', () => {
  let t: TestTroupe;
  let root: string;
  before(async () => {
    const env = demoModuleEnvironment('node default { include demo }');
    root = env.root;
    t = await startTestTroupe({ compiler: 'builtin', codeDir: env.codeDir, admissionHighWater: 2, compileConcurrency: 1 });
  });
  after(async () => { await t.stop(); rmSync(root, { recursive: true, force: true }); });

  it('answers 503 with Retry-After over the high-water mark, as puppetserver does, and serves again below it', async () => {
    const post = (i: number) => call(`${t.http.url}/puppet/v3/catalog/n${i}.example.com?environment=production`, {
      method: 'POST', headers: { accept: AGENT_ACCEPT, 'content-type': FORM }, body: catalogBody(`n${i}.example.com`, { i }),
    });
    const bodies = Array.from({ length: 40 }, (_, i) => i);
    const results = await Promise.all(bodies.map(post));
    const refused = results.filter((r) => r.status === 503);
    const served = results.filter((r) => r.status === 200);
    assert.ok(refused.length > 0, 'some requests must be refused');
    assert.equal(refused.length + served.length, 40);
    for (const r of refused) {
      const retry = Number(r.headers.get('retry-after'));
      assert.ok(retry >= 1 && retry <= 10, `Retry-After ${retry}`);
      assert.match(r.headers.get('content-type')!, /^text\/plain/);
    }
    const events = await t.app.log.read(0, { limit: 10_000 });
    assert.equal(events.filter((e) => e.type === 'catalog_requested').length, served.length);
    assert.equal((await post(99)).status, 200);
  });
});
