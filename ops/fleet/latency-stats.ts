/**
 * Latency samples for percentiles, bounded: beyond `capacity` samples it
 * keeps a uniform reservoir sample, so memory stays flat on long runs.
 */
export class LatencyStats {
  private readonly samples: number[] = [];
  private seen = 0;

  constructor(private readonly capacity = 100_000) {}

  add(ms: number): void {
    this.seen++;
    if (this.samples.length < this.capacity) this.samples.push(ms);
    else {
      const i = Math.floor(Math.random() * this.seen);
      if (i < this.capacity) this.samples[i] = ms;
    }
  }

  get count(): number {
    return this.seen;
  }

  percentile(p: number): number {
    if (this.samples.length === 0) return 0;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  }
}
