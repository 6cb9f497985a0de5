import type Database from 'better-sqlite3';

/**
 * A multi-row `INSERT` run in chunks of `rowsPerChunk`, one prepared
 * statement per chunk size (cached), so a 267-resource catalog is three
 * statement executions instead of 267.
 */
export interface ChunkedInsert<Row extends readonly unknown[]> {
  run(rows: readonly Row[]): void;
}

/** Prepares a chunked insert: `head` is `INSERT … INTO t (cols)`, `columns` their count. */
export function chunkedInsert<Row extends readonly unknown[]>(
  raw: Pick<Database.Database, 'prepare'>,
  head: string,
  columns: number,
  rowsPerChunk: number,
): ChunkedInsert<Row> {
  const cache = new Map<number, Database.Statement>();
  const tuple = `(${Array.from({ length: columns }, () => '?').join(',')})`;
  const statement = (rows: number): Database.Statement => {
    let s = cache.get(rows);
    if (!s) {
      s = raw.prepare(`${head} VALUES ${Array.from({ length: rows }, () => tuple).join(',')}`);
      cache.set(rows, s);
    }
    return s;
  };
  return {
    run(rows) {
      for (let i = 0; i < rows.length; i += rowsPerChunk) {
        const n = Math.min(rowsPerChunk, rows.length - i);
        const params: unknown[] = new Array(n * columns);
        let k = 0;
        for (let r = i; r < i + n; r++) for (const v of rows[r]!) params[k++] = v;
        statement(n).run(params);
      }
    },
  };
}
