import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { PackedText } from '../../../core/codec/packed-text.js';
import type { StoreconfigsSchema } from '../../storeconfigs/storeconfigs.schema.js';
import { storedCatalogBody } from '../../rows/stored-catalog-body.js';
import { iso } from '../../rows/report-rows.js';
import { resourceHash } from '../../rows/resource-hash.js';
import type { RowField } from '../answer/answer-json.js';
import { dialectOf } from '../dialects/dialect-of.js';
import { writeJson } from '../../../core/json/json-float.js';

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
  /** Answered as a value of this type (nodes' `deactivated`: a string to the operators, answered as a timestamp). @defaultValue `type` */
  readonly answeredAs?: FieldType;
  /** Builds the answered value from the stored one and the whole row. @defaultValue by `answeredAs` */
  readonly decode?: (value: unknown, field: RowField) => unknown;
  /**
   * A `queryable-json` field's member by name, read without building the
   * whole object (inventory's `facts.os…` reads the one `os` fact row):
   * `value` is the member's value, `holds` whether the row's member
   * satisfies `condition` (false without a member; free to read the member
   * once, or from the other side). `column` names another field of the
   * same row.
   * @defaultValue the member extracted from the field's value
   */
  readonly member?: {
    value(column: (field: string) => RawBuilder<unknown>, name: string): RawBuilder<unknown>;
    holds(column: (field: string) => RawBuilder<unknown>, name: string, condition: (value: RawBuilder<unknown>) => RawBuilder<unknown>): RawBuilder<unknown>;
  };
  /**
   * The stored text is the answered value as `JSON.stringify` wrote it (the
   * projection stores it so), without a `decode` of its own: JSON answers
   * splice it in unparsed, since parsing and serialising it again would give
   * the same text.
   * @defaultValue false
   */
  readonly storedJson?: boolean;
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

const catalogResources = (body: unknown, field: RowField) => {
  const { resources } = storedCatalogBody(body as PackedText);
  return {
    href: `/pdb/query/v4/catalogs/${String(field('certname'))}/resources`,
    data: resources.map((r) => {
      const tags = JSON.stringify(r.tags);
      // As the resources table stores them (integral Floats as `2.0`), so both entities hash alike.
      const parameters = writeJson(r.parameters);
      return {
        resource: resourceHash({ ...r, tags, parameters }), type: r.type, title: r.title,
        exported: r.exported, tags: r.tags, file: r.file ?? null, line: r.line ?? null, parameters: r.parameters,
      };
    }),
  };
};

const catalogEdges = (body: unknown, field: RowField) => {
  const { edges } = storedCatalogBody(body as PackedText);
  return {
    href: `/pdb/query/v4/catalogs/${String(field('certname'))}/edges`,
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
    certname: str, deactivated: { type: 'string', answeredAs: 'timestamp' }, expired: ts, catalog_timestamp: ts, facts_timestamp: ts, report_timestamp: ts,
    catalog_environment: str, facts_environment: str, report_environment: str,
    latest_report_status: str, latest_report_hash: str, latest_report_noop: bool, latest_report_noop_pending: bool,
    latest_report_corrective_change: bool, latest_report_job_id: str, cached_catalog_status: str,
  },
  // The node's newest report, as PuppetDB's reports_latest, read from reports_by_node_latest alone: the report's
  // row would mean walking its body's overflow pages to the columns stored after it (10,000 nodes: seconds).
  source: (db) => sql`
    SELECT n.certname AS certname, n.deactivated AS deactivated, CAST(NULL AS TEXT) AS expired, n.catalog_timestamp AS catalog_timestamp,
      n.facts_timestamp AS facts_timestamp, coalesce(lr.end_time, n.report_timestamp) AS report_timestamp,
      n.catalog_environment AS catalog_environment, n.facts_environment AS facts_environment, n.report_environment AS report_environment,
      lr.status AS latest_report_status, lr.hash AS latest_report_hash, lr.noop AS latest_report_noop,
      lr.noop_pending AS latest_report_noop_pending, ${OSS_CORRECTIVE_CHANGE} AS latest_report_corrective_change,
      lr.job_id AS latest_report_job_id, lr.cached_catalog_status AS cached_catalog_status
    FROM nodes n LEFT JOIN reports lr ${dialectOf(db).indexedBy('reports_by_node_latest')} ON lr.certname = n.certname AND lr.event_id = (
      SELECT r2.event_id FROM reports r2 WHERE r2.certname = n.certname ORDER BY r2.producer_ms DESC, r2.event_id DESC LIMIT 1)`,
};

