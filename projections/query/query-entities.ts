import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { StoreEdge, StoreResource } from '../../core/catalog/puppet-catalog.types.js';
import type { StoreconfigsSchema } from '../storeconfigs.schema.js';
import { isoTimestamp, sha1 } from './query-functions.sqlite.js';

/**
 * How a field is stored in its entity's source and how PuppetDB's
 * operators treat it (PuppetDB's projection `:type`s, engine.clj):
 * - `string`, `numeric`: compared as they are;
 * - `timestamp`: ISO-8601 text, compared as instants;
 * - `boolean`: 0/1, answered as `true`/`false`;
 * - `json-scalar`: JSON text of a fact value (`=` compares type and value);
 * - `array`: JSON array of strings (`=`/`~` match any element);
 * - `queryable-json`: JSON object queried by dotted paths (`parameters.port`);
 * - `path-array`: JSON array of path segments (`=` exact, `~>` per-segment regexps);
 * - `json`: answered only, never queried.
 */
export type FieldType = 'string' | 'numeric' | 'timestamp' | 'boolean' | 'json-scalar' | 'array' | 'queryable-json' | 'path-array' | 'json';

export interface FieldSpec {
  readonly type: FieldType;
  /** @defaultValue true (false for `json`) */
  readonly queryable?: boolean;
  /** Answered in results and extractable. @defaultValue true */
  readonly projectable?: boolean;
  /** Has no column of its own (resources' `tag` is rewritten to `tags`). @defaultValue false */
  readonly virtual?: boolean;
  /** Builds the answered value from the stored one and the whole row. @defaultValue by type */
  readonly decode?: (value: unknown, row: Readonly<Record<string, unknown>>) => unknown;
  /**
   * A `queryable-json` field's member by name, read without building the
   * whole object (inventory's `facts.os…` reads the one `os` fact row).
   * `column` names another field of the same row.
   * @defaultValue the member extracted from the field's value
   */
  readonly member?: (column: (field: string) => RawBuilder<unknown>, name: string) => RawBuilder<unknown>;
}

/** An implicit subquery's join: `local` columns of this entity `in` the `foreign` columns of the other. */
export interface Relationship {
  readonly local: readonly string[];
  readonly foreign: readonly string[];
}

type AnySelect = SelectQueryBuilder<any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One queryable entity: its fields (in answer order) over a source selecting exactly those columns. */
export interface EntitySpec {
  /** PuppetDB's entity name, underscored (`fact_contents`). */
  readonly name: string;
  /** PuppetDB's alias, used in its error messages (`fact_nodes` for fact-contents). */
  readonly alias: string;
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /** A select whose columns are named after the non-virtual fields. Fixed SQL: no user input reaches it. */
  source(db: Kysely<StoreconfigsSchema>): AnySelect | RawBuilder<unknown>;
  /** A unique, stable order (paging without `order_by` is still deterministic). */
  readonly key: readonly string[];
  readonly relationships: Readonly<Record<string, Relationship>>;
  /** `queryable-json` fields that take dotted paths (`facts.os.family`). */
  readonly dotted: readonly string[];
  /** Answers each row as this field's value instead of an object (fact-names). */
  readonly flatten?: string;
  /** Restricted to active nodes by default at the endpoints (it has a `certname`). */
  readonly perNode: boolean;
}

const same = (names: readonly string[]): Relationship => ({ local: names, foreign: names });
const CERTNAME_RELATIONS: Readonly<Record<string, Relationship>> = Object.fromEntries(
  ['factsets', 'reports', 'inventory', 'catalogs', 'nodes', 'facts', 'fact_contents', 'events', 'edges', 'resources']
    .map((e) => [e, same(['certname'])]),
);
const byEnvironment = (entities: readonly string[]): Record<string, Relationship> =>
  Object.fromEntries(entities.map((e) => [e, { local: ['name'], foreign: ['environment'] }]));
const toEnvironments = { environments: { local: ['environment'], foreign: ['name'] } };

const str: FieldSpec = { type: 'string' };
const ts: FieldSpec = { type: 'timestamp' };
const bool: FieldSpec = { type: 'boolean' };

