import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { CatalogCompiled, CatalogRequested, RecordedEvent } from '../../../core/events/event.types.js';
import { DEPENDENCY_PRIORITY } from '../../../core/events/event.types.js';
import { eventually } from '../../support/eventually.js';
import { tempEnvironments, writeSite } from '../../support/puppet/puppet-env.fixture.js';
import { postJson, startTestTroupe, type TestTroupe } from '../../support/servers/troupe-instance.js';

// Web nodes export their host key (an sshkey-like defined type: Puppet 7 keeps
// sshkey in a module); monitors collect the web nodes' keys; db nodes do neither.
const SITE = `define ssh::hostkey(String $key) { notify { "key \${title}": message => $key } }
node default {
  case $facts['role'] {
    'web': {
      @@ssh::hostkey { $trusted['certname']: key => $facts['key'], tag => ['web'] }
      notify { "uptime \${facts['uptime']}": }
    }
    'monitor': { Ssh::Hostkey <<| tag == 'web' |>> }
    default: { notify { 'db': } }
  }
}
`;

describe('dependency recompiles (a real Troupe, builtin compiler)', () => {
  const envs = tempEnvironments('dependency');
  let t: TestTroupe;
  before(async () => {
    writeSite(envs, 'production', SITE);
    t = await startTestTroupe({ compiler: 'builtin', environmentsDir: envs, workers: 0, compileConcurrency: 2 });
  });
  after(async () => {
    await t.stop();
    rmSync(envs, { recursive: true, force: true });
  });

  const checkIn = async (certname: string, values: Record<string, unknown>): Promise<any> => {
    const r = await postJson(`${t.http.url}/puppet/v4/catalog`, { certname, environment: 'production', facts: { values } });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json.catalog ?? r.json;
  };
  const events = async <E extends RecordedEvent>(certname: string, type: E['type']): Promise<E[]> =>
    (await t.app.log.readStream(certname)).filter((e): e is E => e.type === type);
  const dependencyRequests = async (certname: string) =>
    (await events<RecordedEvent<CatalogRequested>>(certname, 'catalog_requested')).filter((e) => e.data.reason === 'dependency');
  const keyIn = (catalog: any, title: string): unknown => catalog.resources.find((r: any) => r.type === 'Ssh::Hostkey' && r.title === title)?.parameters?.key;

  it("records each compile's collector queries and exports digest", async () => {
    await checkIn('b.test', { role: 'web', key: 'AAAA1', uptime: 1 });
    // b's facts and its catalog may land in different projection batches: wait for the catalog (its exports).
    await eventually(async () => (await t.app.queries.catalog('b.test')) != null, 10_000, "b's catalog in storeconfigs");
    await checkIn('a.test', { role: 'monitor' });
    await checkIn('c.test', { role: 'db' });
    const [a] = await events<RecordedEvent<CatalogCompiled>>('a.test', 'catalog_compiled');
    assert.deepEqual(a!.data.collectors, [{ type: 'Ssh::Hostkey', filter: { op: '==', attribute: 'tag', value: 'web' } }]);
    assert.equal(keyIn(a!.data.catalog, 'b.test'), 'AAAA1');
    const [c] = await events<RecordedEvent<CatalogCompiled>>('c.test', 'catalog_compiled');
    assert.deepEqual(c!.data.collectors, []);
    const [b] = await events<RecordedEvent<CatalogCompiled>>('b.test', 'catalog_compiled');
    assert.notEqual(b!.data.exportsDigest, c!.data.exportsDigest, 'b exports, c does not');
  });

  it("an exporter's catalog change that leaves its exports alone recompiles nobody", async () => {
    await checkIn('b.test', { role: 'web', key: 'AAAA1', uptime: 2 });
    const compiled = await events<RecordedEvent<CatalogCompiled>>('b.test', 'catalog_compiled');
    assert.equal(compiled.length, 2);
    assert.notEqual(compiled[1]!.data.hash, compiled[0]!.data.hash, 'the catalog changed');
    assert.equal(compiled[1]!.data.exportsDigest, compiled[0]!.data.exportsDigest, 'its exports did not');
    await eventually(() => t.app.dependencies.status().position >= compiled[1]!.position, 10_000, 'the tracker');
    assert.equal((await dependencyRequests('a.test')).length, 0);
  });

  it("B's export change recompiles A (its collector) with reason dependency from B, and neither C nor B", async () => {
    await checkIn('b.test', { role: 'web', key: 'BBBB2', uptime: 3 });
    await eventually(async () => (await events<RecordedEvent<CatalogCompiled>>('a.test', 'catalog_compiled')).length === 2, 20_000, "A's recompile");
    const [request] = await dependencyRequests('a.test');
    assert.equal(request!.data.from, 'b.test');
    assert.equal(request!.data.priority, DEPENDENCY_PRIORITY);
    const recompiled = (await events<RecordedEvent<CatalogCompiled>>('a.test', 'catalog_compiled'))[1]!;
    assert.deepEqual(recompiled.data.requestIds, [request!.id]);
    assert.equal(keyIn(recompiled.data.catalog, 'b.test'), 'BBBB2', 'A collected the new export: storeconfigs had it before the recompile');
    assert.notEqual(recompiled.data.previousHash, recompiled.data.hash);
    assert.equal((await dependencyRequests('c.test')).length, 0);
    assert.equal((await dependencyRequests('b.test')).length, 0);
    assert.equal(t.app.dependencies.status().due, 0);
    assert.match(await t.app.metrics.scrape(), /^troupe_dependency_recompiles_total 1$/m);
  });

  it('two exporters changing together leave their collector with both new exports, recompiled at most once per change', async () => {
    await checkIn('d.test', { role: 'web', key: 'DDDD1', uptime: 1 });
    await eventually(async () => (await dependencyRequests('a.test')).length === 2, 20_000, 'a recompile for the new exporter');
    await eventually(async () => (await events('a.test', 'catalog_compiled')).length === 3, 20_000, 'its compile');
    const before = (await dependencyRequests('a.test')).length;
    // Both exporters' new catalogs reach the log before the tracker's next batch.
    const [b, d] = await Promise.all([
      checkIn('b.test', { role: 'web', key: 'BBBB3', uptime: 4 }),
      checkIn('d.test', { role: 'web', key: 'DDDD3', uptime: 2 }),
    ]);
    assert.ok(b && d);
    await eventually(async () => {
      const compiled = await events<RecordedEvent<CatalogCompiled>>('a.test', 'catalog_compiled');
      const last = compiled[compiled.length - 1]!.data.catalog;
      return keyIn(last, 'b.test') === 'BBBB3' && keyIn(last, 'd.test') === 'DDDD3';
    }, 20_000, "A's catalog with both new keys");
    const after = (await dependencyRequests('a.test')).length;
    assert.ok(after - before <= 2, `at most one recompile per exporter's change, ${after - before}`);
    assert.equal((await dependencyRequests('c.test')).length, 0);
  });

  it('a deactivated exporter leaves its collectors recompiled without its exports', async () => {
    const head = await t.app.log.head();
    const r = await postJson(`${t.http.url}/pdb/cmd/v1?command=deactivate_node&version=3&certname=d.test`, { certname: 'd.test', producer_timestamp: new Date().toISOString() });
    assert.ok(r.status < 300, JSON.stringify(r.json));
    await eventually(async () => {
      const compiled = await events<RecordedEvent<CatalogCompiled>>('a.test', 'catalog_compiled');
      const last = compiled[compiled.length - 1]!;
      return last.position > head && keyIn(last.data.catalog, 'd.test') === undefined;
    }, 20_000, "A's catalog without d's key");
    const last = (await dependencyRequests('a.test')).at(-1)!;
    assert.equal(last.data.from, 'd.test');
  });
});
