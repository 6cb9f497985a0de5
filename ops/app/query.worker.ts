import { parentPort, workerData } from 'node:worker_threads';
import { createPdbQueryEngine, type PdbJsonResult } from '../../projections/query/pdb-query.engine.js';
import { QueryError } from '../../projections/query/query-error.js';
import { openStoreconfigsReader } from './store-location.js';
import type { QueryAnswer, QueryRequest, QueryThreadData } from './query-thread.messages.js';

/**
 * PuppetDB queries on a thread of their own (better-sqlite3 is
 * synchronous: a slow query here cannot stall agents' requests on the main
 * thread; on PostgreSQL, decoding answers stays off the main thread), over
 * a read-only connection to storeconfigs.db or a pool on PostgreSQL.
 */
const data = workerData as QueryThreadData;
const reader = await openStoreconfigsReader(data.store);
const engine = createPdbQueryEngine(reader.source, { maxRows: data.maxRows });
const port = parentPort!;

port.on('message', (m: QueryRequest) => {
  const call = 'ast' in m ? engine[m.kind](m.ast, m.options) : engine[m.kind](m.request);
  void (call as Promise<unknown>).then(
    (result) => {
      if (m.kind !== 'queryJson') return port.postMessage({ id: m.id, ok: true, result } satisfies QueryAnswer);
      // The answer's bytes are moved to the main thread (a transfer, not a copy), encoded here rather than there.
      const { json, total } = result as PdbJsonResult;
      const bytes = typeof json === 'string' ? new TextEncoder().encode(json) : ownBytes(json);
      port.postMessage({ id: m.id, ok: true, result: { json: bytes, ...(total === undefined ? {} : { total }) } } satisfies QueryAnswer, [bytes.buffer as ArrayBuffer]);
    },
    (e: unknown) => port.postMessage({
      id: m.id, ok: false, kind: e instanceof QueryError ? 'refused' : 'failed', message: e instanceof Error ? e.message : String(e),
    } satisfies QueryAnswer),
  );
});
port.postMessage({ ready: true });

/** The bytes, on a buffer of their own (moved across as they are when they have one; copied when it is shared). */
function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}