/** The columns the leaves of every node's facts flatten into (fact-contents, fact-paths). */
const FACT_LEAVES = sql`
  SELECT f.certname AS certname, n.facts_environment AS environment, f.name AS name,
         pdb_fact_path(f.name, jt.fullkey) AS path,
         CASE WHEN jt.type IN ('true', 'false', 'null') THEN jt.type ELSE json_quote(jt.atom) END AS value,
         jt.type AS json_type
  FROM facts f JOIN nodes n ON n.certname = f.certname, json_tree(f.value) jt
  WHERE jt.type NOT IN ('object', 'array')`;

/** PuppetDB's resource hash, from the stored columns (the same in the resources entity and catalogs' `resources`). */
export function resourceHash(r: { type: string; title: string; exported: boolean | number; file?: string | null; line?: number | null; tags: string; parameters: string }): string {
  return sha1(JSON.stringify([r.type, r.title, r.exported ? 1 : 0, r.file ?? null, r.line ?? null, r.tags, r.parameters]));
}

const catalogResources = (body: unknown, row: Readonly<Record<string, unknown>>) => {
  const { resources } = JSON.parse(String(body)) as { resources: StoreResource[] };
  return {
    href: `/pdb/query/v4/catalogs/${String(row['certname'])}/resources`,
    data: resources.map((r) => {
      const tags = JSON.stringify(r.tags);
      const parameters = JSON.stringify(r.parameters);
      return {
        resource: resourceHash({ ...r, tags, parameters }), type: r.type, title: r.title,
        exported: r.exported, tags: r.tags, file: r.file ?? null, line: r.line ?? null, parameters: r.parameters,
      };
    }),
  };
};

const catalogEdges = (body: unknown, row: Readonly<Record<string, unknown>>) => {
  const { edges } = JSON.parse(String(body)) as { edges: StoreEdge[] };
  return {
    href: `/pdb/query/v4/catalogs/${String(row['certname'])}/edges`,
    data: edges.map((e) => ({
      relationship: e.relationship, source_title: e.source.title, source_type: e.source.type,
      target_title: e.target.title, target_type: e.target.type,
    })),
  };
};

const nodes: EntitySpec = {
  name: 'nodes', alias: 'nodes', key: ['certname'], relationships: CERTNAME_RELATIONS, dotted: [], perNode: true,
  fields: {
    // A timestamp PuppetDB types as a string (no <, >), answered like its timestamps.
    certname: str, deactivated: { type: 'string', decode: isoTimestamp }, expired: ts, catalog_timestamp: ts, facts_timestamp: ts, report_timestamp: ts,
    catalog_environment: str, facts_environment: str, report_environment: str,
    latest_report_status: str, latest_report_hash: str, latest_report_noop: bool, latest_report_noop_pending: bool,
    latest_report_corrective_change: bool, latest_report_job_id: str, cached_catalog_status: str,
  },
  source: (db) => db.selectFrom('nodes as n')
    // The node's newest report (reports_by_node), as PuppetDB's reports_latest.
    .leftJoin('reports as lr', (j) => j.on((eb) => eb('lr.event_id', '=', eb.selectFrom('reports as r2').select('r2.event_id')
      .whereRef('r2.certname', '=', 'n.certname').orderBy('r2.producer_ms', 'desc').orderBy('r2.event_id', 'desc').limit(1))))
    .select([
      'n.certname', 'n.deactivated', sql<null>`NULL`.as('expired'), 'n.catalog_timestamp', 'n.facts_timestamp',
      sql<string>`coalesce(lr.end_time, n.report_timestamp)`.as('report_timestamp'),
      'n.catalog_environment', 'n.facts_environment', 'n.report_environment',
      'lr.status as latest_report_status', 'lr.event_id as latest_report_hash', 'lr.noop as latest_report_noop',
      sql<number>`json_extract(lr.body, '$.noop_pending')`.as('latest_report_noop_pending'),
      // PuppetDB (open source) keeps no corrective_change: always null.
      sql<null>`NULL`.as('latest_report_corrective_change'),
      sql<string>`json_extract(lr.body, '$.job_id')`.as('latest_report_job_id'),
      sql<string>`json_extract(lr.body, '$.cached_catalog_status')`.as('cached_catalog_status'),
    ]),
};

