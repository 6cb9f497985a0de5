import type { CatalogBody } from '../../core/catalog/puppet-catalog.types.js';
import { unpackText, type PackedText } from '../../core/codec/packed-text.js';
import { parseJson } from '../../core/json/json-float.js';

/**
 * The resources and edges of a stored `catalogs.body`, which holds one of
 * two JSON forms, packed: the data of the `catalog_submitted` event that
 * stored it (`{"catalog":{…,"resources":[…],"edges":[…]},…}`: the log's
 * own bytes when the event was read from it, so the projection does not
 * serialize and deflate a new catalog a second time, else the same bytes
 * made anew), or `{"resources":[…],"edges":[…]}` (compiled catalogs, a
 * body read by reference, files upgraded from version 2).
 */
export function storedCatalogBody(body: PackedText): CatalogBody {
  // Integral Floats stay Floats (`2.0`), as the catalog's own text has them.
  const value = parseJson(unpackText(body)) as CatalogBody | { catalog: CatalogBody };
  const { resources, edges } = 'catalog' in value ? value.catalog : value;
  return { resources, edges };
}
