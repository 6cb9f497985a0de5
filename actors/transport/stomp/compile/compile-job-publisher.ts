import { ConfigError } from '../../../../core/errors/troupe-error.js';
import type { CatalogCompiled, CompileFailed, RecordedEvent } from '../../../../core/events/event.types.js';
import type { EventLog } from '../../../../core/log/event-log.js';
import { compileJobId, type CompileJob } from '../../../../core/wire/compile-job.codec.js';
import { appendOutcome, failedOutcome, type CompileSubject } from '../../../compile/compile-step.js';
import type { CompileInput, CompileOutput } from '../../../node/node.machine.js';
import type { CompileWork } from '../../../node/node.messages.js';
import type { StompConnection } from '../stomp-connection.js';
import { COMPILE_QUEUE, compileJobMessage } from './compile-job.message.js';
import { KeyedWaits } from '../../../../core/async/keyed-waits.js';

export interface CompileJobPublisherOptions {
  /** Where jobs go. @defaultValue {@link COMPILE_QUEUE} */
  readonly destination?: string;
  /** A job's time to live in the broker: nobody waits for its catalog any more after it (the app passes `catalogTimeoutMs`). */
  readonly ttlMs: number;
  /**
   * How long a published job's outcome is waited for before the publisher
   * records `compile_failed` (`compile_timeout`) itself, under the job's id
   * (so it and a late consumer's outcome are one event, whichever is first).
   * @defaultValue twice `ttlMs`: a job taken just before it expired still has a compile's time
   */
  readonly giveUpMs?: number;
  /**
   * Jobs published and not yet answered at once; a compile beyond it runs
   * locally instead. @defaultValue 10_000
   */
  readonly maxOutstanding?: number;
  /** The compiler's name, for the outcome it records when giving up. */
  readonly compilerName: string;
  /** Clock for `expires`. @defaultValue Date.now */
  readonly now?: () => number;
}

export interface CompileJobPublisherStatus {
  readonly published: number;
  /** Left to compile locally: broker not connected, too many outstanding, or the publish failed. */
  readonly local: number;
  /** Given up on (no outcome within `giveUpMs`): recorded as `compile_timeout`. */
  readonly timedOut: number;
  readonly outstanding: number;
}

type Answer = RecordedEvent<CatalogCompiled> | RecordedEvent<CompileFailed> | 'timeout' | 'closed';

/** What the publisher needs of a compile step's input: the node (its facts only to tell whether it has any) and the work. */
export interface OfferedCompile {
  readonly state: CompileSubject;
  readonly work: CompileWork;
}

/** An offer's answer: the compile's output, or undefined when it is to be compiled here. */
export type Offer = (input: OfferedCompile) => Promise<CompileOutput | undefined>;

/**
 * The node actor's compile step with a compile queue: offered to the
 * queue first, compiled by `local` when the offer is declined. The one
 * way both kinds of instance compose it (in a cluster, `offer` asks the
 * primary over IPC).
 */
export function offeredOrLocal(offer: Offer, local: (input: CompileInput) => Promise<CompileOutput>): (input: CompileInput) => Promise<CompileOutput> {
  return async (input) => (await offer(input)) ?? local(input);
}

/**
 * The node actor's compile step when compile work goes over the broker
 * ({@link offeredOrLocal}): instead of compiling, it publishes the work as
 * a {@link CompileJob} to the shared queue and resolves when the job's
 * outcome event (its id is the job's) comes by in this instance's log
 * subscription ({@link settle}). Whoever takes the job compiles it. While
 * the broker is not connected, or `maxOutstanding` jobs wait, it declines
 * (the step compiles locally), so a broker outage slows nothing down that
 * worked without one.
 */
export class CompileJobPublisher {
  private readonly options: Required<CompileJobPublisherOptions>;
  private readonly waiting = new KeyedWaits<Answer>();
  /** The answers of the jobs published and waited for, by job id: a step offering one of them again waits for the same. */
  private readonly published = new Map<string, Promise<Answer>>();
  private readonly counts = { published: 0, local: 0, timedOut: 0 };
  private closed = false;

