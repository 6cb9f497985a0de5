import type { Worker } from 'node:worker_threads';
import { TroupeError } from '../../errors/troupe-error.js';
import { startModuleWorker } from '../../threads/module-worker.js';
import type { AppendOutcome } from '../event-log.js';
import type { FromLogWriter, LogWriterThreadData, ToLogWriter } from './log-writer.messages.js';
import type { LogRow, LogWriter } from '../log-writer.js';

interface InFlight {
  readonly resolve: (outcomes: AppendOutcome[][]) => void;
  readonly reject: (e: unknown) => void;
}

/**
 * Commits on the log-writer thread, started on the first commit (readers
 * of the log never start one). The thread keeps the process alive only
 * while a commit is in flight. If it dies, in-flight commits fail with
 * `log_write_failed` and the next commit starts a fresh thread.
 */
export class ThreadLogWriter implements LogWriter {
  private worker: Worker | undefined;
  private readonly inFlight = new Map<number, InFlight>();
  private seq = 0;
  private closed = false;

  constructor(private readonly data: LogWriterThreadData) {}

  commit(batches: readonly (readonly LogRow[])[]): Promise<AppendOutcome[][]> {
    return this.request((seq) => ({ type: 'commit', seq, batches }));
  }

  async probe(): Promise<void> {
    await this.request((seq) => ({ type: 'probe', seq }));
  }

  private request(message: (seq: number) => ToLogWriter): Promise<AppendOutcome[][]> {
    if (this.closed) return Promise.reject(new TroupeError('log_closed', 'the event log is closed'));
    const worker = this.worker ?? this.start();
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      if (this.inFlight.size === 0) worker.ref();
      this.inFlight.set(seq, { resolve, reject });
      this.post(worker, message(seq));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    // Commits still in flight are answered before the thread reads 'close'.
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.ref();
      this.post(worker, { type: 'close' });
    });
  }

  private start(): Worker {
    const worker = startModuleWorker(import.meta.url, 'log-writer.worker', this.data);
    worker.unref();
    worker.on('message', (m: FromLogWriter) => this.settle(worker, m));
    worker.once('error', (e) => this.lost(worker, e));
    worker.once('exit', (code) => this.lost(worker, new Error(`exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private settle(worker: Worker, m: FromLogWriter): void {
    const waiter = this.inFlight.get(m.seq);
    if (!waiter) return;
    this.inFlight.delete(m.seq);
    if (this.inFlight.size === 0) worker.unref();
    if (m.type === 'committed') waiter.resolve(m.outcomes);
    // The cause keeps SQLite's code, so a full disk is told from a broken log (isResourceFault).
    else waiter.reject(new TroupeError('log_write_failed', `event log commit failed: ${m.message}${m.sqliteCode ? ` (${m.sqliteCode})` : ''}`, { cause: { code: m.sqliteCode, message: m.message } }));
  }

  private lost(worker: Worker, cause: unknown): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const waiters = [...this.inFlight.values()];
    this.inFlight.clear();
    for (const w of waiters) w.reject(new TroupeError('log_write_failed', 'the log-writer thread stopped', { cause }));
  }

  private post(worker: Worker, m: ToLogWriter): void {
    worker.postMessage(m);
  }
}