/** 1 when the report (`alias`) is its node's newest (PuppetDB's `latest_report?`, as `nodes`' latest report). */
const isLatestReport = (alias: string) => sql<number>`(CASE WHEN ${sql.ref(`${alias}.event_id`)} = (SELECT r2.event_id FROM reports r2
  WHERE r2.certname = ${sql.ref(`${alias}.certname`)} ORDER BY r2.producer_ms DESC, r2.event_id DESC LIMIT 1) THEN 1 ELSE 0 END)`;

/** `{href, data}` of a report's expanded member (PuppetDB's expanded objects); `each` adjusts one entry. */
const expanded = (what: string, each: (entry: Record<string, unknown>) => unknown = (e) => e) =>
  (value: unknown, field: RowField) => ({
    href: `/pdb/query/v4/reports/${String(field('hash'))}/${what}`,
    data: value === null || value === undefined ? [] : (JSON.parse(String(value)) as Record<string, unknown>[]).map(each),
  });

/** A log entry with its `time` as the other timestamps are answered. */
const logEntry = (log: Record<string, unknown>) => ({ ...log, time: iso(log['time']) });

/**
 * Open-source PuppetDB answers `corrective_change` (reports, events,
 * nodes' latest report) as null: it is a Puppet Enterprise field. Troupe
 * stores the agents' value and answers as PuppetDB 7.12.1 does (recorded
 * in the conformance cases).
 */
const OSS_CORRECTIVE_CHANGE = sql<null>`CAST(NULL AS INTEGER)`;

const reports: EntitySpec = {
  name: 'reports', alias: 'reports', key: ['producer_timestamp', 'hash'], dotted: [], perNode: true,
  relationships: { ...CERTNAME_RELATIONS, ...toEnvironments, producers: { local: ['producer'], foreign: ['name'] }, events: { local: ['hash'], foreign: ['report'] } },
  fields: {
    hash: str, certname: str, puppet_version: str, receive_time: ts, report_format: { type: 'numeric' },
    start_time: ts, end_time: ts, producer_timestamp: ts, producer: str, transaction_uuid: str, status: str,
    noop: bool, noop_pending: bool, environment: str, configuration_version: str, catalog_uuid: str, code_id: str, job_id: str,
    cached_catalog_status: str, corrective_change: bool, type: str,
    resource_events: { type: 'json', decode: expanded('events') },
    metrics: { type: 'json', decode: expanded('metrics') },
    logs: { type: 'json', decode: expanded('logs', logEntry) },
    'latest_report?': { type: 'boolean', projectable: false },
  },
  source: (db) => db.selectFrom('reports as r').select([
    'r.hash', 'r.certname', 'r.puppet_version', 'r.receive_time', 'r.report_format', 'r.start_time', 'r.end_time',
    'r.producer_timestamp', 'r.producer', 'r.transaction_uuid', 'r.status', 'r.noop', 'r.noop_pending', 'r.environment',
    'r.configuration_version', 'r.catalog_uuid', 'r.code_id', 'r.job_id', 'r.cached_catalog_status', OSS_CORRECTIVE_CHANGE.as('corrective_change'), 'r.type',
    dialectOf(db).reportEvents.as('resource_events'),
    dialectOf(db).jsonMember(sql.ref('r.body'), 'metrics').as('metrics'),
    dialectOf(db).jsonMember(sql.ref('r.body'), 'logs').as('logs'),
    isLatestReport('r').as('latest_report?'),
  ]),
};

