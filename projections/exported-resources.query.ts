import type {
  ExportedResource, ExportedResourceLookup, ExportedResourceQuery, ResourceFilter,
} from '../core/compiler/catalog-compiler.js';
import { capitalizeType, matches } from '../core/compiler/exported-resource-filter.js';
import type { PdbQueryEngine } from './query/pdb-query.engine.js';

const COLUMNS = ['certname', 'type', 'title', 'tags', 'file', 'line', 'environment', 'parameters'];

/**
 * Answers `<<| |>>` collectors through the PuppetDB query engine, with the
 * query PuppetDB's terminus sends a real puppetserver's collector (one
 * implementation of "exported resources of other nodes"): exported
 * resources of one type on other, active nodes. The query narrows in SQL;
 * `matches` then decides exactly as Puppet does — `tag` matches any of the
 * resource's tags, `title` the title, any other attribute the parameter,
 * where an array parameter matches when any of its elements equals the
 * value; `!=` is the negation of `==` (so a missing parameter is `!=`
 * anything). Results are ordered by certname, then title.
 *
 * @example
 * const lookup = exportedResourceLookup(createPdbQueryEngine(database));
 * await lookup.find({ type: 'Nagios_host', excludeCertname: 'mon1',
 *   filter: { op: '==', attribute: 'tag', value: 'web' } });
 */
export function exportedResourceLookup(engine: PdbQueryEngine): ExportedResourceLookup {
  return {
    async find(query: ExportedResourceQuery): Promise<readonly ExportedResource[]> {
      const { rows } = await engine.query(['from', 'resources', ['extract', COLUMNS, collectorQuery(query)]], {
        activeOnly: true,
        paging: { orderBy: [{ field: 'certname', descending: false }, { field: 'title', descending: false }] },
      });
      const out: ExportedResource[] = [];
      for (const row of rows as Omit<ExportedResource, 'exported'>[]) {
        const resource: ExportedResource = { ...row, exported: true };
        if (!query.filter || matches(query.filter, resource)) out.push(resource);
      }
      return out;
    },
  };
}

/** The AST PuppetDB's terminus builds for a collector (puppetdb-termini's resource indirection). */
export function collectorQuery(query: ExportedResourceQuery): unknown[] {
  const narrowed = query.filter && narrowing(query.filter);
  return ['and',
    ['=', 'type', capitalizeType(query.type)],
    ['=', 'exported', true],
    ['not', ['=', 'certname', query.excludeCertname]],
    ...(query.environment === undefined ? [] : [['=', 'environment', query.environment]]),
    ...(narrowed ? [narrowed] : []),
  ];
}

/**
 * A query every match satisfies (a superset: `matches` decides exactly),
 * in the terminus' terms: `tag`/`title` fields, `["parameter", p]` for
 * the rest, `!=` as `not`. Undefined where nothing can be said (values
 * other than strings, numbers and booleans: objects compare canonically
 * only in `matches`).
 */
function narrowing(filter: ResourceFilter): unknown[] | undefined {
  switch (filter.op) {
    case 'and': {
      const [l, r] = [narrowing(filter.left), narrowing(filter.right)];
      return l && r ? ['and', l, r] : (l ?? r);
    }
    case 'or': {
      const [l, r] = [narrowing(filter.left), narrowing(filter.right)];
      return l && r ? ['or', l, r] : undefined;
    }
    case '==': case '!=': {
      const v = filter.value;
      const scalar = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
      if (!scalar || ((filter.attribute === 'tag' || filter.attribute === 'title') && typeof v !== 'string')) return undefined;
      const field = filter.attribute === 'tag' || filter.attribute === 'title' ? filter.attribute : ['parameter', filter.attribute];
      const eq = ['=', field, v];
      return filter.op === '==' ? eq : ['not', eq];
    }
  }
}
