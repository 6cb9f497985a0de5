import type { ServerResponse } from 'node:http';
import { parsePql as parsePqlText } from '../../../../core/pql/pql-parser.js';
import { parsePaging, type Paging } from '../../../../projections/query/query-paging.js';
import { QueryError } from '../../../../projections/query/query-error.js';
import { distinctResourcesOf } from '../../../../projections/query/distinct-resources.js';
import type { EventCountsRequest } from '../../../../projections/query/event-counts.query.js';
import { jsonTextOf, type PdbQueryEngine, type PdbQueryOptions } from '../../../../projections/query/pdb-query.engine.js';
import { decodeBoundedJson } from '../../../../core/wire/bounded-json.js';
import { HttpError, sendError, sendJsonChunks, sendJsonText } from '../../http-io.js';
import type { Route, RouteContext } from '../../http-router.js';

/** Options of {@link pdbQueryRoutes}. */
export interface PdbQueryRouteOptions {
  /** The `version` `/pdb/meta/v1/version` reports. @defaultValue {@link PDB_VERSION} */
  readonly version?: string;
}

/** The PuppetDB release whose query API Troupe answers. */
export const PDB_VERSION = '7.12.1';

/** What the routes need of the app. */
export interface PdbQueryApp {
  readonly pdbQuery: PdbQueryEngine;
}

/** The parameters of event-counts and aggregate-event-counts. */
const COUNT_PARAMS = ['summarize_by', 'count_by', 'counts_filter', 'distinct_resources', 'distinct_start_time', 'distinct_end_time'] as const;

/** Query parameters PuppetDB accepts on its query endpoints (others are a 400, as in PuppetDB). */
const PARAMS = new Set([
  'query', 'limit', 'offset', 'order_by', 'include_total', 'pretty', 'ast_only',
  'optimize_drop_unused_joins', 'include_facts_expiration', 'include_package_inventory', 'explain', 'origin', 'timeout',
  ...COUNT_PARAMS,
]);

const ENTITY_ENDPOINTS = [
  'nodes', 'facts', 'fact-names', 'fact-paths', 'fact-contents', 'inventory', 'resources', 'catalogs', 'edges', 'environments', 'producers',
  'reports', 'events', 'catalog-inputs', 'catalog-input-contents',
];
/** Endpoints that answer only active nodes' data unless the query names a node state (PuppetDB's handlers.clj). */
const ACTIVE_ONLY = new Set(['nodes', 'facts', 'fact-contents', 'inventory', 'resources', 'edges']);

const SEG = '([^/]+)';