  constructor(
    private readonly connection: Pick<StompConnection, 'connected' | 'publish'>,
    private readonly log: Pick<EventLog, 'append'>,
    options: CompileJobPublisherOptions,
  ) {
    this.options = { destination: COMPILE_QUEUE, giveUpMs: options.ttlMs * 2, maxOutstanding: 10_000, now: Date.now, ...options };
    for (const f of ['ttlMs', 'giveUpMs', 'maxOutstanding'] as const) {
      if (!Number.isInteger(this.options[f]) || this.options[f] < 1) throw new ConfigError(f, 'must be a positive integer');
    }
  }

  /** Publishes the compile as a job and resolves with its outcome, or declines at once (undefined: compile it here). */
  readonly offer: Offer = async (input) => {
    // No facts: the local step records `no_facts` at once, nothing to compile anywhere.
    if (this.closed || input.state.facts === null || !this.connection.connected || this.waiting.size >= this.options.maxOutstanding) {
      return this.decline();
    }
    const job = jobOf(input);
    // The same job again: its node's actor restarted (in a cluster, on a new worker after its first died) and resumed the same requests.
    const again = this.published.get(job.id);
    if (again) return this.joined(await again);
    const answer = this.waiting.wait(job.id, this.options.giveUpMs, 'timeout');
    this.published.set(job.id, answer);
    void answer.finally(() => this.published.delete(job.id));
    try {
      await this.connection.publish(compileJobMessage(job, { destination: this.options.destination, ttlMs: this.options.ttlMs, now: this.options.now() }));
    } catch {
      this.waiting.settle(job.id, 'closed');
      return this.decline();
    }
    this.counts.published++;
    return this.outcome(job, input, await answer);
  };

  /** An outcome from the log subscription: the job it answers (same id), if one waits here, is done. */
  settle(event: RecordedEvent<CatalogCompiled> | RecordedEvent<CompileFailed>): void {
    this.waiting.settle(event.id, event);
  }

  status(): CompileJobPublisherStatus {
    return { ...this.counts, outstanding: this.waiting.size };
  }

  /** Stops publishing; steps still waiting resolve unanswered (their requests stay open in the log for whoever resumes them). */
  close(): void {
    this.closed = true;
    this.waiting.settleAll('closed');
  }

  private decline(): undefined {
    this.counts.local++;
    return undefined;
  }

  /** A second step waiting for a published job: it shares the outcome; the first step records a timeout, and a publish that failed leaves it to compile here. */
  private joined(answer: Answer): CompileOutput | undefined {
    if (answer === 'closed') return this.closed ? { hash: null } : this.decline();
    return { hash: answer === 'timeout' ? null : hashOf(answer) };
  }

  private async outcome(job: CompileJob, input: OfferedCompile, answer: Answer): Promise<CompileOutput> {
    if (answer === 'closed') return { hash: null };
    if (answer !== 'timeout') return { hash: hashOf(answer) };
    this.counts.timedOut++;
    await appendOutcome(this.log, failedOutcome({
      id: job.id, certname: job.certname, work: input.work, compiler: this.options.compilerName, durationMs: this.options.giveUpMs,
      error: { code: 'compile_timeout', message: `no instance answered the compile job within ${this.options.giveUpMs} ms (is any consuming ${this.options.destination}?)` },
    }));
    return { hash: null };
  }
}

/** The catalog hash an outcome gives its node (null: the compile failed). */
const hashOf = (outcome: RecordedEvent<CatalogCompiled> | RecordedEvent<CompileFailed>): string | null =>
  outcome.type === 'catalog_compiled' ? outcome.data.hash : null;

/** The job a compile step's input makes. */
export function jobOf({ state, work }: OfferedCompile): CompileJob {
  return {
    id: compileJobId(state.certname, work.requestIds),
    certname: state.certname, environment: work.environment, requestIds: work.requestIds,
    priority: work.priority, position: work.position, previousHash: state.lastHash,
    ...(work.trusted ? { trusted: work.trusted } : {}),
  };
}
