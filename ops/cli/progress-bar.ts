/**
 * A one-line progress bar on stderr for long work (replay); prints plain
 * periodic lines instead when stderr is not a terminal.
 */
export class ProgressBar {
  private lastDraw = 0;
  private readonly started = Date.now();

  constructor(private readonly label: string, private readonly total: number) {}

  update(done: number): void {
    const now = Date.now();
    if (now - this.lastDraw < (process.stderr.isTTY ? 100 : 2000) && done < this.total) return;
    this.lastDraw = now;
    const frac = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const rate = done / Math.max(0.001, (now - this.started) / 1000);
    const text = `${this.label} ${bar(frac)} ${(frac * 100).toFixed(1)}% ${done}/${this.total} (${Math.round(rate)}/s)`;
    if (process.stderr.isTTY) process.stderr.write(`\r${text}`);
    else process.stderr.write(`${text}\n`);
  }

  finish(): void {
    if (process.stderr.isTTY) process.stderr.write('\n');
  }
}

const bar = (frac: number): string => {
  const width = 30;
  const full = Math.round(frac * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}]`;
};