/** One request's query, as PuppetDB reads it from a GET's query string or a POST's JSON body. */
interface QueryRequest {
  /** The `query` parameter: AST (parsed JSON), PQL text, or absent. */
  readonly query: unknown;
  readonly paging: Paging;
  readonly pretty: boolean;
  readonly astOnly: boolean;
  /** Every parameter as given (event-counts reads its own). */
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * PuppetDB's query API (`/pdb/query/v4`, `/pdb/meta/v1`) over the
 * storeconfigs database: the root endpoint (AST or PQL), each entity's
 * endpoint, and the per-node/-name shortcuts. Malformed queries answer 400
 * with PuppetDB's message as plain text; unknown single objects 404 with
 * `{"error": "No information is known about …"}`. Admin routes (deny by
 * default): allow-listed certificates on HTTPS, the loopback plain listener.
 */
export function pdbQueryRoutes(app: PdbQueryApp, options: PdbQueryRouteOptions = {}): Route[] {
  const both = (pattern: RegExp, handle: (ctx: RouteContext, m: (string | undefined)[]) => Promise<void>): Route[] =>
    (['GET', 'POST'] as const).map((method) => ({
      method, pattern, access: 'read',
      handle: async (ctx: RouteContext) => {
        try {
          await handle(ctx, (pattern.exec(ctx.url.pathname) ?? []).slice(1).map(decodeSegment));
        } catch (e) {
          sendQueryError(ctx.res, e);
        }
      },
    }));
  const answer = async (ctx: RouteContext, entity: string, restrictions: unknown[], activeOnly: boolean) => {
    const r = await readRequest(ctx);
    const query = typeof r.query === 'string' ? parseJsonQuery(r.query) : r.query;
    const distinct = distinctResourcesOf(r.params);
    if (distinct && entity !== 'events') throw new QueryError(`Unsupported query parameter 'distinct_resources'`);
    await sendAnswer(ctx.res, app.pdbQuery, ['from', entity, ...optional(restrict(query, restrictions))], {
      paging: r.paging, activeOnly, ...(distinct ? { distinctResources: distinct } : {}),
    }, r.pretty);
  };
  const single = async (ctx: RouteContext, entity: string, restriction: unknown[], what: string, id: string) => {
    const r = await readRequest(ctx);
    const query = typeof r.query === 'string' ? parseJsonQuery(r.query) : r.query;
    const { rows } = await app.pdbQuery.query(['from', entity, restrict(query, [restriction])], {});
    if (rows.length === 0) throw new HttpError(404, `No information is known about ${what} ${id}`);
    sendBody(ctx.res, rows[0], r.pretty);
  };
  /** A nested endpoint's parent must exist (PuppetDB's parent-check): 404 otherwise. */
  const parent = async (entity: string, field: string, id: string, what: string) => {
    const { rows } = await app.pdbQuery.query(['from', entity, ['extract', [field], ['=', field, id]]], {});
    if (rows.length === 0) throw new HttpError(404, `No information is known about ${what} ${id}`);
  };
  return [
    ...both(/^\/pdb\/query\/v4\/?$/, async (ctx) => {
      const r = await readRequest(ctx);
      if (r.query === undefined) throw new QueryError(`Missing required query parameter 'query'`);
      const ast = typeof r.query === 'string' && !r.query.trimStart().startsWith('[') ? parsePql(r.query)
        : typeof r.query === 'string' ? parseJsonQuery(r.query) : r.query;
      if (r.astOnly) return sendBody(ctx.res, ast, r.pretty);
      await sendAnswer(ctx.res, app.pdbQuery, ast, { paging: r.paging, activeOnly: true }, r.pretty);
    }),
    ...both(new RegExp(`^/pdb/query/v4/(${ENTITY_ENDPOINTS.join('|')})$`), (ctx, [endpoint]) =>
      answer(ctx, endpoint!, [], ACTIVE_ONLY.has(endpoint!))),
    ...both(new RegExp(`^/pdb/query/v4/nodes/${SEG}$`), (ctx, [node]) =>
      single(ctx, 'nodes', ['=', 'certname', node], 'node', node!)),
    ...both(new RegExp(`^/pdb/query/v4/nodes/${SEG}/facts(?:/${SEG})?(?:/${SEG})?$`), async (ctx, [node, name, value]) => {
      await parent('nodes', 'certname', node!, 'node');
      await answer(ctx, 'facts', [['=', 'certname', node], ...factRestrictions(name, value)], true);
    }),
    ...both(new RegExp(`^/pdb/query/v4/nodes/${SEG}/resources(?:/${SEG})?(?:/${SEG})?$`), async (ctx, [node, type, title]) => {
      await parent('nodes', 'certname', node!, 'node');
      await answer(ctx, 'resources', [['=', 'certname', node], ...resourceRestrictions(type, title)], true);
    }),
    ...both(new RegExp(`^/pdb/query/v4/facts/${SEG}(?:/${SEG})?$`), (ctx, [name, value]) =>
      answer(ctx, 'facts', factRestrictions(name, value), true)),
    ...both(new RegExp(`^/pdb/query/v4/resources/${SEG}(?:/${SEG})?$`), (ctx, [type, title]) =>
      answer(ctx, 'resources', resourceRestrictions(type, title), true)),
    ...both(new RegExp(`^/pdb/query/v4/catalogs/${SEG}$`), (ctx, [node]) =>
      single(ctx, 'catalogs', ['=', 'certname', node], 'catalog', node!)),
    ...both(new RegExp(`^/pdb/query/v4/catalogs/${SEG}/(edges|resources)$`), async (ctx, [node, what]) => {
      await parent('catalogs', 'certname', node!, 'catalog');
      await answer(ctx, what!, [['=', 'certname', node]], true);
    }),
    ...both(new RegExp(`^/pdb/query/v4/environments/${SEG}$`), (ctx, [name]) =>
      single(ctx, 'environments', ['=', 'name', name], 'environment', name!)),
    ...both(new RegExp(`^/pdb/query/v4/environments/${SEG}/(facts|resources)$`), async (ctx, [name, what]) => {
      await parent('environments', 'name', name!, 'environment');
      await answer(ctx, what!, [['=', 'environment', name]], true);
    }),
    ...both(new RegExp(`^/pdb/query/v4/producers/${SEG}$`), (ctx, [name]) =>
      single(ctx, 'producers', ['=', 'name', name], 'producer', name!)),
    ...both(new RegExp(`^/pdb/query/v4/reports/${SEG}/events$`), async (ctx, [hash]) => {
      await parent('reports', 'hash', hash!, 'report');
      await answer(ctx, 'events', [['=', 'report', hash]], false);
    }),
    ...both(new RegExp(`^/pdb/query/v4/reports/${SEG}/(metrics|logs)$`), async (ctx, [hash, what]) => {
      const r = await readRequest(ctx);
      const { rows } = await app.pdbQuery.query(['from', 'reports', ['extract', ['hash', what], ['=', 'hash', hash]]], {});
      if (rows.length === 0) throw new HttpError(404, `No information is known about report ${hash}`);
      sendBody(ctx.res, (rows[0] as Record<string, { data: unknown }>)[what!]!.data, r.pretty);
    }),
    ...both(/^\/pdb\/query\/v4\/event-counts$/, async (ctx) => {
      const r = await readRequest(ctx);
      const result = await app.pdbQuery.eventCounts({ ...countsRequest(r), paging: r.paging });
      sendRows(ctx.res, result.rows, r.pretty, result.total);
    }),
    ...both(/^\/pdb\/query\/v4\/aggregate-event-counts$/, async (ctx) => {
      const r = await readRequest(ctx);
      sendBody(ctx.res, await app.pdbQuery.aggregateEventCounts(countsRequest(r)), r.pretty);
    }),
    {
      method: 'GET', pattern: /^\/pdb\/meta\/v1\/version$/, access: 'read',
      handle: ({ res }) => sendBody(res, { version: options.version ?? PDB_VERSION }, false),
    },
    {
      // PuppetDB's name, and pypuppetdb's (`server-time`).
      method: 'GET', pattern: /^\/pdb\/meta\/v1\/server[_-]time$/, access: 'read',
      handle: ({ res }) => sendBody(res, { server_time: new Date().toISOString() }, false),
    },
  ];
}

/** An event-counts request's parameters (PuppetDB's messages for missing or malformed ones). */
function countsRequest(r: QueryRequest): EventCountsRequest {
  const summarizeBy = r.params['summarize_by'];
  if (typeof summarizeBy !== 'string' || summarizeBy === '') throw new QueryError(`Missing required query parameter 'summarize_by'`);
  const countBy = r.params['count_by'];
  if (countBy !== undefined && typeof countBy !== 'string') throw new QueryError(`Illegal value for 'count_by': ${JSON.stringify(countBy)}`);
  const filter = r.params['counts_filter'];
  const distinct = distinctResourcesOf(r.params);
  return {
    ...(distinct ? { distinctResources: distinct } : {}),
    query: typeof r.query === 'string' ? parseJsonQuery(r.query) : r.query,
    summarizeBy,
    ...(countBy === undefined ? {} : { countBy }),
    ...(filter === undefined || filter === '' ? {} : { countsFilter: typeof filter === 'string' ? parseJsonQuery(filter) : filter }),
  };
}

function decodeSegment(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, `malformed percent-encoding in path segment '${segment.slice(0, 200)}'`);
  }
}

