/** What the push watch's thread starts with. */
export interface WatchThreadData {
  readonly port: number;
  /** The strings that tell the code versions' catalogs apart. */
  readonly markers: readonly string[];
  readonly certnames: readonly string[];
  readonly timeoutMs: number;
}

export type ToWatchThread = { readonly type: 'close' };

/** `seen`: nodes reached, by marker index, when (epoch ms); `messages`: every message received since the last post. */
export type FromWatchThread =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'seen'; readonly seen: ReadonlyArray<readonly [string, number, number]>; readonly messages: number }
  | { readonly type: 'closed' };
