import { ConfigError } from '../../core/errors/troupe-error.js';
import { CRITICAL_PRIORITY } from '../../core/priority/priority-classes.js';
import type { AdmissionGate } from './admission-gate.js';

export interface AdmissionOptions {
  /**
   * Pending compile requests at which the gate shuts.
   * @defaultValue 256
   */
  readonly highWater?: number;
  /**
   * Pending compile requests at which a shut gate opens again (hysteresis,
   * so the gate does not flap around one value).
   * @defaultValue 75 % of highWater
   */
  readonly lowWater?: number;
  /**
   * Upper bound of the jittered `Retry-After` given to refused clients, in
   * seconds; each refusal gets a uniform value in 1..maxRetryAfter so
   * retries spread out instead of coming back as one herd.
   * @defaultValue 10
   */
  readonly maxRetryAfterSeconds?: number;
  /**
   * Room above the high-water mark kept for critical nodes' check-ins
   * (priority ≥ 9, config `priorityClasses`): while the gate is shut for
   * everyone else, they are admitted until pending work reaches
   * highWater + this. 0 gives them no room of their own.
   * @defaultValue highWater / 8, at least 1
   */
  readonly criticalReserve?: number;
}

export const DEFAULT_ADMISSION_OPTIONS = { highWater: 256, maxRetryAfterSeconds: 10 } as const;

/**
 * Global admission control over pending compile work: requests reserved by
 * the front door but not yet in the log, plus requests in the log not yet
 * answered. Refusing above the high-water mark is cheap (a 503 before the
 * body is parsed), which is what keeps goodput flat under overload.
 */
export class AdmissionController implements AdmissionGate {
  readonly highWater: number;
  readonly lowWater: number;
  readonly maxRetryAfterSeconds: number;
  readonly criticalReserve: number;
  private readonly reserved = new Set<string>();
  private readonly unanswered = new Set<string>();
  private shut = false;
  private openWaiters: Array<() => void> = [];
  private refusedCount = 0;

  constructor(options: AdmissionOptions = {}) {
    this.highWater = options.highWater ?? DEFAULT_ADMISSION_OPTIONS.highWater;
    this.lowWater = options.lowWater ?? Math.floor(this.highWater * 0.75);
    this.maxRetryAfterSeconds = options.maxRetryAfterSeconds ?? DEFAULT_ADMISSION_OPTIONS.maxRetryAfterSeconds;
    this.criticalReserve = options.criticalReserve ?? Math.max(1, Math.floor(this.highWater / 8));
    if (!(Number.isInteger(this.criticalReserve) && this.criticalReserve >= 0)) throw new ConfigError('admission.criticalReserve', 'must be an integer ≥ 0');
    if (!(this.highWater >= 1)) throw new ConfigError('admission.highWater', 'must be ≥ 1');
    if (!(this.lowWater >= 0 && this.lowWater < this.highWater)) throw new ConfigError('admission.lowWater', 'must be ≥ 0 and below highWater');
    if (!(this.maxRetryAfterSeconds >= 1)) throw new ConfigError('admission.maxRetryAfterSeconds', 'must be ≥ 1');
  }

  get open(): boolean {
    return !this.shut;
  }

  get pending(): number {
    return this.reserved.size + this.unanswered.size;
  }

  get refused(): number {
    return this.refusedCount;
  }

  /** Counts a request turned away without asking for a slot (fast path). */
  refuse(): void {
    this.refusedCount++;
  }

  /** Whether a critical check-in would be admitted now (the fast refusal path asks before routing). */
  get criticalRoom(): boolean {
    return this.pending < this.highWater + this.criticalReserve;
  }

  /**
   * Takes a slot for a request about to be appended; false when full. A
   * critical request (priority ≥ {@link CRITICAL_PRIORITY}) may still use
   * the critical reserve while the gate is shut for the others.
   */
  reserve(requestId: string, priority = 0): boolean {
    if (this.shut && !(priority >= CRITICAL_PRIORITY && this.criticalRoom)) {
      this.refusedCount++;
      return false;
    }
    this.reserved.add(requestId);
    this.update();
    return true;
  }

  /**
   * Takes slots for a batch of requests, all or none: refused while the
   * gate is shut or when the batch would carry pending work past the
   * high-water mark, so no batch bypasses admission.
   */
  reserveAll(requestIds: readonly string[]): boolean {
    if (this.shut || this.pending + requestIds.length > this.highWater) {
      this.refusedCount++;
      return false;
    }
    for (const id of requestIds) this.reserved.add(id);
    this.update();
    return true;
  }

  /** Gives a reservation back (the append did not happen). */
  release(requestId: string): void {
    this.reserved.delete(requestId);
    this.update();
  }

  /** The request is in the log and on its way to an actor. */
  seen(requestId: string): void {
    this.reserved.delete(requestId);
    this.unanswered.add(requestId);
    this.update();
  }

  /** A compile outcome answered these requests. */
  answered(requestIds: readonly string[]): void {
    for (const id of requestIds) {
      this.reserved.delete(id);
      this.unanswered.delete(id);
    }
    this.update();
  }

  whenOpen(): Promise<void> {
    return this.shut ? new Promise((resolve) => this.openWaiters.push(resolve)) : Promise.resolve();
  }

  retryAfterSeconds(): number {
    return 1 + Math.floor(Math.random() * this.maxRetryAfterSeconds);
  }

  private update(): void {
    const pending = this.pending;
    if (!this.shut && pending >= this.highWater) this.shut = true;
    else if (this.shut && pending <= this.lowWater) {
      this.shut = false;
      const waiters = this.openWaiters;
      this.openWaiters = [];
      for (const w of waiters) w();
    }
  }
}
