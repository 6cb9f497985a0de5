import type { AppendOutcome, ExpectedVersion } from './event-log.js';
import type { LogRow } from './log-writer.js';

/** Where an event is stored: its global position and its stream version. */
export interface Stored { readonly position: number; readonly version: number }

/** What one group commit writes, decided before anything is written. */
export interface AppendPlan<R extends LogRow = LogRow> {
  readonly outcomes: AppendOutcome[][];
  /** Rows to insert, in position order, with their position and version. */
  readonly inserts: readonly (R & Stored)[];
  readonly head: number;
}

/**
 * The log's rules for one group, as a pure function of what the log holds:
 * an id already stored (or earlier in the group) is a duplicate with its
 * original position; a stale expected version voids that caller's whole
 * batch (every outcome is the conflict, nothing of it is written); others
 * take the next position and their stream's next version.
 */
export function planAppend<R extends LogRow>(
  groups: readonly (readonly R[])[], head: number,
  storedIds: ReadonlyMap<string, Stored>, streamVersions: ReadonlyMap<string, number>,
): AppendPlan<R> {
  const ids = new Map(storedIds);
  const versions = new Map(streamVersions);
  const inserts: (R & Stored)[] = [];
  const outcomes = groups.map((rows) => {
    const batch: (R & Stored)[] = [];
    const batchIds = new Map<string, Stored>();
    const batchVersions = new Map<string, number>();
    const out: AppendOutcome[] = [];
    for (const row of rows) {
      const dup = batchIds.get(row.id) ?? ids.get(row.id);
      if (dup) {
        out.push({ status: 'duplicate', ...dup });
        continue;
      }
      const current = batchVersions.get(row.stream) ?? versions.get(row.stream) ?? 0;
      if (conflicts(row.expectedVersion, current)) {
        const conflict: AppendOutcome = { status: 'conflict', expected: row.expectedVersion, actual: current };
        return rows.map(() => conflict);
      }
      const stored = { position: head + inserts.length + batch.length + 1, version: current + 1 };
      batch.push({ ...row, ...stored });
      batchIds.set(row.id, stored);
      batchVersions.set(row.stream, stored.version);
      out.push({ status: 'appended', ...stored });
    }
    for (const [id, s] of batchIds) ids.set(id, s);
    for (const [stream, v] of batchVersions) versions.set(stream, v);
    inserts.push(...batch);
    return out;
  });
  return { outcomes, inserts, head: head + inserts.length };
}

function conflicts(expected: ExpectedVersion, current: number): boolean {
  return (expected === 'no_stream' && current !== 0) || (typeof expected === 'number' && expected !== current);
}
