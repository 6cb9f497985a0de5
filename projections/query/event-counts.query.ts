import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { StoreconfigsSchema } from '../storeconfigs/storeconfigs.schema.js';
import type { DistinctResources } from './distinct-resources.js';
import { compileQuery } from './compiler/query-compiler.js';
import { QueryError, printed, quotedList } from './query-error.js';
import type { Paging } from './query-paging.js';
import { kdb } from './compiler/query-scope.js';

/** PuppetDB's `summarize_by` subjects and the events columns naming each. */
const SUBJECTS = {
  resource: ['resource_type', 'resource_title'],
  containing_class: ['containing_class'],
  certname: ['certname'],
} as const;
export type SummarizeBy = keyof typeof SUBJECTS;

/** PuppetDB's `count_by`: what one count counts (distinct). */
const COUNTED = {
  resource: ['certname', 'resource_type', 'resource_title'],
  certname: ['certname'],
} as const;
export type CountBy = keyof typeof COUNTED;

/** The counts and the event status each counts. */
const COUNTS = { failures: 'failure', successes: 'success', noops: 'noop', skips: 'skipped' } as const;
type CountName = keyof typeof COUNTS;

/** One `event-counts` request (query-string parameters, validated here with PuppetDB's messages). */
export interface EventCountsRequest {
  /** The events query (AST); absent for all events. */
  readonly query?: unknown;
  readonly summarizeBy: string;
  /** @defaultValue 'resource' */
  readonly countBy?: string;
  /** A query over `failures`, `successes`, `noops`, `skips` (`=`, `<`, `>`, `<=`, `>=`, `and`, `or`, `not`). */
  readonly countsFilter?: unknown;
  readonly paging?: Paging;
  /** Events of active nodes only, as the events endpoint. @defaultValue false */
  readonly activeOnly?: boolean;
  /** PuppetDB's `distinct_resources`, passed to the events query. @defaultValue none */
  readonly distinctResources?: DistinctResources;
}

/** One row of `event-counts`. */
export interface EventCount {
  readonly subject_type: SummarizeBy;
  readonly subject: Readonly<Record<string, string | null>>;
  readonly failures: number;
  readonly successes: number;
  readonly noops: number;
  readonly skips: number;
}

/** One row of `aggregate-event-counts`. */
export interface AggregateEventCount {
  readonly summarize_by: SummarizeBy;
  readonly failures: number;
  readonly successes: number;
  readonly noops: number;
  readonly skips: number;
  /** How many event-counts rows were aggregated. */
  readonly total: number;
}

export function summarizeByOf(value: string): SummarizeBy {
  if (!Object.hasOwn(SUBJECTS, value)) {
    throw new QueryError(`Unsupported value for 'summarize_by': '${value}'; supported values are ${quotedList(Object.keys(SUBJECTS))}`);
  }
  return value as SummarizeBy;
}

function countByOf(value: string | undefined): CountBy {
  if (value === undefined) return 'resource';
  if (!Object.hasOwn(COUNTED, value)) {
    throw new QueryError(`Unsupported value for 'count_by': '${value}'; supported values are ${quotedList(Object.keys(COUNTED))}`);
  }
  return value as CountBy;
}

/**
 * The counts select of PuppetDB's event-counts: the events query's rows,
 * made distinct on (subject, counted object, status), then counted per
 * subject and status, then filtered by `counts_filter`. Every user value
 * reaches SQL as a bound parameter; column names come from the tables above.
 */
function countsSelect(db: Kysely<StoreconfigsSchema>, req: EventCountsRequest, summarizeBy: SummarizeBy) {
  const countBy = countByOf(req.countBy);
  const events = compileQuery(db, ['from', 'events', ...(req.query === undefined || req.query === null ? [] : [req.query])], {
    activeOnly: req.activeOnly ?? false, ...(req.distinctResources ? { distinctResources: req.distinctResources } : {}),
  });
  const subject = SUBJECTS[summarizeBy];
  const distinct = [...new Set<string>([...subject, ...COUNTED[countBy], 'status'])];
  const k = kdb(db);
  const d = k.selectFrom(events.rows.as('ev')).select(distinct.map((c) => sql.ref(`ev.${c}`).as(c))).distinct();
  const counts = (Object.entries(COUNTS) as [CountName, string][]).map(([name, status]) =>
    sql<number>`coalesce(sum(CASE WHEN d.status = ${status} THEN 1 ELSE 0 END), 0)`.as(name));
  const grouped = k.selectFrom(d.as('d')).select([...subject.map((c) => sql.ref(`d.${c}`).as(c)), ...counts])
    .groupBy(subject.map((c) => `d.${c}`));
  const filter = req.countsFilter === undefined || req.countsFilter === null ? undefined : countsCondition(req.countsFilter);
  const base = k.selectFrom(grouped.as('c')).selectAll();
  return { rows: filter ? base.where(filter) : base, subject };
}

