import { randomUUID } from 'node:crypto';
import { ConfigError, OverloadedError } from '../../core/errors/troupe-error.js';
import {
  RUNS_STREAM,
  type RecordedEvent, type ReportSubmitted, type RunFinishedData, type RunNodeFinishedData, type RunOutcome, type RunRequestedData, type TroupeEvent,
} from '../../core/events/event.types.js';
import type { EventLog, Subscription } from '../../core/log/event-log.js';
import { STDERR_LOG, type OperatorLog } from '../../core/logging/operator-log.js';

/** What an operator asks for: these nodes, `batch` at once, each given `timeoutMs` to report. */
export type RunRequest = Omit<RunRequestedData, 'runId'>;

export interface RunDispatcherOptions {
  /** Runs open at once; one more is refused (503, `overloaded`). @defaultValue 16 */
  readonly maxOpenRuns?: number;
  /** Finished runs `GET /troupe/v1/runs` keeps showing. @defaultValue 20 */
  readonly keepFinished?: number;
}

export const DEFAULT_RUN_DISPATCHER_OPTIONS = { maxOpenRuns: 16, keepFinished: 20 } as const;

export interface RunDispatcherDeps {
  readonly log: Pick<EventLog, 'append' | 'subscribe' | 'head'>;
  /**
   * Asks one node's agent to apply its current catalog now, the report to
   * carry `job_id` = `runId` (STOMP: a message on the node's destination
   * that expires after `ttlMs`). A rejection counts the node `failed`.
   */
  ask(certname: string, runId: string, ttlMs: number): Promise<void>;
  /** @defaultValue stderr */
  readonly logger?: OperatorLog;
}

/** One node's result in a run. */
export interface RunNodeResult {
  readonly certname: string;
  readonly outcome: RunOutcome;
}

/** A run as `GET /troupe/v1/runs/:id` shows it. */
export interface RunStatus {
  readonly runId: string;
  readonly requestedAt: string;
  readonly requestedBy: string | null;
  readonly nodes: number;
  readonly batch: number;
  readonly timeoutMs: number;
  /** Asked and not yet answered. */
  readonly outstanding: readonly string[];
  /** Not yet asked. */
  readonly waiting: number;
  readonly changed: number;
  readonly unchanged: number;
  readonly failed: number;
  readonly timedOut: number;
  readonly results: readonly RunNodeResult[];
  readonly finished: boolean;
}

interface OpenRun {
  readonly data: RunRequestedData;
  readonly requestedAt: string;
  readonly started: number;
  readonly queue: string[];
  readonly outstanding: Map<string, { readonly asked: number; readonly timer: NodeJS.Timeout }>;
  readonly results: RunNodeResult[];
  readonly counts: Record<RunOutcome, number>;
  /** Its `run_finished` is being appended. */
  ending: boolean;
  /** Its `run_finished` is in the log. */
  finished: boolean;
}

/**
 * MCollective's `runall N` over Troupe's push channel: for each run, asks
 * at most `batch` of its nodes at once to apply their current catalog,
 * and asks the next when one's report comes back (a `report_submitted`
 * whose `job_id` is the run's id) or its time is up. Records
 * `run_requested`, one `run_node_finished` per node and `run_finished`
 * (stream `$runs`), so `troupe events --node '$runs'` shows every run.
 *
 * A run lives in this process: one open when Troupe stops is not resumed
 * (the log shows it without `run_finished`); ask again.
 */
export class RunDispatcher {
  private readonly options: Required<RunDispatcherOptions>;
  private readonly runs = new Map<string, OpenRun>();
  private readonly finishedOrder: string[] = [];
  private subscription: Subscription | undefined;
  private closed = false;

  constructor(private readonly deps: RunDispatcherDeps, options: RunDispatcherOptions = {}) {
    this.options = { ...DEFAULT_RUN_DISPATCHER_OPTIONS, ...options };
    for (const f of ['maxOpenRuns', 'keepFinished'] as const) {
      if (!Number.isInteger(this.options[f]) || this.options[f] < 1) throw new ConfigError(`runs.${f}`, 'must be an integer ≥ 1');
    }
  }

  private get logger(): OperatorLog {
    return this.deps.logger ?? STDERR_LOG;
  }

  /** Watches the log for reports from now on (a run's reports always follow its request). */
  async start(): Promise<void> {
    this.subscription = this.deps.log.subscribe({
      from: await this.deps.log.head(),
      handler: (batch) => { for (const e of batch) this.seen(e as RecordedEvent<TroupeEvent>); },
      onError: (err) => this.logger.error({ err }, 'run dispatcher stopped reading the log'),
    });
  }

  get open(): number {
    return [...this.runs.values()].filter((r) => !r.ending).length;
  }

