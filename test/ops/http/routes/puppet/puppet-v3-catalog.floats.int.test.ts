import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { JsonFloat } from '../../../../../core/json/json-float.js';
import { eventually } from '../../../../support/eventually.js';
import { demoModuleEnvironment } from '../../../../support/puppet/puppet-module.fixture.js';
import { startTestTroupe, type TestTroupe } from '../../../../support/servers/troupe-instance.js';

const SITE = `
define floaty($v) {}
node default {
  floaty { 'x': v => [2.0, $facts['weight'], $facts['count'], 7.0 / 2] }
  notify { "weight \${type($facts['weight'], 'generalized')}, count \${type($facts['count'], 'generalized')}": }
}
`;
const FORM = 'application/x-www-form-urlencoded';
const puppetEncode = (s: string): string => encodeURIComponent(s).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
/** The facts document as a Ruby agent writes it: `1.0` is a Float. */
const FACTS = '{"name":"web1.example.com","values":{"weight":1.0,"count":3,"os":{"family":"Debian"}},"timestamp":"2026-01-01T00:00:00Z"}';
const BODY = `facts_format=application%2Fjson&facts=${puppetEncode(puppetEncode(FACTS))}&environment=production&transaction_uuid=t-1`;
const FLOATY = '"parameters":{"v":[2.0,1.0,3,3.5]}';

describe('integral Floats through the agent API, the log and storeconfigs', () => {
  let t: TestTroupe;
  let root: string;
  before(async () => {
    const env = demoModuleEnvironment(SITE);
    root = env.root;
    t = await startTestTroupe({ compiler: 'builtin', codeDir: env.codeDir });
  });
  after(async () => { await t.stop(); rmSync(root, { recursive: true, force: true }); });

  it('a fact sent as 1.0 is a Float in the compile, and the catalog writes Floats as Puppet does', async () => {
    const res = await fetch(`${t.http.url}/puppet/v3/catalog/web1.example.com?environment=production`, {
      method: 'POST', headers: { accept: 'application/json', 'content-type': FORM }, body: BODY,
    });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    assert.ok(text.includes(FLOATY), text);
    assert.ok(text.includes('"title":"weight Float, count Integer"'), text);
  });

  it('the log keeps them: facts and catalog read back with their Floats', async () => {
    const events = await t.app.log.readStream('web1.example.com');
    const facts = events.find((e) => e.type === 'facts_submitted')!.data as { values: Record<string, unknown> };
    assert.ok(facts.values['weight'] instanceof JsonFloat);
    assert.equal(facts.values['count'], 3);
    const compiled = events.find((e) => e.type === 'catalog_compiled')!.data as unknown as { catalog: { resources: { type: string; parameters?: { v?: unknown[] } }[] } };
    const v = compiled.catalog.resources.find((r) => r.type === 'Floaty')!.parameters!.v!;
    assert.deepEqual(v.map((x) => (x instanceof JsonFloat ? `${x}` : x)), ['2.0', '1.0', 3, 3.5]);
  });

  it('a catalog compiled again from the stored facts is the same, and storeconfigs answers the Floats', async () => {
    const res = await fetch(`${t.http.url}/puppet/v3/catalog/web1.example.com?environment=production`, { headers: { accept: 'application/json' } });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    assert.ok(text.includes(FLOATY), text);
    await eventually(async () => {
      const q = new URLSearchParams({ query: '["=", "type", "Floaty"]' });
      const r = await (await fetch(`${t.http.url}/pdb/query/v4/resources?${q}`)).text();
      return r.includes('"parameters":{"v":[2.0,1.0,3,3.5]}');
    }, 5000, 'the resource in storeconfigs with its Floats');
  });
});
