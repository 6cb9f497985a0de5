import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JsonFloat } from '../../../core/json/json-float.js';
import { decodeBoundedJson } from '../../../core/wire/bounded-json.js';
import { decodePdbCommand, keepsFloats } from '../../../core/wire/pdb-command.decoder.js';

describe('PuppetDB commands and integral Floats', () => {
  it('keeps Floats in facts and catalogs, under either spelling, and not in reports', () => {
    assert.deepEqual(['replace_facts', 'replace facts', 'replace_catalog', 'replace catalog', 'store_report', 'deactivate_node', null].map(keepsFloats),
      [true, true, true, true, false, false, false]);
  });

  it('reads a fact sent as 1.0 into the facts_submitted event as a Float', () => {
    const text = '{"certname":"web1.example.com","environment":"production","producer_timestamp":"2026-01-01T00:00:00Z","values":{"weight":1.0,"count":3}}';
    const body = decodeBoundedJson(text, { keepFloats: keepsFloats('replace_facts') });
    assert.ok(body.ok);
    const r = decodePdbCommand({ command: 'replace_facts', version: 5, certname: null, body: body.value }, { id: 'e1', now: '2026-01-01T00:00:01Z', meta: { source: 'http' } });
    assert.ok(r.ok && r.value.type === 'facts_submitted');
    assert.ok(r.value.data.values['weight'] instanceof JsonFloat);
    assert.equal(r.value.data.values['count'], 3);
  });
});
