import { parentPort, workerData } from 'node:worker_threads';
import { openLogDatabase } from './log-database.sqlite.js';
import type { FromLogWriter, LogWriterThreadData, ToLogWriter } from './log-writer.messages.js';
import { SqliteRowWriter } from './log-row-writer.sqlite.js';

/**
 * The log's write connection on a thread of its own: the commit and its
 * fsync block this thread, never the event loop that accepts connections.
 */
const data = workerData as LogWriterThreadData;
const port = parentPort!;
const db = openLogDatabase(data.path, data.synchronous);
const writer = new SqliteRowWriter(db);

port.on('message', (m: ToLogWriter) => {
  if (m.type === 'close') {
    db.close();
    port.close();
    return;
  }
  let reply: FromLogWriter;
  try {
    if (m.type === 'probe') writer.probe();
    reply = { type: 'committed', seq: m.seq, outcomes: m.type === 'commit' ? writer.commit(m.batches) : [] };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    reply = { type: 'failed', seq: m.seq, message: (e as Error).message, ...(typeof code === 'string' ? { sqliteCode: code } : {}) };
  }
  port.postMessage(reply);
});
