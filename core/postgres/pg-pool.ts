import pg from 'pg';

/** int8 (positions, epochs) as a JS number: exact up to 2^53, far beyond any count Troupe keeps. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/** A connection pool for Troupe's PostgreSQL stores: int8 read as numbers, at most `max` connections. */
export function openPgPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, types });
  // An idle connection the server ended (restart, pg_terminate_backend) leaves the pool by itself;
  // without a listener its error would end the process. The next query opens a new one.
  pool.on('error', () => undefined);
  return pool;
}
