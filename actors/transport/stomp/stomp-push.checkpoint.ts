import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The pusher's progress: the log position up to which every changed
 * catalog has been confirmed by the broker. A small JSON file, replaced
 * atomically (write tmp, fsync, rename), kept next to the event log.
 */
export class PushCheckpoint {
  constructor(private readonly path: string) {}

  /** The saved position; 0 when there is none yet. */
  load(): number {
    try {
      const v = (JSON.parse(readFileSync(this.path, 'utf8')) as { position?: unknown }).position;
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw e;
    }
  }

  save(position: number): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify({ position, savedAt: new Date().toISOString() }), { flush: true });
    renameSync(tmp, this.path);
  }
}
