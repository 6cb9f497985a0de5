import { readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/** The CRL as TLS should check it now; `version` grows with every change seen. */
export interface CrlSnapshot {
  readonly pem: string;
  readonly version: number;
}

export type CrlListener = (crl: CrlSnapshot) => void;

/**
 * The CA's CRL file as it is on disk. It is re-read whenever the file
 * changed (by inode, size and mtime), whoever changed it: this process
 * after a revocation (`refresh()` at once), or `troupe ca revoke` in
 * another process, which a directory watch notices as soon as the new file
 * is renamed into place. Listeners hear of every new CRL.
 */
export class CrlSource {
  private snapshot: CrlSnapshot | undefined;
  private stamp = '';
  private readonly listeners = new Set<CrlListener>();
  private watcher: FSWatcher | undefined;

  constructor(private readonly path: string) {}

  /** The current CRL, re-read first if the file changed. */
  current(): CrlSnapshot {
    this.refresh();
    return this.snapshot!;
  }

  /** Re-reads the file if it changed; tells the listeners. */
  refresh(): void {
    const s = statSync(this.path);
    const stamp = `${s.ino}:${s.size}:${s.mtimeMs}`;
    if (stamp === this.stamp && this.snapshot) return;
    this.stamp = stamp;
    this.snapshot = { pem: readFileSync(this.path, 'utf8'), version: (this.snapshot?.version ?? 0) + 1 };
    for (const listener of this.listeners) listener(this.snapshot);
  }

  /** Calls `listener` with each new CRL; the returned function stops that. */
  subscribe(listener: CrlListener): () => void {
    this.listeners.add(listener);
    this.watcher ??= this.watchDirectory();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.close();
    };
  }

  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }

  /** The directory, not the file: an atomic write replaces the file, which a file watch would lose. */
  private watchDirectory(): FSWatcher {
    const name = basename(this.path);
    const watcher = watch(dirname(this.path), { persistent: false }, (_event, file) => {
      if (file === null || file === name) this.refreshQuietly();
    });
    watcher.on('error', () => this.close());
    return watcher;
  }

  private refreshQuietly(): void {
    try {
      this.refresh();
    } catch {
      // Between unlink and rename, or a torn write by a foreign tool: the next event reads it.
    }
  }
}