const facts: EntitySpec = {
  name: 'facts', alias: 'facts', key: ['certname', 'name'], dotted: [], perNode: true,
  relationships: { ...CERTNAME_RELATIONS, ...toEnvironments, fact_contents: same(['certname', 'name']) },
  fields: { certname: str, environment: str, name: str, value: { type: 'json-scalar' } },
  source: (db) => db.selectFrom('facts as f').innerJoin('nodes as n', 'n.certname', 'f.certname')
    .select(['f.certname', 'f.name', 'f.value', 'n.facts_environment as environment']),
};

const factContents: EntitySpec = {
  name: 'fact_contents', alias: 'fact_nodes', key: ['certname', 'path'], dotted: [], perNode: true,
  relationships: { ...CERTNAME_RELATIONS, ...toEnvironments, facts: same(['certname', 'name']) },
  fields: { certname: str, environment: str, path: { type: 'path-array' }, name: str, value: { type: 'json-scalar' } },
  source: () => sql`SELECT certname, environment, path, name, value FROM (${FACT_LEAVES})`,
};

const factPaths: EntitySpec = {
  name: 'fact_paths', alias: 'fact_paths', key: ['path', 'type'], dotted: [], perNode: false,
  relationships: { facts: same(['name']), fact_contents: same(['path']) },
  fields: { path: { type: 'path-array' }, type: str, name: str },
  source: () => sql`SELECT DISTINCT path,
      CASE json_type WHEN 'text' THEN 'string' WHEN 'real' THEN 'float' WHEN 'true' THEN 'boolean' WHEN 'false' THEN 'boolean' ELSE json_type END AS type,
      name
    FROM (${FACT_LEAVES})`,
};

const factNames: EntitySpec = {
  name: 'fact_names', alias: 'fact_names', key: ['name'], dotted: [], perNode: false, relationships: {}, flatten: 'name',
  fields: { name: str },
  source: (db) => db.selectFrom('facts').select('name').distinct(),
};

const inventory: EntitySpec = {
  name: 'inventory', alias: 'inventory', key: ['certname'], relationships: CERTNAME_RELATIONS, dotted: ['facts', 'trusted'], perNode: true,
  fields: {
    certname: str, timestamp: ts, environment: str,
    facts: {
      type: 'queryable-json',
      member: (column, name) => sql`(SELECT f.value FROM facts f WHERE f.certname = ${column('certname')} AND f.name = ${name})`,
    },
    trusted: { type: 'queryable-json' },
  },
  source: (db) => db.selectFrom('nodes as n').where('n.facts_timestamp', 'is not', null).select((eb) => [
    'n.certname', 'n.facts_timestamp as timestamp', 'n.facts_environment as environment',
    eb.selectFrom('facts as f').whereRef('f.certname', '=', 'n.certname')
      .select(sql<string>`json_group_object(f.name, json(f.value))`.as('o')).as('facts'),
    eb.selectFrom('facts as f').whereRef('f.certname', '=', 'n.certname').where('f.name', '=', 'trusted').select('f.value').as('trusted'),
  ]),
};

const resources: EntitySpec = {
  name: 'resources', alias: 'resources', key: ['certname', 'type', 'title'], dotted: ['parameters'], perNode: true,
  relationships: { catalogs: same(['certname']), nodes: same(['certname']), environments: { local: ['environment'], foreign: ['name'] } },
  fields: {
    certname: str, resource: str, type: str, title: str, tag: { type: 'string', projectable: false, virtual: true },
    tags: { type: 'array' }, exported: bool, file: str, line: { type: 'numeric' }, parameters: { type: 'queryable-json' }, environment: str,
  },
  source: (db) => db.selectFrom('resources as r').innerJoin('catalogs as c', 'c.certname', 'r.certname').select([
    'r.certname',
    sql<string>`pdb_sha1(json_array(r.type, r.title, r.exported, r.file, r.line, r.tags, r.parameters))`.as('resource'),
    'r.type', 'r.title', 'r.tags', 'r.exported', 'r.file', 'r.line', 'r.parameters', 'c.environment',
  ]),
};

