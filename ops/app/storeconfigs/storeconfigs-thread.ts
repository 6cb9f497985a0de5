import type { Worker } from 'node:worker_threads';
import type { Degradation } from '../../../core/errors/resource-fault.js';
import { startModuleWorker } from '../../../core/threads/module-worker.js';
import { logHealthChange } from '../health-log.js';
import type { FromProjectionThread, ProjectionThreadData, ToProjectionThread } from './storeconfigs-thread.messages.js';
import { log } from '../../log/logger.js';

/**
 * Main-thread handle of the storeconfigs projection thread: its position
 * (for queue depth), whether it is degraded by a resource fault (for
 * `/status`), nudges after appends, and a clean stop that commits the
 * in-flight batch and its checkpoint.
 */
export class StoreconfigsThread {
  private current = 0;
  private health: Degradation | undefined;
  private readonly worker: Worker;
  private stopping: Promise<void> | undefined;
  private nudgePending = false;
  private paced = false;

  private constructor(data: ProjectionThreadData, ready: (position: number) => void, fail: (e: Error) => void) {
    this.worker = startModuleWorker(import.meta.url, 'storeconfigs.worker', data);
    this.worker.on('message', (m: FromProjectionThread) => {
      if (m.type === 'ready') ready(m.position);
      if (m.type === 'ready' || m.type === 'progress' || m.type === 'stopped') this.current = m.position;
      if (m.type === 'failed') log.error({ error: m.message }, 'storeconfigs projection stopped');
      if (m.type === 'health') this.healthChanged(m.degradation ?? undefined);
    });
    this.worker.once('error', fail);
  }

  static start(data: ProjectionThreadData): Promise<StoreconfigsThread> {
    return new Promise((resolve, reject) => {
      const t: StoreconfigsThread = new StoreconfigsThread(data, () => resolve(t), reject);
    });
  }

  /** The projection's checkpoint as last reported. */
  get position(): number {
    return this.current;
  }

  /** Set while the projection cannot write (full disk…); it retries by itself. */
  get degradation(): Degradation | undefined {
    return this.health;
  }

  private healthChanged(now: Degradation | undefined): void {
    logHealthChange(now, this.health);
    this.health = now;
  }

  /** Tells the thread new events are committed; coalesced to one message per tick. */
  appended(): void {
    if (this.nudgePending) return;
    this.nudgePending = true;
    setImmediate(() => {
      this.nudgePending = false;
      this.post({ type: 'appended' });
    });
  }

  /**
   * On a shared store (PostgreSQL): project it from now on (true: this
   * instance leads the fleet) or leave it to the instance that does and
   * follow its checkpoint (false, the start). A store of its own
   * (SQLite) is always projected here.
   */
  project(on: boolean): void {
    if (!this.stopping) this.post({ type: 'project', on });
  }

  /**
   * Rest after each batch (true: a deployment runs, and the projection is
   * not too far behind), or project at full speed; a message only on a change.
   */
  pace(on: boolean): void {
    if (on === this.paced || this.stopping) return;
    this.paced = on;
    this.post({ type: 'pace', on });
  }

  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve) => {
      this.worker.once('exit', () => resolve());
      this.post({ type: 'stop' });
    });
    return this.stopping;
  }

  private post(m: ToProjectionThread): void {
    this.worker.postMessage(m);
  }
}
