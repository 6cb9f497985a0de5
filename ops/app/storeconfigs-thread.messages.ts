/** Messages between the main thread and the storeconfigs projection thread. */
export type ToProjectionThread =
  | { readonly type: 'appended' }
  | { readonly type: 'stop' };

export type FromProjectionThread =
  | { readonly type: 'ready'; readonly position: number }
  | { readonly type: 'progress'; readonly position: number }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'stopped'; readonly position: number };

export interface ProjectionThreadData {
  readonly logPath: string;
  readonly storeconfigsPath: string;
}
