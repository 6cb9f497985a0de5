import { KeyedWaits } from '../../core/async/keyed-waits.js';
import { TroupeError } from '../../core/errors/troupe-error.js';
import type { CatalogCompiled, CompileFailed, RecordedEvent } from '../../core/events/event.types.js';

export type CompileAnswer =
  | { readonly status: 'compiled'; readonly event: RecordedEvent<CatalogCompiled> }
  | { readonly status: 'failed'; readonly event: RecordedEvent<CompileFailed> }
  | { readonly status: 'timeout' };

/**
 * Callers waiting for the compile outcome of a request they appended (the
 * synchronous `POST /puppet/v4/catalog`). Bounded: beyond `max` waiters a
 * new wait is refused; every wait ends by `timeoutMs` at the latest.
 */
export class CompileWaiters {
  private readonly waiters = new KeyedWaits<CompileAnswer>();

  constructor(private readonly max = 50_000) {}

  get size(): number {
    return this.waiters.size;
  }

  /**
   * Register before appending the request, so the answer cannot be missed.
   * Throws at once (`overloaded`) when full, so the caller appends nothing
   * and leaves no rejected promise unobserved while it would append.
   */
  wait(requestId: string, timeoutMs: number): Promise<CompileAnswer> {
    if (this.waiters.size >= this.max) throw new TroupeError('overloaded', `${this.max} callers are already waiting for catalogs`);
    return this.waiters.wait(requestId, timeoutMs, { status: 'timeout' });
  }

  /** Whether a caller here waits for any of these requests (so their outcome's body is needed here). */
  awaitsAny(requestIds: readonly string[]): boolean {
    return requestIds.some((id) => this.waiters.has(id));
  }

  cancel(requestId: string): void {
    this.waiters.cancel(requestId);
  }

  settle(event: RecordedEvent<CatalogCompiled> | RecordedEvent<CompileFailed>): void {
    const answer: CompileAnswer = event.type === 'catalog_compiled'
      ? { status: 'compiled', event }
      : { status: 'failed', event };
    for (const id of event.data.requestIds) this.waiters.settle(id, answer);
  }
}
