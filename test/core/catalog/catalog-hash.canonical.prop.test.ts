import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { canonicalJson, catalogHash } from '../../../core/catalog/catalog-hash.js';
import type { StoreCatalog, StoreResource } from '../../../core/catalog/puppet-catalog.types.js';
import { JsonFloat, writeJson } from '../../../core/json/json-float.js';

/**
 * The definition, written out plainly: keys in code-unit order at every depth (an object literal cannot hold that
 * order: integer-like keys enumerate first), undefined members dropped, undefined array items `null`.
 */
function sortedJson(v: unknown): string {
  if (v === null || typeof v !== 'object' || v instanceof JsonFloat) return writeJson(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${sortedJson(o[k])}`).join(',')}}`;
}

/** The hash's definition, one update per part (what catalogHash feeds SHA-1, however it batches it). */
function referenceHash(c: Pick<StoreCatalog, 'resources' | 'edges' | 'environment'>): string {
  const h = createHash('sha1').update(c.environment);
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  for (const r of [...c.resources].sort((a, b) => cmp(a.type, b.type) || cmp(a.title, b.title))) {
    h.update(`${r.type}\u0000${r.title}\u0000${r.exported}\u0000${r.file ?? ''}\u0000${r.line ?? ''}\u0000${JSON.stringify(r.tags)}\u0000`);
    h.update(sortedJson(r.parameters ?? {}));
  }
  for (const e of c.edges.map((x) => `${x.source.type}[${x.source.title}]>${x.relationship}>${x.target.type}[${x.target.title}]`).sort()) h.update(e);
  return h.digest('hex');
}

const scalar = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null),
  fc.integer({ min: -1e6, max: 1e6 }).map((n) => new JsonFloat(n)), fc.constant(undefined));
const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 6 }), tie('v'), { maxKeys: 5 })),
})).v;

const resource: fc.Arbitrary<StoreResource> = fc.record({
  type: fc.constantFrom('File', 'Package', 'Class'), title: fc.string({ maxLength: 5 }), exported: fc.boolean(),
  tags: fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }), file: fc.option(fc.string({ maxLength: 4 }), { nil: undefined }),
  line: fc.option(fc.nat(), { nil: undefined }), parameters: fc.dictionary(fc.string({ maxLength: 6 }), value, { maxKeys: 5 }),
});
const ref = fc.record({ type: fc.constantFrom('File', 'Class'), title: fc.string({ maxLength: 3 }) });
const catalog = fc.record({
  environment: fc.constantFrom('production', 'dev'),
  resources: fc.array(resource, { maxLength: 8 }),
  edges: fc.array(fc.record({ source: ref, target: ref, relationship: fc.constantFrom('contains', 'before') }), { maxLength: 6 }),
});

describe('catalogHash / canonicalJson', () => {
  it('canonicalJson writes the value with every key sorted, whatever the key order, and reads back as writeJson\'s text', () => {
    fc.assert(fc.property(value, (v) => {
      const text = canonicalJson(v);
      assert.equal(text, sortedJson(v));
      assert.deepEqual(JSON.parse(text), JSON.parse(writeJson(v) ?? 'null'));
    }), { numRuns: 500 });
  });

  it('catalogHash digests the definition\'s bytes, and ignores the order of resources, edges and parameter keys', () => {
    fc.assert(fc.property(catalog, fc.nat(), (c, seed) => {
      const shuffled = {
        ...c,
        resources: [...c.resources].reverse().map((r) => ({ ...r, parameters: Object.fromEntries(Object.entries(r.parameters ?? {}).reverse()) })),
        edges: [...c.edges].sort(() => (seed % 3) - 1),
      };
      assert.equal(catalogHash(c), referenceHash(c));
      // Resources with an equal (type, title) keep their relative order in a stable sort: only reorder when keys are unique.
      if (new Set(c.resources.map((r) => `${r.type}\u0000${r.title}`)).size === c.resources.length) assert.equal(catalogHash(shuffled), catalogHash(c));
    }), { numRuns: 300 });
  });
});