/** PuppetDB's `/pdb/query/v4/event-counts`. */
export async function eventCounts(db: Kysely<StoreconfigsSchema>, req: EventCountsRequest): Promise<{ rows: EventCount[]; total?: number }> {
  const summarizeBy = summarizeByOf(req.summarizeBy);
  const { rows, subject } = countsSelect(db, req, summarizeBy);
  const paging = req.paging ?? {};
  let paged = rows;
  for (const term of paging.orderBy ?? []) {
    if (!Object.hasOwn(COUNTS, term.field) && !(subject as readonly string[]).includes(term.field)) {
      throw new QueryError(`Unrecognized column '${term.field}' specified in :order_by; Supported columns are ${quotedList([...Object.keys(COUNTS), ...subject])}`);
    }
    paged = paged.orderBy(sql.ref(`c.${term.field}`), term.descending ? 'desc' : 'asc');
  }
  for (const c of subject) paged = paged.orderBy(sql.ref(`c.${c}`));
  if (paging.limit !== undefined) paged = paged.limit(paging.limit);
  if (paging.offset !== undefined) paged = (paging.limit === undefined ? paged.limit(-1) : paged).offset(paging.offset);
  const out = (await paged.execute()).map((r): EventCount => ({
    subject_type: summarizeBy,
    subject: summarizeBy === 'resource'
      ? { type: r['resource_type'] as string, title: r['resource_title'] as string }
      : { title: r[subject[0]!] as string | null },
    failures: Number(r['failures']), successes: Number(r['successes']), noops: Number(r['noops']), skips: Number(r['skips']),
  }));
  if (!paging.includeTotal) return { rows: out };
  const counted = await kdb(db).selectFrom(rows.as('t')).select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  return { rows: out, total: Number(counted?.n ?? 0) };
}

/**
 * PuppetDB's `/pdb/query/v4/aggregate-event-counts`: per `summarize_by`
 * (comma-separated), how many subjects had failures, successes, noops and
 * skips, and how many subjects there were.
 */
export async function aggregateEventCounts(db: Kysely<StoreconfigsSchema>, req: EventCountsRequest): Promise<AggregateEventCount[]> {
  const out: AggregateEventCount[] = [];
  for (const name of req.summarizeBy.split(',').map((s) => s.trim())) {
    const summarizeBy = summarizeByOf(name);
    const { rows } = countsSelect(db, req, summarizeBy);
    const r = await kdb(db).selectFrom(rows.as('t')).select([
      ...Object.keys(COUNTS).map((c) => sql<number>`coalesce(sum(CASE WHEN ${sql.ref(`t.${c}`)} > 0 THEN 1 ELSE 0 END), 0)`.as(c)),
      sql<number>`count(*)`.as('total'),
    ]).executeTakeFirstOrThrow();
    out.push({
      summarize_by: summarizeBy, successes: Number(r['successes']), failures: Number(r['failures']),
      noops: Number(r['noops']), skips: Number(r['skips']), total: Number(r['total']),
    });
  }
  return out;
}

const COMPARISONS = new Set(['=', '<', '>', '<=', '>=']);

/** `counts_filter` as a condition on the counts (`c.failures`, …). */
function countsCondition(node: unknown): RawBuilder<SqlBool> {
  if (!Array.isArray(node) || typeof node[0] !== 'string') throw new QueryError(`Invalid counts_filter: ${printed(node)}`);
  const [op, ...args] = node as [string, ...unknown[]];
  if (op === 'and' || op === 'or') {
    if (args.length === 0) throw new QueryError(`Invalid counts_filter: '${op}' needs at least one argument`);
    return sql<SqlBool>`(${sql.join(args.map(countsCondition), sql.raw(op === 'and' ? ' AND ' : ' OR '))})`;
  }
  if (op === 'not') {
    if (args.length !== 1) throw new QueryError(`Invalid counts_filter: 'not' takes one argument`);
    return sql<SqlBool>`(NOT ${countsCondition(args[0])})`;
  }
  if (!COMPARISONS.has(op)) throw new QueryError(`Unsupported operator '${op}' in counts_filter; supported operators are ${quotedList([...COMPARISONS])}`);
  const [field, value] = args;
  if (args.length !== 2 || typeof field !== 'string' || !Object.hasOwn(COUNTS, field)) {
    throw new QueryError(`Invalid counts_filter ${printed(node)}: fields are ${quotedList(Object.keys(COUNTS))}`);
  }
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new QueryError(`Invalid counts_filter ${printed(node)}: the value must be a number`);
  return sql<SqlBool>`(${sql.ref(`c.${field}`)} ${sql.raw(op)} ${n})`;
}
