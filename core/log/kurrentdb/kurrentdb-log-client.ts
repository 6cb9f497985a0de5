import {
  ErrorType, type AppendStreamRequest, type MultiAppendResult, type ReadStreamOptions, type ResolvedEvent, type SubscribeToStreamOptions,
} from '@kurrent/kurrentdb-client';

/** A live subscription as the log uses it: events as they arrive, then `unsubscribe`. */
export interface KurrentStreamSubscription {
  on(event: 'data', listener: (resolved: ResolvedEvent) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  unsubscribe(): Promise<void>;
}

/**
 * The part of `@kurrent/kurrentdb-client`'s KurrentDBClient the KurrentDB
 * event log uses (the real client satisfies it, a compile-time check in
 * event-log.kurrentdb.ts says so): a stand-in for tests implements only this.
 */
export interface KurrentLogClient {
  readStream(streamName: string, options?: ReadStreamOptions): AsyncIterableIterator<ResolvedEvent>;
  multiStreamAppend(requests: AppendStreamRequest[]): Promise<MultiAppendResult>;
  subscribeToStream(streamName: string, options?: SubscribeToStreamOptions): KurrentStreamSubscription;
  dispose(): Promise<void>;
}

/** Reads in flight at once when the log looks up many streams (ids, versions, catalog references). */
export const READ_CONCURRENCY = 32;

/** A whole (bounded) read of one stream; a stream that does not exist reads as empty. */
export async function readEvents(client: KurrentLogClient, stream: string, options: ReadStreamOptions): Promise<ResolvedEvent[]> {
  const events: ResolvedEvent[] = [];
  try {
    for await (const e of client.readStream(stream, options)) events.push(e);
  } catch (e) {
    if (!isKurrentError(e, ErrorType.STREAM_NOT_FOUND)) throw e;
  }
  return events;
}

/** The client's errors carry a `type` (ErrorType); matched by it, not by class, so a stand-in's errors match too. */
export function isKurrentError(e: unknown, type: ErrorType): boolean {
  return (e as { type?: unknown } | undefined)?.type === type;
}

/** `f` over `items`, at most `limit` at a time, results in order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await f(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