const events: EntitySpec = {
  name: 'events', alias: 'events', dotted: [], perNode: true,
  key: ['certname', 'run_end_time', 'report', 'resource_type', 'resource_title', 'property', 'timestamp', 'status'],
  relationships: { ...CERTNAME_RELATIONS, ...toEnvironments, reports: { local: ['report'], foreign: ['hash'] } },
  fields: {
    certname: str, configuration_version: str, containing_class: str, containment_path: { type: 'array', storedJson: true },
    corrective_change: bool, environment: str, file: str, line: { type: 'numeric' }, message: str, name: str,
    new_value: { type: 'json-scalar', storedJson: true }, old_value: { type: 'json-scalar', storedJson: true }, property: str, report: str,
    report_receive_time: ts, resource_title: str, resource_type: str, run_end_time: ts, run_start_time: ts,
    status: str, timestamp: ts,
    'latest_report?': { type: 'boolean', projectable: false },
  },
  source: (db) => db.selectFrom('resource_events as e').innerJoin('reports as r', 'r.event_id', 'e.report_id').select([
    'e.certname', 'r.configuration_version', 'e.containing_class', 'e.containment_path', OSS_CORRECTIVE_CHANGE.as('corrective_change'), 'r.environment',
    'e.file', 'e.line', 'e.message', 'e.name', 'e.new_value', 'e.old_value', 'e.property', 'r.hash as report',
    'r.receive_time as report_receive_time', 'e.resource_title', 'e.resource_type', 'r.end_time as run_end_time',
    'r.start_time as run_start_time', 'e.status', 'e.timestamp', isLatestReport('r').as('latest_report?'),
  ]),
};

const facts: EntitySpec = {
  name: 'facts', alias: 'facts', key: ['certname', 'name'], dotted: [], perNode: true,
  relationships: { ...CERTNAME_RELATIONS, ...toEnvironments, fact_contents: same(['certname', 'name']) },
  fields: { certname: str, environment: str, name: str, value: { type: 'json-scalar', storedJson: true } },
  source: (db) => db.selectFrom('facts as f').innerJoin('nodes as n', 'n.certname', 'f.certname')
    .select(['f.certname', 'f.name', 'f.value', 'n.facts_environment as environment']),
};

const factContents: EntitySpec = {
  name: 'fact_contents', alias: 'fact_nodes', key: ['certname', 'path'], dotted: [], perNode: true,
  relationships: { ...CERTNAME_RELATIONS, ...toEnvironments, facts: same(['certname', 'name']) },
  fields: { certname: str, environment: str, path: { type: 'path-array' }, name: str, value: { type: 'json-scalar' } },
  source: (db) => sql`SELECT certname, environment, path, name, value FROM (${dialectOf(db).factLeaves}) AS leaves`,
};

const factPaths: EntitySpec = {
  name: 'fact_paths', alias: 'fact_paths', key: ['path', 'type'], dotted: [], perNode: false,
  relationships: { facts: same(['name']), fact_contents: same(['path']) },
  fields: { path: { type: 'path-array' }, type: str, name: str },
  source: (db) => sql`SELECT DISTINCT path,
      CASE json_type WHEN 'text' THEN 'string' WHEN 'real' THEN 'float' WHEN 'true' THEN 'boolean' WHEN 'false' THEN 'boolean' ELSE json_type END AS type,
      name
    FROM (${dialectOf(db).factLeaves}) AS leaves`,
};

const factNames: EntitySpec = {
  name: 'fact_names', alias: 'fact_names', key: ['name'], dotted: [], perNode: false, relationships: {}, flatten: 'name',
  fields: { name: str },
  // A skip scan of facts_by_name: one index seek per distinct name rather than reading every node's every fact.
  source: () => sql`
    WITH RECURSIVE names(name) AS (
      SELECT min(name) FROM facts
      UNION ALL SELECT (SELECT min(f.name) FROM facts f WHERE f.name > names.name) FROM names WHERE names.name IS NOT NULL
    ) SELECT name FROM names WHERE name IS NOT NULL`,
};

const inventory: EntitySpec = {
  name: 'inventory', alias: 'inventory', key: ['certname'], relationships: CERTNAME_RELATIONS, dotted: ['facts', 'trusted'], perNode: true,
  fields: {
    certname: str, timestamp: ts, environment: str,
    facts: {
      type: 'queryable-json',
      member: {
        value: (column, name) => sql`(SELECT f.value FROM facts f WHERE f.certname = ${column('certname')} AND f.name = ${name})`,
        // The nodes whose fact matches, read through facts_by_name: that fact's rows in storage order, rather than a
        // probe of the primary key per node.
        holds: (column, name, condition) =>
          sql`(${column('certname')} IN (SELECT f.certname FROM facts f WHERE f.name = ${name} AND ${condition(sql.ref('f.value'))}))`,
      },
    },
    trusted: { type: 'queryable-json', storedJson: true },
  },
  source: (db) => db.selectFrom('nodes as n').where('n.facts_timestamp', 'is not', null).select((eb) => [
    'n.certname', 'n.facts_timestamp as timestamp', 'n.facts_environment as environment',
    eb.selectFrom('facts as f').whereRef('f.certname', '=', 'n.certname')
      .select(dialectOf(db).factsObject.as('o')).as('facts'),
    eb.selectFrom('facts as f').whereRef('f.certname', '=', 'n.certname').where('f.name', '=', 'trusted').select('f.value').as('trusted'),
  ]),
};

