import { ANY, BACKWARDS, END, ErrorType, NO_STREAM, type AppendStreamRequest } from '@kurrent/kurrentdb-client';
import { TroupeError } from '../../errors/troupe-error.js';
import type { AppendOutcome } from '../event-log.js';
import { planAppend, type AppendPlan, type Stored } from '../append-plan.js';
import { isKurrentError, mapLimited, readEvents, READ_CONCURRENCY, type KurrentLogClient } from './kurrentdb-log-client.js';
import type { KurrentLogLayout } from './kurrentdb-log-layout.js';
import type { LogRow, LogWriter } from '../log-writer.js';

/**
 * The log's group commit on KurrentDB (layout: KurrentLogLayout). It reads
 * the head, the stream versions and the id markers the group needs, plans
 * the group as PostgreSQL's writer does (planAppend), and writes the log
 * events, their links and their id markers in one multiStreamAppend whose
 * expected revisions are what it read. If another writer appended in
 * between, KurrentDB refuses the whole append (WrongExpectedVersion) and
 * the group is planned again from fresh reads: positions stay gap-free,
 * and a caller's stale expected version or a redelivery is judged against
 * what was really stored.
 */
export class KurrentRowWriter implements LogWriter {
  constructor(
    private readonly client: KurrentLogClient,
    private readonly layout: KurrentLogLayout,
    private readonly limits: {
      /** Re-plans after a WrongExpectedVersion before the group fails with `log_write_failed`. */
      readonly maxConflictRetries: number;
      /** Estimated bytes per multiStreamAppend; a bigger group is written as several appends, whole callers each. */
      readonly maxAppendBytes: number;
    },
  ) {}

  /**
   * One append per chunk of callers under `maxAppendBytes` (KurrentDB
   * refuses an append over its MaxAppendSize): each caller's batch stays
   * atomic; if a later chunk fails the whole group fails, and the callers
   * of chunks already written learn their positions when they send again
   * (as duplicates).
   */
  async commit(groups: readonly (readonly LogRow[])[]): Promise<AppendOutcome[][]> {
    const outcomes: AppendOutcome[][] = [];
    for (const chunk of chunksOf(groups, this.limits.maxAppendBytes)) outcomes.push(...await this.commitChunk(chunk));
    return outcomes;
  }

  private async commitChunk(groups: readonly (readonly LogRow[])[]): Promise<AppendOutcome[][]> {
    const rows = groups.flat();
    for (let attempt = 0; ; attempt++) {
      const [head, ids, versions] = await Promise.all([this.head(), this.storedIds(rows), this.streamVersions(rows)]);
      const plan = planAppend(groups, head, ids, versions);
      if (plan.inserts.length === 0) return plan.outcomes;
      try {
        await this.client.multiStreamAppend(this.requests(plan, head, versions));
        return plan.outcomes;
      } catch (e) {
        if (!isKurrentError(e, ErrorType.WRONG_EXPECTED_VERSION)) throw e;
        if (attempt >= this.limits.maxConflictRetries) {
          throw new TroupeError('log_write_failed', `other writers kept appending: ${attempt + 1} attempts met a moved head`, { cause: e });
        }
        // A random pause growing with the attempts, so writers that keep colliding fall out of step.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
      }
    }
  }

  /** The one atomic append of a plan: the log stream at the head read, each touched stream at its version, each id new. */
  private requests(plan: AppendPlan, head: number, versions: ReadonlyMap<string, number>): AppendStreamRequest[] {
    const links = new Map<string, (LogRow & Stored)[]>();
    for (const row of plan.inserts) {
      const rows = links.get(row.stream);
      if (rows) rows.push(row);
      else links.set(row.stream, [row]);
    }
    return [
      { streamName: this.layout.log, expectedState: expectedRevision(head), events: plan.inserts.map((r) => this.layout.logEvent(r)) },
      ...[...links].map(([stream, rows]): AppendStreamRequest => ({
        streamName: this.layout.nodeStream(stream),
        expectedState: expectedRevision(versions.get(stream) ?? 0),
        events: rows.map((r) => this.layout.linkEvent(r.position)),
      })),
      ...plan.inserts.map((r): AppendStreamRequest => ({ streamName: this.layout.idStream(r.id), expectedState: NO_STREAM, events: [this.layout.markerEvent(r)] })),
    ];
  }

  /** Position of the newest event: the log stream's last revision + 1 (0 when it does not exist). */
  async head(): Promise<number> {
    const [last] = await readEvents(this.client, this.layout.log, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    return last?.event ? Number(last.event.revision) + 1 : 0;
  }

  private async storedIds(rows: readonly LogRow[]): Promise<Map<string, Stored>> {
    const ids = [...new Set(rows.map((r) => r.id))];
    const markers = await mapLimited(ids, READ_CONCURRENCY, (id) => readEvents(this.client, this.layout.idStream(id), { maxCount: 1 }));
    return new Map(ids.flatMap((id, i) => (markers[i]!.length > 0 ? [[id, this.layout.storedOf(markers[i]![0]!)] as const] : [])));
  }

  /** Each touched stream's version: its link stream's last revision + 1. */
  private async streamVersions(rows: readonly LogRow[]): Promise<Map<string, number>> {
    const streams = [...new Set(rows.map((r) => r.stream))];
    const last = await mapLimited(streams, READ_CONCURRENCY, (s) =>
      readEvents(this.client, this.layout.nodeStream(s), { direction: BACKWARDS, fromRevision: END, maxCount: 1 }));
    return new Map(streams.flatMap((s, i) => {
      const link = last[i]![0]?.link ?? last[i]![0]?.event;
      return link ? [[s, Number(link.revision) + 1] as const] : [];
    }));
  }

  /** A one-event append to `<prefix>probe`: succeeds iff the server takes writes now. */
  async probe(): Promise<void> {
    await this.client.multiStreamAppend([{ streamName: `${this.layout.prefix}probe`, expectedState: ANY, events: [this.layout.markerEvent({ position: 0, version: 0 })] }]);
  }

  async close(): Promise<void> {}
}

/** What one event adds to an append, roughly: its data and meta, the envelope, its link and its id marker. */
const rowBytes = (row: LogRow): number => row.data.length + row.meta.length + row.stream.length * 2 + row.id.length * 3 + 400;

/** Consecutive callers, as many per chunk as fit in `budget` (a caller alone may exceed it). */
function chunksOf(groups: readonly (readonly LogRow[])[], budget: number): (readonly LogRow[])[][] {
  const chunks: (readonly LogRow[])[][] = [];
  let bytes = Infinity;
  for (const group of groups) {
    const size = group.reduce((n, r) => n + rowBytes(r), 0);
    if (bytes + size > budget) {
      chunks.push([]);
      bytes = 0;
    }
    chunks[chunks.length - 1]!.push(group);
    bytes += size;
  }
  return chunks;
}

/** KurrentDB's expected revision for a stream holding `count` events. */
function expectedRevision(count: number): AppendStreamRequest['expectedState'] {
  return count === 0 ? NO_STREAM : BigInt(count - 1);
}
