import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CheckpointStore } from '../../../core/log/checkpoint-store.js';

/**
 * Checkpoints in a small JSON file replaced atomically (write tmp with
 * fsync, rename), for when no `CheckpointStore` is at hand (tools, tests);
 * `troupe serve` passes its SQLite checkpoint store instead.
 */
export class FileCheckpointStore implements Pick<CheckpointStore, 'get' | 'set'> {
  constructor(private readonly path: string) {}

  get(name: string): number {
    const v = this.read()[name];
    return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
  }

  set(name: string, position: number): void {
    const all = { ...this.read(), [name]: position };
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify(all), { flush: true });
    renameSync(tmp, this.path);
  }

  private read(): Record<string, unknown> {
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw e;
    }
  }
}