const resources: EntitySpec = {
  name: 'resources', alias: 'resources', key: ['certname', 'type', 'title'], dotted: ['parameters'], perNode: true,
  relationships: { catalogs: same(['certname']), nodes: same(['certname']), environments: { local: ['environment'], foreign: ['name'] } },
  fields: {
    certname: str, resource: str, type: str, title: str, tag: { type: 'string', projectable: false, virtual: true },
    tags: { type: 'array', storedJson: true }, exported: bool, file: str, line: { type: 'numeric' },
    parameters: { type: 'queryable-json', storedJson: true }, environment: str,
  },
  // The catalog's environment from its covering index: SQLite would otherwise pick the unique one on certname
  // and read each catalog's row, spread over pages by its body.
  source: (db) => sql`
    SELECT r.certname AS certname, r.resource AS resource,
      r.type AS type, r.title AS title, r.tags AS tags, r.exported AS exported, r.file AS file, r.line AS line,
      r.parameters AS parameters, c.environment AS environment
    FROM resources r JOIN catalogs c ${dialectOf(db).indexedBy('catalogs_environment')} ON c.certname = r.certname`,
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
    'c.certname', 'c.version', 'c.hash', 'c.transaction_uuid', 'c.catalog_uuid', 'c.code_id', sql<null>`CAST(NULL AS TEXT)`.as('job_id'),
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
    UNION SELECT producer FROM catalogs WHERE producer IS NOT NULL
    UNION SELECT producer FROM reports WHERE producer IS NOT NULL`,
};

const catalogInputs: EntitySpec = {
  name: 'catalog_inputs', alias: 'catalog_inputs', key: ['certname'], relationships: CERTNAME_RELATIONS, dotted: [], perNode: true,
  fields: { certname: str, catalog_uuid: str, producer_timestamp: ts, inputs: { type: 'json' } },
  source: (db) => db.selectFrom('catalog_inputs').select(['certname', 'catalog_uuid', 'producer_timestamp', 'inputs']),
};

const catalogInputContents: EntitySpec = {
  name: 'catalog_input_contents', alias: 'catalog_input_contents', key: ['certname', 'type', 'name'], relationships: CERTNAME_RELATIONS, dotted: [], perNode: true,
  fields: { certname: str, catalog_uuid: str, producer_timestamp: ts, type: str, name: str },
  source: (db) => dialectOf(db).catalogInputContents,
};

/**
 * The entities this engine answers, by PuppetDB's underscored name. More
 * plug in by adding an {@link EntitySpec} here.
 */
export const ENTITIES: ReadonlyMap<string, EntitySpec> = new Map(
  [nodes, facts, factContents, factPaths, factNames, inventory, resources, catalogs, edges, environments, producers, reports, events, catalogInputs, catalogInputContents].map((e) => [e.name, e]),
);

/** The entity of a PuppetDB name (`fact-contents` or `fact_contents`), or undefined. */
export const entityNamed = (name: string): EntitySpec | undefined => ENTITIES.get(name.replaceAll('-', '_'));

export const isQueryable = (f: FieldSpec): boolean => f.queryable ?? f.type !== 'json';
export const isProjectable = (f: FieldSpec): boolean => f.projectable ?? true;

/** PuppetDB's `queryable-fields`: sorted. */
export const queryableFields = (e: EntitySpec): string[] => Object.keys(e.fields).filter((k) => isQueryable(e.fields[k]!)).sort();
/** PuppetDB's `projectable-fields`: in declaration order. */
export const projectableFields = (e: EntitySpec): string[] => Object.keys(e.fields).filter((k) => isProjectable(e.fields[k]!));
