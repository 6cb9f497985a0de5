import type {
  AppendStreamRequest, MultiAppendResult, ReadStreamOptions, ResolvedEvent, SubscribeToStreamOptions,
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
