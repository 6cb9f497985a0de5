import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../../../support/eventually.js';
import { spawnServe, type ServeProcess } from '../../../support/servers/serve-process.js';
import { runTroupe } from '../../../support/servers/troupe-cli.js';

const NODES = [
  { certname: 'web1.example.com', datacenter: 'a', customer: 'acmeinc' },
  { certname: 'web2.example.com', datacenter: 'b', customer: 'acmeinc' },
  { certname: 'db1.example.com', datacenter: 'a', customer: 'other' },
] as const;

describe('troupe query and troupe nodes --query against the HTTPS door', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'troupe-cli-query-'));
  let serve: ServeProcess | undefined;
  /** Over HTTPS, with the server's own certificate from its data directory. */
  const troupe = (args: readonly string[]) => runTroupe([...args, '--url', serve!.httpsUrl, '--data-dir', dataDir]);

  before(async () => {
    serve = await spawnServe(['--data-dir', dataDir, '--compiler', 'static', '--workers', '0']);
    for (const [i, n] of NODES.entries()) {
      const res: Response = await fetch(`${serve.url}/pdb/cmd/v1?command=replace_facts&version=5&certname=${n.certname}`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          certname: n.certname, environment: 'production', producer_timestamp: new Date(Date.now() - (10 - i) * 1000).toISOString(),
          values: { datacenter: n.datacenter, customer: n.customer, os: { family: 'Debian' } },
        }),
      });
      assert.equal(res.status, 200, await res.text());
    }
    await eventually(async () => (await (await fetch(`${serve!.url}/pdb/query/v4/nodes`)).json() as unknown[]).length === NODES.length,
      15_000, 'the facts projected');
  });
  after(() => {
    serve?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints PQL answers as a table, as JSON lines with --json, paged by --limit; an AST works the same', async () => {
    const table = await troupe(['query', 'facts[certname, value] { name = "datacenter" order by certname }']);
    assert.equal(table.status, 0, table.stderr);
    assert.equal(table.stdout, [
      'certname         | value',
      '-----------------+------',
      'db1.example.com  | a',
      'web1.example.com | a',
      'web2.example.com | b',
      '(3 rows)', ''].join('\n'));

    const json = await troupe(['query', '--json', '--limit', '2', '["from", "nodes", ["extract", ["certname"], ["~", "certname", "^web"]]]']);
    assert.equal(json.status, 0, json.stderr);
    assert.deepEqual(json.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown), [{ certname: 'web1.example.com' }, { certname: 'web2.example.com' }]);
  });

  it('addresses nodes by metadata: a condition on inventory, or a full PQL query; every active node without --query', async () => {
    const acme = await troupe(['nodes', '--query', 'facts.datacenter = "a" and facts.customer = "acmeinc"']);
    assert.equal(acme.status, 0, acme.stderr);
    assert.equal(acme.stdout, 'web1.example.com\n');
    const full = await troupe(['nodes', '--query', 'facts[certname] { name = "datacenter" and value = "a" }']);
    assert.equal(full.stdout, 'db1.example.com\nweb1.example.com\n');
    const all = await troupe(['nodes']);
    assert.equal(all.stdout, 'db1.example.com\nweb1.example.com\nweb2.example.com\n');
    const none = await troupe(['nodes', '--query', 'facts.datacenter = "z"']);
    assert.deepEqual([none.status, none.stdout, none.stderr], [0, '', 'troupe nodes: no node matches\n']);
    const noCertname = await troupe(['nodes', '--query', 'facts[value] { name = "datacenter" }']);
    assert.equal(noCertname.status, 1);
    assert.match(noCertname.stderr, /^troupe nodes: the query's rows have no certname; project it/);
  });

  it("prints PuppetDB's message for a query the server refuses (exit 1)", async () => {
    const syntax = await troupe(['query', 'nodes[certname] { certname = }']);
    assert.equal(syntax.status, 1);
    assert.equal(syntax.stdout, '');
    assert.match(syntax.stderr, /^troupe query: PQL parse error at line 1, column \d+:\n\nnodes\[certname\] \{ certname = \}\n +\^\n/);
    const field = await troupe(['nodes', '--query', 'nodes[certname] { bogus = 1 }']);
    assert.equal(field.status, 1);
    assert.match(field.stderr, /^troupe nodes: .*'bogus' is not a queryable object for nodes/);
  });

  it('says what to do when the server is not there, and refuses a wrong command line (exit 2) before sending anything', async () => {
    const down = await runTroupe(['query', 'nodes {}', '--url', 'http://127.0.0.1:1']);
    assert.equal(down.status, 1);
    assert.match(down.stderr, /^troupe query: cannot reach Troupe at http:\/\/127\.0\.0\.1:1 \(connect ECONNREFUSED[^)]*\); is troupe serve running there\? Start it, or point --url \(or \$TROUPE_URL\) at it\n$/);
    for (const [args, why] of [
      [['query'], /a QUERY is required/],
      [['query', 'nodes {}', '--limit', '0'], /--limit: expected a positive whole number, got '0'/],
      [['query', 'nodes {}', '--limt', '3'], /unknown option --limt \(did you mean --limit\?\)/],
      [['nodes', 'web1'], /unexpected argument 'web1'/],
      [['nodes', '--query'], /--query/],
    ] as const) {
      const r = await runTroupe([...args, '--url', 'http://127.0.0.1:1']);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, why);
    }
    for (const command of ['query', 'nodes']) {
      const help = await runTroupe([command, '--help']);
      assert.equal(help.status, 0);
      assert.match(help.stdout, new RegExp(`^usage: troupe ${command} `));
      assert.match(help.stdout, command === 'query' ? /--limit N[\s\S]*--json/ : /--query PQL/);
    }
  });
});
