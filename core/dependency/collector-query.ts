import { canonicalJson } from '../catalog/catalog-hash.js';
import type {
  ExportedResource, ExportedResourceLookup, ExportedResourceQuery, ResourceFilter,
} from '../compiler/catalog-compiler.js';
import { capitalizeType, matches } from '../compiler/exported-resource-filter.js';

/**
 * One `<<| |>>` collector query a compile ran, normalised: the type
 * capitalised (`Ssh::Key`), the compiling node left out (a collector never
 * depends on its own exports), the filter as the compiler sent it. Type `*`
 * (no filter) stands for "any exported resource": what a compile that ran
 * more distinct types than recorded is widened to.
 */
export interface CollectorQuery {
  readonly type: string;
  readonly filter?: ResourceFilter;
  readonly environment?: string;
}

/** The type of the widest query: every exported resource matches it. */
export const ANY_TYPE = '*';

/** Collector queries kept per compile; past it, queries widen (see {@link recordCollectorQueries}). @defaultValue 32 */
export const MAX_COLLECTOR_QUERIES = 32;

/** A query's identity: equal keys, equal queries. */
export function collectorKey(q: CollectorQuery): string {
  return canonicalJson([q.type, q.environment ?? null, q.filter ?? null]);
}

/** Whether an exported resource (of another node) is one the query collects. */
export function collects(q: CollectorQuery, r: Pick<ExportedResource, 'type' | 'title' | 'tags' | 'parameters' | 'environment'>): boolean {
  if (q.type === ANY_TYPE) return true;
  if (q.type !== capitalizeType(r.type)) return false;
  if (q.environment !== undefined && q.environment !== r.environment) return false;
  return q.filter === undefined || matches(q.filter, r);
}

/**
 * Bounds a compile's queries at `max`: distinct queries as they are; past
 * `max`, every query of a type is widened to the whole type (a superset:
 * the node is recompiled more often, never missed); past `max` types, one
 * {@link ANY_TYPE} query.
 */
export function boundedQueries(queries: readonly CollectorQuery[], max = MAX_COLLECTOR_QUERIES): readonly CollectorQuery[] {
  const distinct = new Map(queries.map((q) => [collectorKey(q), q]));
  if (distinct.size <= max) return [...distinct.values()];
  const types = new Map([...distinct.values()].map((q) => [q.type, { type: q.type }]));
  return types.size <= max ? [...types.values()] : [{ type: ANY_TYPE }];
}

/**
 * Wraps a compile's exported-resource lookup to record the collector
 * queries the compile ran (whichever backend runs them: the built-in
 * compiler or real Puppet's storeconfigs lookups). Holds at most `max`
 * queries, widened as {@link boundedQueries} says.
 */
export function recordCollectorQueries(lookup: ExportedResourceLookup, max = MAX_COLLECTOR_QUERIES): {
  readonly lookup: ExportedResourceLookup;
  queries(): readonly CollectorQuery[];
} {
  let recorded: readonly CollectorQuery[] = [];
  return {
    lookup: {
      find(query: ExportedResourceQuery): Promise<readonly ExportedResource[]> {
        recorded = boundedQueries([...recorded, normalised(query)], max);
        return lookup.find(query);
      },
    },
    queries: () => recorded,
  };
}

function normalised(query: ExportedResourceQuery): CollectorQuery {
  return {
    type: capitalizeType(query.type),
    ...(query.filter === undefined ? {} : { filter: query.filter }),
    ...(query.environment === undefined ? {} : { environment: query.environment }),
  };
}
