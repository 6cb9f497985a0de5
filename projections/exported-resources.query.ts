import type { Kysely } from 'kysely';
import { canonicalJson } from '../core/catalog/catalog-hash.js';
import type {
  ExportedResource, ExportedResourceLookup, ExportedResourceQuery, ResourceFilter,
} from '../core/compiler/catalog-compiler.js';
import type { StoreconfigsSchema } from './storeconfigs.schema.js';

/**
 * Answers `<<| |>>` collectors from the storeconfigs database: exported
 * resources of one type on other, active nodes, filtered as Puppet does —
 * `tag` matches any of the resource's tags, `title` the title, any other
 * attribute the parameter, where an array parameter matches when any of its
 * elements equals the value; `!=` is the negation of `==` (so a missing
 * parameter is `!=` anything). Results are ordered by certname, then title.
 *
 * @example
 * const lookup = exportedResourceLookup(db);
 * await lookup.find({ type: 'Nagios_host', excludeCertname: 'mon1',
 *   filter: { op: '==', attribute: 'tag', value: 'web' } });
 */
export function exportedResourceLookup(db: Kysely<StoreconfigsSchema>): ExportedResourceLookup {
  return {
    async find(query: ExportedResourceQuery): Promise<readonly ExportedResource[]> {
      let q = db.selectFrom('resources as r')
        .innerJoin('nodes as n', 'n.certname', 'r.certname')
        .innerJoin('catalogs as c', 'c.certname', 'r.certname')
        .select(['r.certname', 'r.type', 'r.title', 'r.tags', 'r.parameters', 'r.file', 'r.line', 'c.environment'])
        .where('r.exported', '=', 1)
        .where('r.type', '=', capitalizeType(query.type))
        .where('r.certname', '!=', query.excludeCertname)
        .where('n.deactivated', 'is', null);
      if (query.environment !== undefined) q = q.where('c.environment', '=', query.environment);
      const rows = await q.orderBy('r.certname').orderBy('r.title').execute();
      const out: ExportedResource[] = [];
      for (const row of rows) {
        const resource: ExportedResource = {
          certname: row.certname, type: row.type, title: row.title, exported: true,
          tags: JSON.parse(row.tags) as string[], file: row.file, line: row.line, environment: row.environment,
          parameters: JSON.parse(row.parameters) as Record<string, unknown>,
        };
        if (!query.filter || matches(query.filter, resource)) out.push(resource);
      }
      return out;
    },
  };
}

/** Whether a resource satisfies a collector's search expression. */
export function matches(filter: ResourceFilter, r: Pick<ExportedResource, 'title' | 'tags' | 'parameters'>): boolean {
  switch (filter.op) {
    case 'and': return matches(filter.left, r) && matches(filter.right, r);
    case 'or': return matches(filter.left, r) || matches(filter.right, r);
    case '==': return attributeEquals(r, filter.attribute, filter.value);
    case '!=': return !attributeEquals(r, filter.attribute, filter.value);
  }
}

function attributeEquals(r: Pick<ExportedResource, 'title' | 'tags' | 'parameters'>, attribute: string, value: unknown): boolean {
  if (attribute === 'tag') {
    // Puppet tags are lower-case; a collector's `tag == 'Web'` matches `web`.
    const wanted = typeof value === 'string' ? value.toLowerCase() : value;
    return r.tags.some((t) => t === wanted);
  }
  if (attribute === 'title') return sameValue(r.title, value);
  if (!Object.hasOwn(r.parameters, attribute)) return false;
  const actual = r.parameters[attribute];
  return Array.isArray(actual) ? actual.some((a) => sameValue(a, value)) : sameValue(actual, value);
}

const sameValue = (a: unknown, b: unknown): boolean =>
  a === b || (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && canonicalJson(a) === canonicalJson(b));

/** `ssh::key` → `Ssh::Key`, the form catalogs store types in. */
export function capitalizeType(type: string): string {
  return type.split('::').map((s) => (s ? s[0]!.toUpperCase() + s.slice(1) : s)).join('::');
}