const factRestrictions = (name: string | undefined, value: string | undefined): unknown[] =>
  [...(name === undefined ? [] : [['=', 'name', name]]), ...(value === undefined ? [] : [['=', 'value', value]])];
const resourceRestrictions = (type: string | undefined, title: string | undefined): unknown[] =>
  [...(type === undefined ? [] : [['=', 'type', type]]), ...(title === undefined ? [] : [['=', 'title', title]])];
const optional = (q: unknown): unknown[] => (q === undefined ? [] : [q]);

/**
 * PuppetDB's `restrict-query`: the endpoint's own conditions and-ed with the
 * user's query (inside an `extract`, next to its filter).
 */
export function restrict(query: unknown, restrictions: readonly unknown[]): unknown {
  if (restrictions.length === 0) return query;
  const extra = restrictions.length === 1 ? restrictions[0] : ['and', ...restrictions];
  if (query === undefined || query === null) return extra;
  if (Array.isArray(query) && query[0] === 'extract') {
    const [, cols, ...rest] = query;
    const filterAt = rest.findIndex((r) => !(Array.isArray(r) && r[0] === 'group_by'));
    if (filterAt < 0) return ['extract', cols, extra, ...rest];
    const out = [...rest];
    out[filterAt] = ['and', out[filterAt], extra];
    return ['extract', cols, ...out];
  }
  return ['and', query, extra];
}

