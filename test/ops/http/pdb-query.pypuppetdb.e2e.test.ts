import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startPypuppetdbServer, type PypuppetdbServer } from '../../support/pypuppetdb/pypuppetdb.fixture.js';

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
  let server: PypuppetdbServer | undefined;
  before(async () => {
    server = await startPypuppetdbServer();
    const all = [
      ...commands('web1.example.com', 'production', 'Debian', ['Nginx'], 0),
      ...commands('web2.example.com', 'production', 'Debian', ['Nginx'], 10),
      ...commands('db1.example.com', 'dev', 'RedHat', ['Postgresql'], 20),
    ];
    for (const [command, version, body] of all) await server.command(command, version, body);
    await server.projected('/pdb/query/v4/catalogs', 3, 'the three catalogs projected');
  });
  after(async () => { await server?.stop(); });

  it('answers the calls Puppetboard\'s pages make', { timeout: 60_000 }, async () => {
    const got = await server!.python('pypuppetdb-client.py', 'web1.example.com');
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
    assert.equal(got['metric_unknown'], 'HTTPError', 'an unknown MBean is a 404');
  });
});