  /** Records the run and starts asking; refused (overloaded) when `maxOpenRuns` are open. */
  async request(req: RunRequest): Promise<RunStatus> {
    if (this.closed || this.open >= this.options.maxOpenRuns) throw new OverloadedError(5, `${this.options.maxOpenRuns} open runs`);
    const runId = randomUUID();
    const data: RunRequestedData = { runId, ...req };
    const time = new Date().toISOString();
    await this.deps.log.append([{ event: { type: 'run_requested', id: runId, stream: RUNS_STREAM, time, meta: { source: 'actor' }, data } }]);
    const run: OpenRun = {
      data, requestedAt: time, started: performance.now(), queue: [...req.certnames], outstanding: new Map(), results: [],
      counts: { changed: 0, unchanged: 0, failed: 0, timed_out: 0 }, ending: false, finished: false,
    };
    this.runs.set(runId, run);
    await this.pump(run);
    return this.statusOf(run);
  }

  status(runId: string): RunStatus | undefined {
    const run = this.runs.get(runId);
    return run && this.statusOf(run);
  }

  /** Open runs, then the recently finished, newest first. */
  list(): RunStatus[] {
    return [...this.runs.values()].reverse().map((r) => this.statusOf(r));
  }

  private statusOf(run: OpenRun): RunStatus {
    const { runId, requestedBy, certnames, batch, timeoutMs } = run.data;
    return {
      runId, requestedAt: run.requestedAt, requestedBy, nodes: certnames.length, batch, timeoutMs,
      outstanding: [...run.outstanding.keys()], waiting: run.queue.length,
      changed: run.counts.changed, unchanged: run.counts.unchanged, failed: run.counts.failed, timedOut: run.counts.timed_out,
      results: [...run.results], finished: run.finished,
    };
  }

  /** Asks nodes until `batch` are outstanding or none is left; finishes the run when all answered. */
  private async pump(run: OpenRun): Promise<void> {
    while (!this.closed && run.outstanding.size < run.data.batch && run.queue.length > 0) {
      const certname = run.queue.shift()!;
      const timer = setTimeout(() => void this.answered(run, certname, 'timed_out', null), run.data.timeoutMs);
      run.outstanding.set(certname, { asked: performance.now(), timer });
      try {
        await this.deps.ask(certname, run.data.runId, run.data.timeoutMs);
      } catch (err) {
        this.logger.error({ err, runId: run.data.runId, certname }, `run ${run.data.runId}: could not ask ${certname}`);
        await this.answered(run, certname, 'failed', null);
      }
    }
    if (run.queue.length === 0 && run.outstanding.size === 0 && !run.ending) await this.finish(run);
  }

  private seen(e: RecordedEvent<TroupeEvent>): void {
    if (e.type !== 'report_submitted') return;
    const jobId = (e as ReportSubmitted).data.body['job_id'];
    const run = typeof jobId === 'string' ? this.runs.get(jobId) : undefined;
    if (!run?.outstanding.has(e.stream)) return; // not ours, late (timed out) or a second report
    const status = e.data.status;
    void this.answered(run, e.stream, status === 'changed' || status === 'unchanged' ? status : 'failed', e.id);
  }

  /** One node's outcome, once: recorded, counted, and the next node asked. */
  private async answered(run: OpenRun, certname: string, outcome: RunOutcome, reportEventId: string | null): Promise<void> {
    const asked = run.outstanding.get(certname);
    if (!asked) return;
    clearTimeout(asked.timer);
    run.outstanding.delete(certname);
    run.counts[outcome]++;
    run.results.push({ certname, outcome });
    const data: RunNodeFinishedData = { runId: run.data.runId, certname, outcome, reportEventId, durationMs: performance.now() - asked.asked };
    await this.record({ type: 'run_node_finished', data });
    await this.pump(run);
  }

  private async finish(run: OpenRun): Promise<void> {
    run.ending = true;
    const c = run.counts;
    const data: RunFinishedData = {
      runId: run.data.runId, nodes: run.data.certnames.length, changed: c.changed, unchanged: c.unchanged, failed: c.failed, timedOut: c.timed_out,
      durationMs: performance.now() - run.started,
    };
    await this.record({ type: 'run_finished', data });
    run.finished = true;
    this.finishedOrder.push(run.data.runId);
    for (const old of this.finishedOrder.splice(0, Math.max(0, this.finishedOrder.length - this.options.keepFinished))) this.runs.delete(old);
  }

  private async record(e: { type: 'run_node_finished'; data: RunNodeFinishedData } | { type: 'run_finished'; data: RunFinishedData }): Promise<void> {
    const event = { ...e, id: randomUUID(), stream: RUNS_STREAM, time: new Date().toISOString(), meta: { source: 'actor' as const, causationId: e.data.runId } } as TroupeEvent;
    await this.deps.log.append([{ event }]).catch((err: unknown) => this.logger.error({ err, runId: e.data.runId }, `could not record ${e.type} of run ${e.data.runId}`));
  }

  /** Idempotent: stops asking and watching; open runs stay unfinished in the log. */
  async close(): Promise<void> {
    this.closed = true;
    for (const run of this.runs.values()) for (const { timer } of run.outstanding.values()) clearTimeout(timer);
    await this.subscription?.close();
  }
}
