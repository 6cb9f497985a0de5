/**
 * A global budget for request bodies held in memory at once. Each body is
 * already capped (`maxBodyBytes`); this caps their sum, so many large
 * bodies arriving together get 503 + Retry-After instead of taking the
 * primary's memory. A body's bytes are held from the moment it starts
 * arriving until its request has been answered.
 */
export class BodyBudget {
  private used = 0;
  private refusedCount = 0;

  constructor(readonly limitBytes: number) {}

  get inFlightBytes(): number {
    return this.used;
  }

  get refused(): number {
    return this.refusedCount;
  }

  /** Takes `bytes` when they fit; false (and counted) when they do not. */
  take(bytes: number): boolean {
    if (this.used + bytes > this.limitBytes) {
      this.refusedCount++;
      return false;
    }
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used -= bytes;
  }
}
