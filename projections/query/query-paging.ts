import { QueryError, printed } from './query-error.js';

/** One `order_by` term. */
export interface OrderTerm {
  readonly field: string;
  readonly descending: boolean;
}

/** Paging of one query, validated (PuppetDB's query/paging.clj). */
export interface Paging {
  readonly limit?: number;
  readonly offset?: number;
  readonly orderBy?: readonly OrderTerm[];
  /** Count every matching row (the `X-Records` header). @defaultValue false */
  readonly includeTotal?: boolean;
}

/** Paging as an HTTP request carries it: strings (query string) or JSON values (POST body). */
export interface RawPaging {
  readonly limit?: unknown;
  readonly offset?: unknown;
  /** JSON text (query string) or the parsed array (POST body). */
  readonly order_by?: unknown;
  readonly include_total?: unknown;
}

const intOf = (v: unknown): number | undefined =>
  (typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : undefined);

/** Validates request paging with PuppetDB's messages. */
export function parsePaging(raw: RawPaging): Paging {
  const out: { -readonly [K in keyof Paging]: Paging[K] } = {};
  if (raw.limit !== undefined && raw.limit !== null) {
    const n = intOf(raw.limit);
    if (n === undefined || !Number.isSafeInteger(n) || n <= 0) {
      throw new QueryError(`Illegal value '${printed(raw.limit)}' for :limit; expected a positive non-zero integer.`);
    }
    out.limit = n;
  }
  if (raw.offset !== undefined && raw.offset !== null) {
    const n = intOf(raw.offset);
    if (n === undefined || !Number.isSafeInteger(n) || n < 0) {
      throw new QueryError(`Illegal value '${printed(raw.offset)}' for :offset; expected a non-negative integer.`);
    }
    out.offset = n;
  }
  if (raw.order_by !== undefined && raw.order_by !== null) out.orderBy = parseOrderByJson(raw.order_by);
  if (raw.include_total !== undefined) out.includeTotal = raw.include_total === true || String(raw.include_total).toLowerCase() === 'true';
  return out;
}

/** The `order_by` parameter: a JSON array of `{field, order}` maps. */
function parseOrderByJson(raw: unknown): OrderTerm[] {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new QueryError(`Illegal value '${raw}' for :order_by; expected a JSON array of maps.`);
    }
  }
  if (!Array.isArray(value) || !value.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x))) {
    throw new QueryError(`Illegal value '${printed(value)}' for :order_by; expected an array of maps.`);
  }
  return (value as Record<string, unknown>[]).map((m) => {
    const unknownKey = Object.keys(m).find((k) => k !== 'field' && k !== 'order');
    if (unknownKey) throw new QueryError(`Illegal value '${printed(m)}' in :order_by; unknown key '${unknownKey}'.`);
    if (typeof m['field'] !== 'string') throw new QueryError(`Illegal value '${printed(m)}' in :order_by; missing required key 'field'.`);
    const order = m['order'];
    if (order !== undefined && (typeof order !== 'string' || !['asc', 'desc'].includes(order.toLowerCase()))) {
      throw new QueryError(`Illegal value '${printed(m)}' in :order_by; 'order' must be either 'asc' or 'desc'`);
    }
    return { field: m['field'], descending: typeof order === 'string' && order.toLowerCase() === 'desc' };
  });
}

/**
 * The paging clauses of a `from` (`["limit", 10]`, `["offset", 5]`,
 * `["order_by", ["certname", ["name", "desc"]]]`), each at most once.
 */
export function pagingClauses(clauses: readonly unknown[]): Paging {
  const get = (name: string): unknown => {
    const found = clauses.filter((c) => Array.isArray(c) && c[0] === name) as unknown[][];
    if (found.length > 1) throw new QueryError(`Multiple '${name}' clauses are not permitted`);
    if (found.length === 0) return undefined;
    if (found[0]!.length < 2 || found[0]![1] === null) throw new QueryError(`Received '${name}' clause without an argument`);
    return found[0]![1];
  };
  for (const c of clauses) {
    if (!Array.isArray(c) || !['limit', 'offset', 'order_by'].includes(c[0] as string)) {
      throw new QueryError(`${printed(c)} is not a valid clause for "from"; expected limit, offset or order_by`);
    }
  }
  const orderBy = get('order_by');
  const base = parsePaging({ limit: get('limit'), offset: get('offset') });
  if (orderBy === undefined) return base;
  if (!Array.isArray(orderBy)) throw new QueryError(`Illegal value '${printed(orderBy)}' for :order_by; expected an array of maps.`);
  return {
    ...base,
    orderBy: orderBy.map((t) => {
      if (typeof t === 'string') return { field: t, descending: false };
      if (Array.isArray(t) && typeof t[0] === 'string' && (t[1] === 'asc' || t[1] === 'desc')) return { field: t[0], descending: t[1] === 'desc' };
      throw new QueryError(`Illegal value '${printed(t)}' in order_by; expected a field or [field, "asc"|"desc"]`);
    }),
  };
}