const catalogs: EntitySpec = {
  name: 'catalogs', alias: 'catalogs', key: ['certname'], dotted: [], perNode: true,
  relationships: { ...CERTNAME_RELATIONS, ...toEnvironments, producers: { local: ['producer'], foreign: ['name'] } },
  fields: {
    certname: str, version: str, hash: str, transaction_uuid: str, catalog_uuid: str, code_id: str, job_id: str,
    environment: str, producer_timestamp: ts, producer: str,
    resources: { type: 'json', decode: catalogResources }, edges: { type: 'json', decode: catalogEdges },
  },
  source: (db) => db.selectFrom('catalogs as c').select([
    'c.certname', 'c.version', 'c.hash', 'c.transaction_uuid', 'c.catalog_uuid', 'c.code_id', sql<null>`NULL`.as('job_id'),
    'c.environment', 'c.producer_timestamp', 'c.producer', 'c.body as resources', 'c.body as edges',
  ]),
};

const edges: EntitySpec = {
  name: 'edges', alias: 'edges', key: ['certname', 'source_type', 'source_title', 'target_type', 'target_title', 'relationship'],
  relationships: CERTNAME_RELATIONS, dotted: [], perNode: true,
  fields: { certname: str, relationship: str, source_title: str, source_type: str, target_title: str, target_type: str },
  source: (db) => db.selectFrom('edges').select(['certname', 'relationship', 'source_title', 'source_type', 'target_title', 'target_type']),
};

const environments: EntitySpec = {
  name: 'environments', alias: 'environments', key: ['name'], dotted: [], perNode: false,
  relationships: byEnvironment(['inventory', 'factsets', 'catalogs', 'reports', 'facts', 'fact_contents', 'events', 'resources']),
  fields: { name: str },
  // Every environment anything was stored or deployed in, as PuppetDB's environments table.
  source: () => sql`
    SELECT environment AS name FROM environments
    UNION SELECT facts_environment FROM nodes WHERE facts_environment IS NOT NULL
    UNION SELECT catalog_environment FROM nodes WHERE catalog_environment IS NOT NULL
    UNION SELECT report_environment FROM nodes WHERE report_environment IS NOT NULL`,
};

const producers: EntitySpec = {
  name: 'producers', alias: 'producers', key: ['name'], dotted: [], perNode: false,
  relationships: { factsets: { local: ['name'], foreign: ['producer'] }, catalogs: { local: ['name'], foreign: ['producer'] }, reports: { local: ['name'], foreign: ['producer'] } },
  fields: { name: str },
  source: () => sql`
    SELECT facts_producer AS name FROM nodes WHERE facts_producer IS NOT NULL
    UNION SELECT producer FROM catalogs WHERE producer IS NOT NULL`,
};

/**
 * The entities this engine answers, by PuppetDB's underscored name. More
 * (reports, events) plug in by adding an {@link EntitySpec} here.
 */
export const ENTITIES: ReadonlyMap<string, EntitySpec> = new Map(
  [nodes, facts, factContents, factPaths, factNames, inventory, resources, catalogs, edges, environments, producers].map((e) => [e.name, e]),
);

/** The entity of a PuppetDB name (`fact-contents` or `fact_contents`), or undefined. */
export const entityNamed = (name: string): EntitySpec | undefined => ENTITIES.get(name.replaceAll('-', '_'));

export const isQueryable = (f: FieldSpec): boolean => f.queryable ?? f.type !== 'json';
export const isProjectable = (f: FieldSpec): boolean => f.projectable ?? true;

/** PuppetDB's `queryable-fields`: sorted. */
export const queryableFields = (e: EntitySpec): string[] => Object.keys(e.fields).filter((k) => isQueryable(e.fields[k]!)).sort();
/** PuppetDB's `projectable-fields`: in declaration order. */
export const projectableFields = (e: EntitySpec): string[] => Object.keys(e.fields).filter((k) => isProjectable(e.fields[k]!));
