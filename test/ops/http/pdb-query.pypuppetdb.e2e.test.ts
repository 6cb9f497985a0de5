import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { packageRoot } from '../../../ops/config/package-root.js';
import { eventually } from '../../support/eventually.js';
import { spawnServe, type ServeProcess } from '../../support/serve-process.js';

/** Debian's Python, where `apt-get install python3-pypuppetdb` puts the library (not a pyenv on PATH). */
const PYTHON = '/usr/bin/python3';
const run = promisify(execFile);

/** Fails (never skips) when pypuppetdb is missing: CI must install it. */
async function requirePypuppetdb(): Promise<void> {
  const missing = 'pypuppetdb is not installed: apt-get install -y python3-pypuppetdb (Debian\'s package, for /usr/bin/python3)';
  if (!existsSync(PYTHON)) assert.fail(missing);
  try {
    await run(PYTHON, ['-c', 'import pypuppetdb']);
  } catch {
    assert.fail(missing);
  }
}

const at = (minute: number) => `2026-01-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
const resource = (type: string, title: string, tags: string[], parameters: Record<string, unknown> = {}) =>
  ({ type, title, tags, exported: false, parameters, file: '/etc/puppet/code/site.pp', line: 1 });
const contains = (type: string, title: string) =>
  ({ source: { type: 'Class', title: 'main' }, target: { type, title }, relationship: 'contains' });

function commands(certname: string, environment: string, family: string, classes: string[], minute: number) {
  return [
    ['replace_facts', 5, {
      certname, environment, producer_timestamp: at(minute), producer: 'puppet.example.com',
      values: { os: { family, release: { major: '12' } }, kernel: 'Linux', role: classes[0]!.toLowerCase() },
    }],
    ['replace_catalog', 9, {
      certname, environment, version: '1', producer_timestamp: at(minute + 1), producer: 'puppet.example.com',
      transaction_uuid: '8b0a1b8e-0000-4000-8000-000000000001', catalog_uuid: '8b0a1b8e-0000-4000-8000-000000000002', code_id: null,
      resources: [resource('Class', 'main', ['class']), ...classes.map((c) => resource('Class', c, ['class', c.toLowerCase()])),
        resource('File', `/etc/${certname}`, ['file'], { ensure: 'file' })],
      edges: [...classes.map((c) => contains('Class', c)), contains('File', `/etc/${certname}`)],
    }],
  ] as const;
}

describe('pypuppetdb (Puppetboard\'s client) against troupe serve', () => {
  let serve: ServeProcess | undefined;
  let dataDir: string;
  before(async () => {
    await requirePypuppetdb();
    dataDir = mkdtempSync(join(tmpdir(), 'troupe-pypdb-'));
    serve = await spawnServe(['--data-dir', dataDir]);
    const all = [
      ...commands('web1.example.com', 'production', 'Debian', ['Nginx'], 0),
      ...commands('web2.example.com', 'production', 'Debian', ['Nginx'], 10),
      ...commands('db1.example.com', 'dev', 'RedHat', ['Postgresql'], 20),
    ];
    for (const [command, version, body] of all) {
      const res: Response = await fetch(`${serve.url}/pdb/cmd/v1?command=${command}&version=${version}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      assert.equal(res.status, 200, await res.text());
    }
    await eventually(async () => {
      const r = await fetch(`${serve!.url}/pdb/query/v4/catalogs`);
      return r.ok && (await r.json() as unknown[]).length === 3;
    }, 15_000, 'the three catalogs projected');
  });
  after(async () => {
    serve?.child.kill('SIGTERM');
    await serve?.exited;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the calls Puppetboard\'s pages make', { timeout: 60_000 }, async () => {
    const { hostname, port } = new URL(serve!.url);
    const script = join(packageRoot(), 'test/support/pypuppetdb-client.py');
    const { stdout } = await run(PYTHON, [script, hostname, port, 'web1.example.com'], { timeout: 50_000 });
    const got = JSON.parse(stdout) as Record<string, unknown>;
    const nodes = ['db1.example.com', 'web1.example.com', 'web2.example.com'];
    assert.deepEqual(got['nodes'], nodes);
    assert.deepEqual(got['nodes_with_status'], nodes.map((n) => [n, 'unreported']));
    assert.deepEqual(got['node'], {
      name: 'web1.example.com', catalog_environment: 'production', facts_timestamp: '2026-01-01T10:00:00+00:00', deactivated: false,
      facts: ['kernel', 'os', 'role'], resources: ['Class[Nginx]', 'Class[main]', 'File[/etc/web1.example.com]'], kernel: 'Linux',
    });
    assert.deepEqual(got['facts_os'], [['db1.example.com', 'RedHat'], ['web1.example.com', 'Debian'], ['web2.example.com', 'Debian']]);
    assert.deepEqual(got['facts_kernel_linux'], nodes);
    assert.deepEqual(got['fact_names'], ['kernel', 'os', 'role']);
    assert.equal(got['fact_paths'], 4, 'os.family, os.release.major, kernel, role');
    assert.deepEqual(got['inventory'], [['db1.example.com', 'RedHat', 'dev'], ['web1.example.com', 'Debian', 'production'], ['web2.example.com', 'Debian', 'production']]);
    assert.equal((got['resources_class'] as string[]).length, 6);
    assert.deepEqual(got['resources_nginx'], ['web1.example.com', 'web2.example.com']);
    assert.deepEqual(got['catalog'], {
      node: 'web1.example.com', environment: 'production', resources: ['Class[Nginx]', 'Class[main]', 'File[/etc/web1.example.com]'], edges: 2,
    });
    assert.deepEqual(got['environments'], ['dev', 'production']);
    assert.deepEqual(got['ast_query'], ['db1.example.com']);
    assert.deepEqual(got['paged'], ['web2.example.com', 3]);
    assert.equal(got['version'], '7.12.1');
    assert.equal(got['server_time'], true);
    const classes = (got['resources_class'] as string[]).length;
    const resources = (got['population'] as number[])[1]!;
    assert.deepEqual(got['population'], [3, resources, resources / 3]);
    assert.ok(resources >= classes, `${resources} resources, at least the ${classes} classes`);
    assert.deepEqual(got['metrics_list'], ['name=avg-resources-per-node', 'name=num-nodes', 'name=num-resources']);
    assert.equal(got['metric_unknown'], 'DoesNotComputeError', 'an unknown MBean is an error, as Jolokia answers it');
  });
});
