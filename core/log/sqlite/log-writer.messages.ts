import type { AppendOutcome } from '../event-log.js';
import type { LogSynchronous } from './log-database.sqlite.js';
import type { LogRow } from '../log-writer.js';

export interface LogWriterThreadData {
  readonly path: string;
  readonly synchronous: LogSynchronous;
}

export type ToLogWriter =
  | { readonly type: 'commit'; readonly seq: number; readonly batches: readonly (readonly LogRow[])[] }
  | { readonly type: 'probe'; readonly seq: number }
  | { readonly type: 'close' };

export type FromLogWriter =
  | { readonly type: 'committed'; readonly seq: number; readonly outcomes: AppendOutcome[][] }
  | { readonly type: 'failed'; readonly seq: number; readonly message: string; readonly sqliteCode?: string };
