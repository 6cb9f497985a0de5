import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../../support/eventually.js';
import {
  puppetDefaultDirs, requirePuppetAgent, scratchAgent, stopScratchAgents, tracesOf, type ScratchAgent,
} from '../../support/puppet/scratch-agent.fixture.js';
import { spawnServe, type ServeProcess } from '../../support/servers/serve-process.js';

const EXPORTER = 'exporter.example.com';
/** Acts as a compile server: on the admin allow-list, as an operator puts puppetserver's own certificate. */
const COMPILER = 'compile.example.com';
const TAG = 'troupe_e2e';

/** One request as `agent` (its certificate and key), on a connection of its own. */
function requestAs(agent: ScratchAgent, url: string, method: string, body = ''): Promise<{ status: number; body: string }> {
  const { ca, cert, key } = agent.credentials();
  return new Promise((resolve, reject) => {
    const req = request(url, { method, ca, cert, key, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => { text += d.toString(); });
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Fails, with what to do, when Debian's PuppetDB terminus is not installed: acceptance never skips. */
function requirePuppetdbTerminus(): void {
  const r = spawnSync('ruby', ['-rpuppet', '-e', "require 'puppet/util/puppetdb'"], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the PuppetDB terminus is not installed (${r.stderr.trim()}); apt-get install puppet-terminus-puppetdb, as .ci/run does`);
}

/** What a node needs to speak to Troupe as to PuppetDB (docs/operations.md, "PuppetDB terminus"). */
function configureTerminus(agent: ScratchAgent, httpsUrl: string): void {
  const confdir = join(agent.dir, 'confdir');
  writeFileSync(join(confdir, 'puppetdb.conf'), `[main]\nserver_urls = ${httpsUrl}\n`);
  // PuppetDB's routes.yaml for `puppet apply`: facts from Facter, stored in PuppetDB once per run.
  writeFileSync(join(confdir, 'routes.yaml'), '---\napply:\n  facts:\n    terminus: facter\n    cache: puppetdb_apply\n');
  writeFileSync(join(confdir, 'puppet.conf'), '[main]\nstoreconfigs = true\nstoreconfigs_backend = puppetdb\nreports = puppetdb\n');
}

const exporterManifest = (out: string) => `
@@file { '${out}/collected-a': content => "exported by \${trusted['certname']}\\n", tag => ['${TAG}'] }
@@file { '${out}/collected-b': content => "second\\n", tag => ['${TAG}', 'extra'] }
@@file { '${out}/not-collected': content => "other tag\\n", tag => ['other'] }
file { '${out}/exporter-local': content => "applied on the exporter\\n" }
`;

const compilerManifest = (out: string) => `
File <<| tag == '${TAG}' |>>
@@file { '${out}/own-export': content => "own\\n", tag => ['${TAG}'] }
$exporters = puppetdb_query('nodes[certname] { resources { type = "File" and tag = "${TAG}" and exported = true } }')
notify { 'pql': message => "exporters: \${exporters.map |$n| { $n['certname'] }.sort.join(',')}" }
`;

describe('puppet apply with the PuppetDB terminus (Debian puppet-terminus-puppetdb) against troupe serve over HTTPS', () => {
  let serve: ServeProcess | undefined;
  let dataDir: string;
  let scratch: string;
  let out: string;
  let defaultDirs: string[];
  let exporter: ScratchAgent;
  let compiler: ScratchAgent;

  before(async () => {
    requirePuppetAgent();
    requirePuppetdbTerminus();
    dataDir = mkdtempSync(join(tmpdir(), 'troupe-pdbterminus-data-'));
    scratch = mkdtempSync(join(tmpdir(), 'troupe-pdbterminus-'));
    out = join(scratch, 'out');
    mkdirSync(out);
    defaultDirs = puppetDefaultDirs();
    serve = await spawnServe(['--data-dir', dataDir, '--autosign', 'true', '--admin-certnames', COMPILER, '--workers', '1']);
    const port = Number(new URL(serve.httpsUrl).port);
    exporter = scratchAgent({ dir: join(scratch, EXPORTER), certname: EXPORTER, port });
    compiler = scratchAgent({ dir: join(scratch, COMPILER), certname: COMPILER, port });
    for (const agent of [exporter, compiler]) {
      const boot = await agent.bootstrap();
      assert.equal(boot.status, 0, boot.output);
      configureTerminus(agent, `https://127.0.0.1:${port}`);
      writeFileSync(join(agent.dir, 'site.pp'), agent === exporter ? exporterManifest(out) : compilerManifest(out));
    }
  });

  after(async () => {
    stopScratchAgents();
    if (serve) {
      serve.child.kill('SIGTERM');
      const killed = setTimeout(() => serve!.child.kill('SIGKILL'), 10_000);
      await serve.exited;
      clearTimeout(killed);
    }
    for (const d of [dataDir, scratch]) if (d) rmSync(d, { recursive: true, force: true });
  });

  const query = async (path: string, q: unknown) =>
    (await fetch(`${serve!.url}/pdb/query/v4/${path}?query=${encodeURIComponent(JSON.stringify(q))}`)).json() as Promise<Record<string, unknown>[]>;
  const apply = (agent: ScratchAgent) => agent.puppet(['apply', '--detailed-exitcodes', join(agent.dir, 'site.pp')]);

  it("the exporter's puppet apply stores its facts and catalog, exported resources included (replace_facts, replace_catalog, store_report)", async (t) => {
    const run = await apply(exporter);
    t.diagnostic(`exporter's apply ${run.ms} ms`);
    assert.equal(run.status, 2, run.output);
    assert.equal(readFileSync(join(out, 'exporter-local'), 'utf8'), 'applied on the exporter\n');
    assert.equal(existsSync(join(out, 'collected-a')), false, 'an exported resource is not applied where it is exported');
    await eventually(async () => (await query('resources', ['and', ['=', 'certname', EXPORTER], ['=', 'exported', true]])).length === 3,
      20_000, "the exporter's catalog in the query API");
    const [node] = await query('nodes', ['=', 'certname', EXPORTER]);
    assert.ok(node?.['facts_timestamp'], `facts stored: ${JSON.stringify(node)}`);
    const facts = await query('facts', ['and', ['=', 'certname', EXPORTER], ['=', 'name', 'clientcert']]);
    assert.deepEqual(facts.map((f) => f['value']), [EXPORTER]);
    let reports: { status: string }[] = [];
    await eventually(async () => {
      reports = await (await fetch(`${serve!.url}/troupe/v1/nodes/${EXPORTER}/reports`)).json() as typeof reports;
      return reports.length === 1;
    }, 20_000, "the apply's report (store_report)");
    assert.equal(reports[0]!.status, 'changed');
  });

  it("refuses a node's command about another node, and a node's query (operators only)", async () => {
    const foreign = await requestAs(exporter, `${serve!.httpsUrl}/pdb/cmd/v1?command=deactivate_node&version=3&certname=${COMPILER}`,
      'POST', JSON.stringify({ certname: COMPILER, producer_timestamp: new Date().toISOString() }));
    assert.equal(foreign.status, 403, foreign.body);
    assert.match(foreign.body, new RegExp(`${EXPORTER} may only access its own data, not ${COMPILER}'s`.replace(/\./g, '\\.')));
    const unnamed = await requestAs(exporter, `${serve!.httpsUrl}/pdb/cmd/v1?command=deactivate_node&version=3`,
      'POST', JSON.stringify({ certname: EXPORTER, producer_timestamp: new Date().toISOString() }));
    assert.equal(unnamed.status, 403, unnamed.body);
    assert.match(unnamed.body, /must name itself in the certname query parameter/);
    const read = await requestAs(exporter, `${serve!.httpsUrl}/pdb/query/v4/nodes`, 'GET');
    assert.equal(read.status, 403, read.body);
    assert.match(read.body, /exporter\.example\.com has no operator role/);
  });

  it("the compile server's puppet apply collects them (<<| tag == … |>>) and answers puppetdb_query() with PQL", async (t) => {
    const run = await apply(compiler);
    t.diagnostic(`compile server's apply ${run.ms} ms`);
    assert.equal(run.status, 2, run.output);
    assert.equal(readFileSync(join(out, 'collected-a'), 'utf8'), `exported by ${EXPORTER}\n`);
    assert.equal(readFileSync(join(out, 'collected-b'), 'utf8'), 'second\n');
    assert.equal(existsSync(join(out, 'not-collected')), false, 'another tag is not collected');
    // Puppet's collector realizes the compiling node's own exports from its catalog (the terminus' query leaves them out).
    assert.equal(readFileSync(join(out, 'own-export'), 'utf8'), 'own\n');
    assert.match(run.output, new RegExp(`Notice: exporters: ${EXPORTER.replace(/\./g, '\\.')}\\n`));
  });

  it('puppet node status and puppet node deactivate, then the query API shows the node deactivated', async () => {
    const active = await compiler.puppet(['node', 'status', EXPORTER]);
    assert.equal(active.status, 0, active.output);
    // The face prints the node's `name`, which PuppetDB's v4 answer no longer has (it says `certname`): an empty line, as against PuppetDB.
    assert.match(active.output, /^\nCurrently active\nLast catalog: \d{4}-\S+\nLast facts: \d{4}-\S+/);
    // PuppetDB's JSON 404 makes the terminus fail over and give up, as against PuppetDB itself.
    const unknown = await compiler.puppet(['node', 'status', 'nobody.example.com']);
    assert.match(unknown.output, /Could not retrieve status for nobody\.example\.com: Failed to find '\/pdb\/query\/v4\/nodes\/nobody\.example\.com'/);

    const deactivate = await compiler.puppet(['node', 'deactivate', EXPORTER]);
    assert.equal(deactivate.status, 0, deactivate.output);
    assert.match(deactivate.output, new RegExp(`Submitted 'deactivate node' for ${EXPORTER.replace(/\./g, '\\.')} with UUID [0-9a-f-]{36}`));
    await eventually(async () => (await query('nodes', ['and', ['=', 'certname', EXPORTER], ['=', 'node_state', 'inactive']])).length === 1,
      20_000, 'the node deactivated in the query API');
    const status = await compiler.puppet(['node', 'status', EXPORTER]);
    assert.match(status.output, /Deactivated at \S+/);
    assert.deepEqual(tracesOf(defaultDirs, [EXPORTER, COMPILER]), [], `nothing written in Puppet's default directories (${defaultDirs.join(', ')})`);
  });
});
