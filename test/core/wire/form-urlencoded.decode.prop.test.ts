import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeV3CatalogRequest } from '../../../core/wire/catalog-request.decoder.js';
import { decodeForm, unescapeBytes } from '../../../core/wire/form-urlencoded.js';

/** Puppet's `uri_query_encode`: CGI.escape with spaces as %20. */
const puppetEncode = (s: string): string => encodeURIComponent(s).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const fieldName = fc.string({ minLength: 1, maxLength: 12 });
const fields = fc.uniqueArray(fc.tuple(fieldName, fc.string({ maxLength: 40 })), { selector: ([k]) => k, maxLength: 12 });

describe('form decoder (property)', () => {
  it('gives back every field as encoded by Puppet and by browsers (URLSearchParams)', () => {
    fc.assert(fc.property(fields, (pairs) => {
      for (const encoded of [pairs.map(([k, v]) => `${puppetEncode(k)}=${puppetEncode(v)}`).join('&'), new URLSearchParams(pairs).toString()]) {
        const r = decodeForm(encoded);
        assert.ok(r.ok);
        assert.deepEqual([...r.value].map(([k, vs]) => [k, vs.map((v) => v.toString('utf8'))]), pairs.map(([k, v]) => [k, [v]]));
      }
    }), { numRuns: 300 });
  });

  it('is total on arbitrary bytes and never grows a value', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      const r = decodeForm(bytes);
      if (r.ok) for (const vs of r.value.values()) for (const v of vs) assert.ok(v.length <= bytes.length);
      assert.ok(unescapeBytes(bytes).length <= bytes.length);
    }), { numRuns: 500 });
  });

  it('decodes any facts a Puppet agent double-encodes into a v3 catalog request', () => {
    const facts = fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
    fc.assert(fc.property(facts, fc.string({ maxLength: 20 }), (values, uuid) => {
      const json = JSON.stringify({ name: 'n1.example.com', values });
      const body = `facts_format=application%2Fjson&facts=${puppetEncode(puppetEncode(json))}&environment=production&transaction_uuid=${puppetEncode(uuid)}`;
      const r = decodeV3CatalogRequest({ certname: 'n1.example.com', query: '', form: Buffer.from(body) });
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.deepEqual(r.value.facts, JSON.parse(json).values);
      assert.equal(r.value.transactionUuid, uuid);
    }), { numRuns: 300 });
  });
});
