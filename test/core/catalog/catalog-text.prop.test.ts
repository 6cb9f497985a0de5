import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { catalogJson, stringifyData, withCatalogText } from '../../../core/catalog/catalog-text.js';
import type { PuppetCatalog } from '../../../core/catalog/puppet-catalog.types.js';

const json = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const head = fc.dictionary(fc.string().filter((k) => k !== 'catalog' && k !== '__proto__'), json, { maxKeys: 6 });
const catalog = fc.record({ version: fc.string(), resources: fc.array(fc.dictionary(fc.string().filter((k) => k !== '__proto__'), json), { maxLength: 5 }) })
  .map((c) => JSON.parse(JSON.stringify(c)) as PuppetCatalog);

describe('catalog text', () => {
  // Invariant: a catalog carried as text serializes to the same value as
  // the data it stands for, and reads back as the same catalog.
  it('stringifies and reads back as the plain data would', () => {
    fc.assert(fc.property(head, catalog, (h, c) => {
      const data = withCatalogText<{ catalog: PuppetCatalog }>(h, JSON.stringify(c));
      assert.deepEqual(JSON.parse(stringifyData(data)), JSON.parse(JSON.stringify({ ...h, catalog: c })));
      assert.equal(catalogJson(data), JSON.stringify(c));
      assert.deepEqual(data.catalog, c);
      assert.equal(data.catalog, data.catalog, 'parsed once, then the same object');
    }));
  });

  it('serializes plain data and catalogs with JSON.stringify', () => {
    fc.assert(fc.property(head, catalog, (h, c) => {
      const data = { ...h, catalog: c };
      assert.equal(stringifyData(data), JSON.stringify(data));
      assert.equal(catalogJson(data), JSON.stringify(c));
    }));
  });
});
