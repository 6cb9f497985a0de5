import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { TroupeError } from '../../../core/errors/troupe-error.js';

/**
 * One CA change at a time: across this process (a queue) and across
 * processes (a lock file holding the owner's pid), so `troupe ca sign`
 * and a running `troupe serve` never hand out the same serial or lose a
 * CRL entry. A lock left by a process that died is taken over.
 */
export class CaLock {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly path: string, private readonly timeoutMs = 5000) {}

  run<T>(change: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => this.holdingFile(change));
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async holdingFile<T>(change: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await change();
    } finally {
      rmSync(this.path, { force: true });
    }
  }

  private async acquire(): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    while (!this.tryCreate()) {
      if (this.ownerGone()) {
        rmSync(this.path, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new TroupeError('ca_busy', `another process is changing the CA (lock ${this.path}); try again`);
      await sleep(20);
    }
  }

  private tryCreate(): boolean {
    let fd: number;
    try {
      fd = openSync(this.path, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  }

  /** The owner's pid is no running process (an empty file is one being written: not gone). */
  private ownerGone(): boolean {
    let pid: number;
    try {
      pid = Number(readFileSync(this.path, 'utf8'));
    } catch {
      return false;
    }
    if (!Number.isInteger(pid) || pid <= 0) return false;
    try {
      process.kill(pid, 0);
      return false;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }
}
