import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../query/dialects/dialect-of.js';
import type { StoreCatalog } from '../../core/catalog/puppet-catalog.types.js';
import { storedCatalogBody } from '../rows/stored-catalog-body.js';
import type { StoreconfigsSchema } from './storeconfigs.schema.js';

/** A node as `troupe nodes` and `/pdb/query/v4/nodes` show it. */
export interface NodeSummary {
  readonly certname: string;
  readonly environment: string | null;
  /** Deactivation producer timestamp, or null while active. */
  readonly deactivated: string | null;
  readonly factsTimestamp: string | null;
  readonly catalogTimestamp: string | null;
  readonly reportTimestamp: string | null;
  readonly catalogHash: string | null;
}

/** The latest catalog in store form, with its hash for an ETag. */
export interface StoredCatalog {
  readonly certname: string;
  readonly hash: string;
  readonly compiler: string | null;
  readonly source: 'compiled' | 'submitted';
  readonly catalog: StoreCatalog;
}

/** One stored report, newest-first in `reports()`. */
export interface StoredReport {
  readonly eventId: string;
  readonly certname: string;
  readonly environment: string;
  readonly status: string;
  readonly noop: boolean;
  readonly configurationVersion: string;
  readonly transactionUuid: string | null;
  readonly catalogUuid: string | null;
  readonly puppetVersion: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly producerTimestamp: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** A node's newest compile failure, as `GET /troupe/v1/compile-failures` lists it. */
export interface CompileFailureSummary {
  readonly certname: string;
  readonly time: string;
  readonly environment: string;
  readonly compiler: string;
  readonly error: { readonly code: string; readonly message: string; readonly file?: string; readonly line?: number };
  /** No catalog stored since the failure: the node's latest compile failed. */
  readonly current: boolean;
}

/** Filters of `listNodes`; defaults in {@link DEFAULT_LIST_NODES_OPTIONS}. */
export interface ListNodesOptions {
  /**
   * Include deactivated nodes (flagged by `deactivated`).
   * @defaultValue true
   */
  readonly includeDeactivated?: boolean;
  /** Only nodes in this environment. */
  readonly environment?: string;
}

/** Defaults of {@link ListNodesOptions}. */
export const DEFAULT_LIST_NODES_OPTIONS = { includeDeactivated: true } as const satisfies ListNodesOptions;

/** The read API over a storeconfigs file (any connection: the projection's or a read-only one). */
export interface StoreconfigsQueries {
  listNodes(options?: ListNodesOptions): Promise<readonly NodeSummary[]>;
  node(certname: string): Promise<NodeSummary | undefined>;
  /** Top-level facts; undefined for a node with no facts stored. */
  facts(certname: string): Promise<Readonly<Record<string, unknown>> | undefined>;
  catalog(certname: string): Promise<StoredCatalog | undefined>;
  /** Newest first (producer timestamp). */
  reports(certname: string, limit?: number): Promise<readonly StoredReport[]>;
  /**
   * Active nodes whose fact at a dotted path equals a scalar, for addressing
   * nodes by metadata (`os.family` = `Debian`). Sorted certnames.
   */
  nodesWithFact(path: string, value: string | number | boolean): Promise<readonly string[]>;
  /** Active nodes whose latest catalog declares the class (`Class[Profile::Web]`). Sorted certnames. */
  nodesWithClass(name: string): Promise<readonly string[]>;
  /**
   * The nodes a deployment of `codeId` to an environment can affect:
   * active nodes of the environment that have facts (so a compile can
   * run) and whose stored catalog was not compiled with `codeId` already
   * (null: every active node of the environment that has facts).
   * Certnames after `after` in order, at most `limit`: a deployment pages
   * through its nodes with this, never holding the whole fleet.
   */
  nodesOfEnvironment(environment: string, codeId: string | null, after: string | null, limit: number): Promise<readonly string[]>;
  /** How many nodes {@link nodesOfEnvironment} pages through. */
  countNodesOfEnvironment(environment: string, codeId: string): Promise<number>;
  /** Each node's newest compile failure, newest first, at most `limit` (default 100). */
  compileFailures(limit?: number): Promise<readonly CompileFailureSummary[]>;
  /** Logged events the projection skipped because they could not be applied. */
  projectionFailures(): Promise<number>;
}

/** Builds the read API on a kysely handle to the storeconfigs schema. */
export function storeconfigsQueries(db: Kysely<StoreconfigsSchema>): StoreconfigsQueries {
  const nodeColumns = [
    'certname', 'environment', 'deactivated', 'facts_timestamp', 'catalog_timestamp', 'report_timestamp', 'catalog_hash',
  ] as const;
  const toSummary = (r: Pick<StoreconfigsSchema['nodes'], (typeof nodeColumns)[number]>): NodeSummary => ({
    certname: r.certname, environment: r.environment, deactivated: r.deactivated,
    factsTimestamp: r.facts_timestamp, catalogTimestamp: r.catalog_timestamp,
    reportTimestamp: r.report_timestamp, catalogHash: r.catalog_hash,
  });
  const deployable = (environment: string, codeId: string | null) => db.selectFrom('nodes as n')
    .leftJoin('catalogs as c', 'c.certname', 'n.certname')
    .where('n.environment', '=', environment).where('n.deactivated', 'is', null).where('n.facts_timestamp', 'is not', null)
    .where((eb) => (codeId === null ? eb.lit(true) : eb.or([eb('c.code_id', 'is', null), eb('c.code_id', '!=', codeId)])));
  return {
    async listNodes(options = {}) {
      const o = { ...DEFAULT_LIST_NODES_OPTIONS, ...options };
      let q = db.selectFrom('nodes').select(nodeColumns).orderBy('certname');
      if (!o.includeDeactivated) q = q.where('deactivated', 'is', null);
      if (o.environment !== undefined) q = q.where('environment', '=', o.environment);
      return (await q.execute()).map(toSummary);
    },
    async node(certname) {
      const r = await db.selectFrom('nodes').select(nodeColumns).where('certname', '=', certname).executeTakeFirst();
      return r && toSummary(r);
    },
    async facts(certname) {
      const rows = await db.selectFrom('facts').select(['name', 'value']).where('certname', '=', certname).orderBy('name').execute();
      if (rows.length === 0) return undefined;
      return Object.fromEntries(rows.map((r) => [r.name, JSON.parse(r.value) as unknown]));
    },
    async catalog(certname) {
      const r = await db.selectFrom('catalogs').selectAll().where('certname', '=', certname).executeTakeFirst();
      if (!r) return undefined;
      const body = storedCatalogBody(r.body);
      return {
        certname, hash: r.hash, compiler: r.compiler, source: r.source,
        catalog: {
          version: r.version, environment: r.environment, transactionUuid: r.transaction_uuid,
          catalogUuid: r.catalog_uuid, codeId: r.code_id, producerTimestamp: r.producer_timestamp,
          producer: r.producer, resources: body.resources, edges: body.edges,
        },
      };
    },
    async reports(certname, limit = 20) {
      const rows = await db.selectFrom('reports').selectAll().where('certname', '=', certname)
        .orderBy('producer_ms', 'desc').orderBy('event_id', 'desc').limit(limit).execute();
      return rows.map((r) => ({
        eventId: r.event_id, certname: r.certname, environment: r.environment, status: r.status, noop: r.noop === 1,
        configurationVersion: r.configuration_version, transactionUuid: r.transaction_uuid, catalogUuid: r.catalog_uuid,
        puppetVersion: r.puppet_version, startTime: r.start_time, endTime: r.end_time,
        producerTimestamp: r.producer_timestamp, body: JSON.parse(r.body) as Record<string, unknown>,
      }));
    },
    async nodesWithFact(path, value) {
      const [name, ...rest] = path.split('.');
      // The value's JSON type and value at the path, as the query language's `=` on `facts.a.b`.
      const matches = dialectOf(db).jsonAtCompare(sql.ref('f.value'), rest.map((k) => k.replaceAll('"', '')), '=', value);
      const rows = await db.selectFrom('facts as f').innerJoin('nodes as n', 'n.certname', 'f.certname')
        .select('f.certname').where('f.name', '=', name ?? '').where('n.deactivated', 'is', null).where(matches)
        .orderBy('f.certname').execute();
      return rows.map((r) => r.certname);
    },
    async nodesWithClass(name) {
      const title = name.split('::').map((s) => (s ? s[0]!.toUpperCase() + s.slice(1) : s)).join('::');
      const rows = await db.selectFrom('resources as r').innerJoin('nodes as n', 'n.certname', 'r.certname')
        .select('r.certname').where('r.type', '=', 'Class').where('r.title', '=', title).where('n.deactivated', 'is', null)
        .orderBy('r.certname').execute();
      return rows.map((r) => r.certname);
    },
    async nodesOfEnvironment(environment, codeId, after, limit) {
      let q = deployable(environment, codeId).select('n.certname').orderBy('n.certname').limit(limit);
      if (after !== null) q = q.where('n.certname', '>', after);
      return (await q.execute()).map((r) => r.certname);
    },
    async countNodesOfEnvironment(environment, codeId) {
      const row = await deployable(environment, codeId).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst();
      return Number(row?.count ?? 0);
    },
    async compileFailures(limit = 100) {
      const rows = await db.selectFrom('compile_failures as f').leftJoin('nodes as n', 'n.certname', 'f.certname')
        .select(['f.certname', 'f.time', 'f.environment', 'f.compiler', 'f.error', 'n.catalog_timestamp'])
        .orderBy('f.time', 'desc').orderBy('f.certname').limit(limit).execute();
      return rows.map((r) => ({
        certname: r.certname, time: r.time, environment: r.environment, compiler: r.compiler,
        error: JSON.parse(r.error) as CompileFailureSummary['error'],
        current: r.catalog_timestamp === null || Date.parse(r.catalog_timestamp) < Date.parse(r.time),
      }));
    },
    async projectionFailures() {
      const r = await db.selectFrom('projection_failures').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
