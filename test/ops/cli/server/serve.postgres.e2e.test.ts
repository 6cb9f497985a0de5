import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { eventually } from '../../../support/eventually.js';
import { postgresSkip, testPostgres } from '../../../support/postgres.fixture.js';
import { writeSite } from '../../../support/puppet/puppet-env.fixture.js';
import { runTroupe } from '../../../support/servers/troupe-cli.js';
import Database from 'better-sqlite3';
import { spawnServe, type ServeProcess } from '../../../support/servers/serve-process.js';

const server = postgresSkip ? undefined : testPostgres();
after(() => server?.stop());

const CERTNAME = 'pg1.example.com';
const AT = '2026-01-01T10:00:00.000Z';
const KEY = `/etc/ssh/known/${CERTNAME}`;
const FACTS = { certname: CERTNAME, environment: 'production', producer_timestamp: AT, producer: 'puppet.example.com', values: { os: { family: 'Debian' }, role: 'db' } };
const CATALOG = {
  certname: CERTNAME, version: '1', environment: 'production', transaction_uuid: 't-1', catalog_uuid: 'c-1', code_id: null,
  producer_timestamp: AT, producer: 'puppet.example.com',
  resources: [
    { type: 'Class', title: 'main', tags: ['class'], exported: false, parameters: {} },
    { type: 'File', title: KEY, tags: ['file', 'hostkey'], exported: true, parameters: { ensure: 'file', content: 'ssh-ed25519 AAAA' } },
  ],
  edges: [{ source: { type: 'Class', title: 'main' }, target: { type: 'File', title: KEY }, relationship: 'contains' }],
};

async function command(serve: ServeProcess, name: string, version: number, payload: unknown): Promise<void> {
  const res = await fetch(`${serve.url}/pdb/cmd/v1?command=${name}&version=${version}&certname=${CERTNAME}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload),
  });
  assert.equal(res.status, 200, await res.text());
}

async function query(serve: ServeProcess, entity: string, ast?: unknown): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${serve.url}/pdb/query/v4/${entity}${ast === undefined ? '' : `?query=${encodeURIComponent(JSON.stringify(ast))}`}`);
  assert.equal(res.status, 200, `${entity}: ${await res.clone().text()}`);
  return await res.json() as Record<string, unknown>[];
}

/** A catalog for `certname` compiled by an actor (a worker's, in the cluster): its facts read back from the log, exports collected from storeconfigs. */
async function compiled(serve: ServeProcess, certname: string): Promise<{ resources: { type: string; title: string }[] }> {
  const res = await fetch(`${serve.url}/puppet/v4/catalog`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ certname, environment: 'production', facts: { values: { role: 'web' } } }),
  });
  const body = await res.json() as { catalog: { resources: { type: string; title: string }[] } };
  assert.equal(res.status, 200, JSON.stringify(body));
  return body.catalog;
}

const SITE = "node default { notify { \"role ${facts['role']}\": } File <<| tag == 'hostkey' |>> }\n";

async function stop(serve: ServeProcess): Promise<void> {
  serve.child.kill('SIGTERM');
  assert.equal(await serve.exited, 0);
}

