import assert from 'node:assert/strict';
import fc from 'fast-check';
import { after, before, describe, it } from 'node:test';
import { troupeRoutes } from '../../../ops/http/http-server.js';
import { NO_ROUTE } from '../../../ops/http/http-router.js';
import { routeName } from '../../../ops/http/route-name.js';
import { parseExposition } from '../../support/prometheus-text.js';
import { startTestTroupe, type TestTroupe } from '../../support/servers/troupe-instance.js';

const PREFIXES = ['/puppet/v3/catalog/', '/puppet/v3/node/', '/troupe/v1/nodes/', '/puppet/v3/file_content/', '/puppet-ca/v1/certificate/', '/', '/status/'];

describe('HTTP metrics labels', () => {
  let t: TestTroupe;
  before(async () => { t = await startTestTroupe(); });
  after(() => t.stop());

  it('take route names from the route table only, whatever paths and methods clients send', async () => {
    const allowed = new Set([NO_ROUTE, ...troupeRoutes(t.app).map((r) => routeName(r))]);
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...PREFIXES), fc.webSegment(), fc.webSegment(), fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
      async (prefix, a, b, method) => {
        const res = await fetch(`${t.http.url}${prefix}${a}/${b}`, { method, ...(method === 'GET' ? {} : { body: '' }) });
        await res.arrayBuffer();
      },
    ), { numRuns: 60 });
    const families = parseExposition(await (await fetch(`${t.http.url}/metrics`)).text());
    const samples = families.get('troupe_http_requests_total')!.samples;
    for (const s of samples) assert.ok(allowed.has(s.labels['route']!), `route label ${s.labels['route']}`);
    assert.ok(samples.length <= allowed.size * 5 * 6, `${samples.length} series`);
  });
});
