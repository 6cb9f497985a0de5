import { sql } from 'kysely';
import type { EntitySpec } from './compiler/query-entities.js';
import { QueryError } from './query-error.js';
import { timestampMs } from './compiler/query-functions.sqlite.js';

/** PuppetDB's `distinct_resources` window: only events with `start <= timestamp < end` are considered. */
export interface DistinctResources {
  readonly start: string;
  readonly end: string;
}

/**
 * PuppetDB's `distinct_resources` on `events`: the newest event of each
 * resource of each node (by event timestamp, ties: report) within the
 * window, before the query filters them — "which resources are failing
 * now", not "which ever failed".
 */
export function withDistinctResources(entity: EntitySpec, window: DistinctResources): EntitySpec {
  if (entity.name !== 'events') throw new QueryError(`'distinct_resources' applies to events, not ${entity.alias}`);
  const start = instant(window.start, 'distinct_start_time');
  const end = instant(window.end, 'distinct_end_time');
  return {
    ...entity,
    source: (db) => {
      const events = entity.source(db);
      return sql`SELECT * FROM (
          SELECT s.*, row_number() OVER (PARTITION BY s.certname, s.resource_type, s.resource_title
                                         ORDER BY pdb_ts_ms(s.timestamp) DESC, s.report DESC) AS pdb_newest
          FROM (${events}) s
          WHERE pdb_ts_ms(s.timestamp) >= ${start} AND pdb_ts_ms(s.timestamp) < ${end}) AS pdb_window
        WHERE pdb_newest = 1`;
    },
  };
}

/** The request's `distinct_*` parameters as a window, or undefined; PuppetDB's messages for incomplete ones. */
export function distinctResourcesOf(params: Readonly<Record<string, unknown>>): DistinctResources | undefined {
  if (String(params['distinct_resources'] ?? 'false').toLowerCase() !== 'true') return undefined;
  const start = params['distinct_start_time'];
  const end = params['distinct_end_time'];
  if (typeof start !== 'string' || typeof end !== 'string') {
    throw new QueryError(`'distinct_resources' query parameter requires accompanying parameters 'distinct_start_time' and 'distinct_end_time'`);
  }
  return { start, end };
}

function instant(value: string, parameter: string): number {
  const ms = timestampMs(value);
  if (ms === null) throw new QueryError(`'${value}' is not a valid timestamp value for '${parameter}'`);
  return ms;
}