describe('troupe serve --store postgres://…', { skip: postgresSkip }, () => {
  it('keeps the log and storeconfigs in PostgreSQL: commands in, queries and compiles out, in the cluster and in one process, events and replay read it, across a restart', async () => {
    const url = await server!.newDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'troupe-serve-pg-'));
    const codeDir = writeSite(dataDir, 'production', SITE);
    const args = ['--data-dir', join(dataDir, 'data'), '--code-dir', codeDir, '--compiler', 'builtin', '--store', url];
    try {
      // First the cluster: the actor workers read the log and storeconfigs from PostgreSQL too.
      const first = await spawnServe([...args, '--workers', '2']);
      try {
        await command(first, 'replace_facts', 5, FACTS);
        await command(first, 'replace_catalog', 9, CATALOG);
        await eventually(async () => (await query(first, 'resources', ['=', 'exported', true])).length === 1, 30_000, 'the catalog projected');
        assert.deepEqual((await query(first, 'facts', ['=', 'name', 'role'])).map((f) => [f['certname'], f['value']]), [[CERTNAME, 'db']]);
        const catalog = await compiled(first, 'web.example.com');
        assert.deepEqual(catalog.resources.filter((r) => r.type === 'File' || r.type === 'Notify').map((r) => `${r.type}[${r.title}]`).sort(),
          [`File[${KEY}]`, 'Notify[role web]']);
      } finally {
        await stop(first);
      }
      // Nothing of the log or storeconfigs went to the data directory (only the actors' checkpoints and the CA).
      assert.ok(!existsSync(join(dataDir, 'data', 'events.db')) && !existsSync(join(dataDir, 'data', 'storeconfigs.db')), readdirSync(join(dataDir, 'data')).join(', '));
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const logged = await client.query<{ type: string }>('SELECT type FROM public.events ORDER BY position');
        assert.deepEqual(logged.rows.map((r) => r.type).filter((t) => t.endsWith('_submitted') || t === 'catalog_compiled'),
          ['facts_submitted', 'catalog_submitted', 'facts_submitted', 'catalog_compiled']);
        const stored = await client.query<{ certname: string; n: string }>('SELECT certname, count(*) AS n FROM storeconfigs.resources GROUP BY certname ORDER BY certname');
        assert.deepEqual(stored.rows.map((r) => [r.certname, Number(r.n)]), [[CERTNAME, 2], ['web.example.com', 6]]);
      } finally {
        await client.end();
      }

      // The log's tools read it from PostgreSQL too: a node's timeline, and storeconfigs rebuilt into a SQLite file.
      const timeline = await runTroupe(['events', '--node', CERTNAME, '--json', '--data-dir', join(dataDir, 'data'), '--store', url], { timeoutMs: 60_000 });
      assert.equal(timeline.status, 0, timeline.stderr);
      assert.deepEqual((JSON.parse(timeline.stdout) as { events: { type: string }[] }).events.map((e) => e.type), ['facts_submitted', 'catalog_submitted']);
      const out = join(dataDir, 'replayed.db');
      const replay = await runTroupe(['replay', '--out', out, '--data-dir', join(dataDir, 'data'), '--store', url], { timeoutMs: 60_000 });
      assert.equal(replay.status, 0, replay.stderr);
      const replayed = new Database(out, { readonly: true });
      try {
        assert.deepEqual(replayed.prepare('SELECT certname, count(*) AS n FROM resources GROUP BY certname ORDER BY certname').raw().all(), [[CERTNAME, 2], ['web.example.com', 6]]);
      } finally {
        replayed.close();
      }

      const second = await spawnServe([...args, '--workers', '0']);
      try {
        const nodes = await query(second, 'nodes', ['=', 'certname', CERTNAME]);
        assert.deepEqual(nodes.map((n) => [n['certname'], n['facts_timestamp'], n['catalog_timestamp']]), [[CERTNAME, AT, AT]]);
        assert.deepEqual((await query(second, 'resources', ['=', 'type', 'Notify'])).map((r) => [r['certname'], r['title']]), [['web.example.com', 'role web']]);
        assert.deepEqual((await query(second, 'resources', ['=', 'exported', true])).map((r) => r['title']), [KEY]);
        // And it goes on projecting after the restart.
        await command(second, 'replace_facts', 5, { ...FACTS, producer_timestamp: '2026-01-01T11:00:00.000Z', values: { role: 'web' } });
        await eventually(async () => (await query(second, 'facts', ['and', ['=', 'name', 'role'], ['=', 'certname', CERTNAME]]))[0]?.['value'] === 'web', 30_000, 'the new facts projected');
        assert.deepEqual((await query(second, 'facts', ['=', 'certname', CERTNAME])).map((f) => f['name']), ['role']);
      } finally {
        await stop(second);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
