/**
 * Calls across the cluster's IPC, each answered by a message naming its
 * `callId`: the worker's appends and compile offers to the primary, the
 * primary's compile jobs to a worker. Unbounded here: each caller is
 * bounded upstream (a worker's appends and offers by its actors and pool,
 * a primary's jobs by its consumer's prefetch).
 */
export class IpcCalls<T> {
  private nextId = 0;
  private readonly calls = new Map<number, { readonly resolve: (value: T) => void; readonly reject: (error: Error) => void }>();

  get pending(): number {
    return this.calls.size;
  }

  /** Starts a call: `send` carries it with its id; the promise settles with the answer. */
  call(send: (callId: number) => void): Promise<T> {
    const callId = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.calls.set(callId, { resolve, reject });
      send(callId);
    });
  }

  resolve(callId: number, value: T): void {
    this.take(callId)?.resolve(value);
  }

  reject(callId: number, error: Error): void {
    this.take(callId)?.reject(error);
  }

  /** The other side is gone: every open call fails with `error`. */
  rejectAll(error: Error): void {
    for (const callId of [...this.calls.keys()]) this.reject(callId, error);
  }

  private take(callId: number) {
    const call = this.calls.get(callId);
    this.calls.delete(callId);
    return call;
  }
}
