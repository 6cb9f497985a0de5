import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { catalogJson, splitCatalogText, stringifyData, withCatalogText } from '../../../core/catalog/catalog-text.js';
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

  // Invariant: splitting data into head and catalog text gives back what
  // it was made of, without parsing a catalog known as text.
  it('splits data into its head and catalog text; a known text is passed on unparsed', () => {
    fc.assert(fc.property(head, catalog, fc.boolean(), (h, c, asText) => {
      const text = `${JSON.stringify(c)} `; // not what serializing again would give
      const data = asText ? withCatalogText<{ catalog: PuppetCatalog }>(h, text) : { ...h, catalog: c };
      const split = splitCatalogText(data);
      assert.deepEqual(JSON.parse(JSON.stringify(split.head)), JSON.parse(JSON.stringify(h)));
      assert.equal(split.text, asText ? text : JSON.stringify(c));
    }));
    assert.equal(splitCatalogText(withCatalogText<{ catalog: PuppetCatalog }>({}, 'not JSON: parsing it would throw')).text, 'not JSON: parsing it would throw');
  });
});
