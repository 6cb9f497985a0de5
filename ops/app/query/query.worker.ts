import { parentPort, workerData } from 'node:worker_threads';
import { createPdbQueryEngine, type PdbJsonResult } from '../../../projections/query/pdb-query.engine.js';
import { QueryError } from '../../../projections/query/query-error.js';
import { AnswerStreams } from './answer-streams.js';
import { openStoreconfigsReader } from '../store-location.js';
import type { QueryAnswer, QueryRequest, QueryThreadData, StreamControl } from './query-thread.messages.js';

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
const streams = new AnswerStreams(data.ring, data.slotBytes, data.maxStreams, (chunk, transfer) => port.postMessage(chunk, transfer));

port.on('message', (m: QueryRequest | StreamControl) => {
  if ('control' in m) return control(m);
  const call = 'ast' in m ? engine[m.kind](m.ast, m.options) : engine[m.kind](m.request);
  void (call as Promise<unknown>).then(
    (result) => {
      if (m.kind !== 'queryJson') return port.postMessage({ id: m.id, ok: true, result } satisfies QueryAnswer);
      // Encoded here rather than there; a large answer streamed through the ring, a small one moved across whole.
      const { json, total } = result as PdbJsonResult;
      const bytes = typeof json === 'string' ? new TextEncoder().encode(json) : json as Uint8Array;
      const rest = total === undefined ? {} : { total };
      const streamed = streams.open(bytes);
      if (streamed) {
        port.postMessage({ id: m.id, ok: true, result: { json: streamed, ...rest } } satisfies QueryAnswer);
        return streams.start(streamed.stream);
      }
      const own = ownBytes(bytes);
      port.postMessage({ id: m.id, ok: true, result: { json: own, ...rest } } satisfies QueryAnswer, [own.buffer as ArrayBuffer]);
    },
    (e: unknown) => port.postMessage({
      id: m.id, ok: false, kind: e instanceof QueryError ? 'refused' : 'failed', message: e instanceof Error ? e.message : String(e),
    } satisfies QueryAnswer),
  );
});
port.postMessage({ ready: true });

function control(m: StreamControl): void {
  if (m.control === 'free') streams.release(m.slot);
  else if (m.control === 'pull') streams.pull(m.stream);
  else streams.cancel(m.stream);
}

/** The bytes, on a buffer of their own (moved across as they are when they have one; copied when it is shared). */
function ownBytes(bytes: Uint8Array): Uint8Array {
  // A copy: a Buffer's `slice` is a view on the same memory.
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}