async function readRequest(ctx: RouteContext): Promise<QueryRequest> {
  let params: Record<string, unknown>;
  if (ctx.req.method === 'POST') {
    const bytes = await ctx.body.read();
    const decoded = bytes.length === 0 ? { ok: true as const, value: {} } : decodeBoundedJson(bytes);
    if (!decoded.ok) throw new QueryError(`The POST body is not valid JSON: ${decoded.error.message}`);
    const body = decoded.value;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new QueryError('The POST body must be a JSON object of query parameters');
    params = body as Record<string, unknown>;
    for (const [k, v] of ctx.url.searchParams) params[k] ??= v;
  } else {
    params = Object.fromEntries(ctx.url.searchParams);
  }
  const unsupported = Object.keys(params).find((k) => !PARAMS.has(k));
  if (unsupported) throw new QueryError(`Unsupported query parameter '${unsupported}'`);
  return {
    query: params['query'] === '' ? undefined : params['query'],
    paging: parsePaging(params),
    pretty: String(params['pretty']).toLowerCase() === 'true',
    astOnly: String(params['ast_only']).toLowerCase() === 'true',
    params,
  };
}

/** A `query` parameter's JSON text (PuppetDB's parse-json-query). */
function parseJsonQuery(text: string): unknown {
  const decoded = decodeBoundedJson(text);
  if (!decoded.ok) throw new QueryError(`Json parse error: ${decoded.error.message}`);
  return decoded.value;
}

/** PQL text → PuppetDB's AST; a syntax error is PuppetDB's 400 text (it names line and column). */
function parsePql(text: string): unknown[] {
  const parsed = parsePqlText(text);
  if (!parsed.ok) throw new QueryError(parsed.error.message);
  return [...parsed.value];
}

/**
 * A query's rows as the answer: as JSON text built by the engine (no answer
 * objects; bytes from the query thread, a large answer streamed through
 * its ring); `pretty` re-indents that text.
 */
async function sendAnswer(res: ServerResponse, engine: PdbQueryEngine, ast: unknown, options: PdbQueryOptions, pretty: boolean): Promise<void> {
  const { json, total } = await engine.queryJson(ast, options);
  const headers: Record<string, string> = total === undefined ? {} : { 'x-records': String(total) };
  if (pretty) return sendJsonText(res, 200, JSON.stringify(JSON.parse(await jsonTextOf(json)), null, 2), headers);
  if (typeof json === 'string' || json instanceof Uint8Array) return sendJsonText(res, 200, json, headers);
  await sendJsonChunks(res, 200, json, headers);
}

function sendRows(res: ServerResponse, rows: readonly unknown[], pretty: boolean, total: number | undefined): void {
  sendBody(res, rows, pretty, total === undefined ? {} : { 'x-records': String(total) });
}

function sendBody(res: ServerResponse, value: unknown, pretty: boolean, headers: Record<string, string> = {}): void {
  sendJsonText(res, 200, pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value), headers);
}

/** PuppetDB answers a refused query with its message as plain text; anything else as Troupe does. */
function sendQueryError(res: ServerResponse, e: unknown): void {
  if (!(e instanceof QueryError)) return sendError(res, e);
  const body = e.message;
  res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
