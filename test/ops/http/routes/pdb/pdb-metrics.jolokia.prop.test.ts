import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { unescapeJolokia } from '../../../../../ops/http/routes/pdb/pdb-metrics.route.js';

/** pypuppetdb's escape_metric_name (Jolokia's GET escapes), as it writes names into the path. */
const escape = (name: string): string => name.replace(/!/g, '!!').replace(/\//g, '!/').replace(/"/g, '!"');

test('Jolokia escapes: what pypuppetdb escapes reads back as the MBean name it named', () => {
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', ':', '=', '!', '/', '"', '.', '-') }), (name) => {
    assert.equal(unescapeJolokia(escape(name)), name);
  }));
  assert.equal(unescapeJolokia('puppetlabs.puppetdb.population:name=num-nodes'), 'puppetlabs.puppetdb.population:name=num-nodes');
});
