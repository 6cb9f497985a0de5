import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { CatalogRequested, RecordedEvent, ReportSubmitted } from '../../../../core/events/event.types.js';
import { allEvents, collect, eventually, rawClient, stompTestFile } from '../../../support/brokers/stomp.fixture.js';
import { brokerAgent, troupeOnBroker } from '../../../support/brokers/broker-troupe.fixture.js';
import { postJson, type TestTroupe } from '../../../support/servers/troupe-instance.js';

const file = stompTestFile('dependency', 61741, { reuse: false });

// b exports its host key, a (the monitor) collects the web nodes' keys, c does neither.
const SITE = `define ssh::hostkey(String $key) { notify { "key \${title}": message => $key } }
node default {
  case $facts['role'] {
    'web': { @@ssh::hostkey { $trusted['certname']: key => $facts['key'], tag => ['web'] } }
    'monitor': { Ssh::Hostkey <<| tag == 'web' |>> }
    default: { notify { 'db': } }
  }
}
`;
const FACTS = { 'a.test': { role: 'monitor' }, 'b.test': { role: 'web', key: 'AAAA1' }, 'c.test': { role: 'db' } } as const;

describe("an exporter's change → its collector recompiled → STOMP push → troupe agent (real ActiveMQ, real Puppet apply)", () => {
  const broker = troupeOnBroker(file, 'dependency-e2e', SITE);
  let t: TestTroupe;
  before(() => { t = broker.troupe; });

  const agent = (certname: string, max: number) => brokerAgent(file, certname, ['--max-catalogs', String(max)]);
  const checkIn = async (certname: string, values: Record<string, unknown>) => {
    const r = await postJson(`${t.http.url}/puppet/v4/catalog`, { certname, environment: 'production', facts: { values } });
    assert.equal(r.status, 200, JSON.stringify(r.json));
  };
  const reports = async (certname: string) => (await allEvents(t.app.log))
    .filter((e): e is RecordedEvent<ReportSubmitted> => e.type === 'report_submitted' && e.stream === certname);
  const keyOf = (certname: string, title: string) => (JSON.parse(readFileSync(join(file.dir, certname, `${certname}.catalog.json`), 'utf8')) as { resources: Array<{ type: string; title: string; parameters?: Record<string, unknown> }> })
    .resources.find((r) => r.type === 'Ssh::Hostkey' && r.title === title)?.parameters?.['key'];
  const pushed = async () => (await t.app.status()).stomp?.push?.pushed ?? 0;

  it("pushes the collector's recompiled catalog, and nothing for the exporter's change to anyone else", async () => {
    await checkIn('b.test', FACTS['b.test']);
    // b's facts and its catalog may land in different projection batches: wait for the catalog (its exports).
    await eventually(async () => (await t.app.queries.catalog('b.test')) != null, 10_000, "b's catalog in storeconfigs");
    await checkIn('a.test', FACTS['a.test']);
    await checkIn('c.test', FACTS['c.test']);
    // Every first catalog is new, so each node's queue holds one: the agents apply it and report.
    assert.deepEqual(await Promise.all(['a.test', 'b.test', 'c.test'].map((n) => agent(n, 1))), [0, 0, 0]);
    assert.equal(keyOf('a.test', 'b.test'), 'AAAA1');
    await eventually(async () => (await reports('a.test')).length === 1, 20_000, "a's first report");

    // b's key changes: b's own check-in gets (and pushes) b's new catalog; a is recompiled for it and pushed.
    const before = await pushed();
    await checkIn('b.test', { ...FACTS['b.test'], key: 'BBBB2' });
    await eventually(async () => (await allEvents(t.app.log)).some((e) => e.type === 'catalog_requested' && e.stream === 'a.test' && (e as CatalogRequested).data.reason === 'dependency'), 20_000, "a's dependency recompile");
    // The request is logged before a's recompile answers: wait for a's second compiled catalog, then for the pusher.
    await eventually(async () => (await allEvents(t.app.log)).filter((e) => e.type === 'catalog_compiled' && e.stream === 'a.test').length === 2, 20_000, "a's recompiled catalog");
    await eventually(async () => (await t.app.status()).stomp?.push?.position === await t.app.log.head() && t.app.dependencies.status().due === 0, 20_000, 'the pusher');
    assert.equal(await pushed() - before, 2, "b's own new catalog and a's recompiled one");

    assert.equal(await agent('a.test', 1), 0);
    assert.equal(keyOf('a.test', 'b.test'), 'BBBB2', "a's agent applied the catalog with b's new key");
    await eventually(async () => (await reports('a.test')).length === 2, 20_000, "a's second report");
    const requests = (await allEvents(t.app.log)).filter((e): e is RecordedEvent<CatalogRequested> => e.type === 'catalog_requested' && e.data.reason === 'dependency');
    assert.deepEqual(requests.map((r) => [r.stream, r.data.from]), [['a.test', 'b.test']], 'a, from b; nobody else');

    const peek = await rawClient(file.broker.url);
    assert.deepEqual(await collect(peek, '/queue/troupe.node.c.test', 1, 1000), [], 'c gets no push');
    assert.equal((await collect(peek, '/queue/troupe.node.b.test', 2, 1500)).length, 1, "b's queue holds its own catalog only");
  });
});
