import { randomUUID } from 'node:crypto';
import { ConfigError, OverloadedError } from '../../core/errors/troupe-error.js';
import {
  RUNS_STREAM,
  type RecordedEvent, type ReportSubmitted, type RunFinishedData, type RunNodeFinished, type RunNodeFinishedData, type RunOutcome, type RunRequested,
  type RunRequestedData, type TroupeEvent,
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
  /**
   * How far back a start looks for runs to resume: the newest this many
   * `run_requested` and `run_finished` events of `$runs`. At most
   * `maxOpenRuns` are open at once, so this finds every run a stop
   * interrupted unless hundreds of runs came and went after it.
   * @defaultValue 1000
   */
  readonly resumeWindow?: number;
}

export const DEFAULT_RUN_DISPATCHER_OPTIONS = { maxOpenRuns: 16, keepFinished: 20, resumeWindow: 1000 } as const;

export interface RunDispatcherDeps {
  readonly log: Pick<EventLog, 'append' | 'subscribe' | 'head' | 'readStream' | 'readStreamBackward'>;
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
 * A run open when Troupe stopped (the log shows its `run_requested`
 * without `run_finished`) is resumed on start: nodes with a recorded
 * outcome keep it, every other node is asked (again), `batch` at a time.
 * A node asked just before the stop may so apply its catalog twice, which
 * changes nothing the first apply did not; its first report answers it.
 */
export class RunDispatcher {
  private readonly options: Required<RunDispatcherOptions>;
  private readonly runs = new Map<string, OpenRun>();
  private readonly finishedOrder: string[] = [];
  private subscription: Subscription | undefined;
  private closed = false;

  constructor(private readonly deps: RunDispatcherDeps, options: RunDispatcherOptions = {}) {
    this.options = { ...DEFAULT_RUN_DISPATCHER_OPTIONS, ...options };
    for (const f of ['maxOpenRuns', 'keepFinished', 'resumeWindow'] as const) {
      if (!Number.isInteger(this.options[f]) || this.options[f] < 1) throw new ConfigError(`runs.${f}`, 'must be an integer ≥ 1');
    }
  }

  private get logger(): OperatorLog {
    return this.deps.logger ?? STDERR_LOG;
  }

  /**
   * Watches the log for reports from now on (a run's reports always follow
   * its request), then resumes the runs a stop left open.
   */
  async start(): Promise<void> {
    const head = await this.deps.log.head();
    const interrupted = await this.interruptedRuns(head);
    this.subscription = this.deps.log.subscribe({
      from: head,
      handler: (batch) => { for (const e of batch) this.seen(e as RecordedEvent<TroupeEvent>); },
      onError: (err) => this.logger.error({ err }, 'run dispatcher stopped reading the log'),
    });
    for (const run of interrupted) {
      this.runs.set(run.data.runId, run);
      this.logger.warn({ runId: run.data.runId }, `run ${run.data.runId} resumed after a restart: ${run.results.length} node(s) answered before, ${run.queue.length} to ask`);
      void this.pump(run);
    }
  }

  /** Runs the log shows requested and not finished, oldest first, each with the outcomes recorded for it. */
  private async interruptedRuns(head: number): Promise<OpenRun[]> {
    const ends = await this.deps.log.readStreamBackward(RUNS_STREAM, { types: ['run_requested', 'run_finished'], limit: this.options.resumeWindow, untilPosition: head });
    const finished = new Set(ends.filter((e) => e.type === 'run_finished').map((e) => (e as RecordedEvent<TroupeEvent & { type: 'run_finished' }>).data.runId));
    const open = ends.filter((e): e is RecordedEvent<RunRequested> => e.type === 'run_requested' && !finished.has(e.data.runId)).reverse();
    if (open.length === 0) return [];
    const outcomes = await this.outcomesSince(open[0]!.version, head);
    return open.map((e) => {
      const run = this.openRun(e.data, e.time, performance.now() - Math.max(0, Date.now() - Date.parse(e.time)));
      for (const o of outcomes.filter((x) => x.runId === e.data.runId)) {
        if (run.results.some((r) => r.certname === o.certname)) continue;
        run.counts[o.outcome]++;
        run.results.push({ certname: o.certname, outcome: o.outcome });
      }
      const answered = new Set(run.results.map((r) => r.certname));
      run.queue.splice(0, run.queue.length, ...run.queue.filter((c) => !answered.has(c)));
      return run;
    });
  }

  /** Every `run_node_finished` of `$runs` after stream version `version`, up to the log position `head`, read a page at a time. */
  private async outcomesSince(version: number, head: number): Promise<RunNodeFinishedData[]> {
    const out: RunNodeFinishedData[] = [];
    for (let from = version; ;) {
      const page = await this.deps.log.readStream(RUNS_STREAM, from, { limit: 1000, untilPosition: head });
      for (const e of page) if (e.type === 'run_node_finished') out.push((e as RecordedEvent<RunNodeFinished>).data);
      if (page.length < 1000) return out;
      from = page[page.length - 1]!.version;
    }
  }

  private openRun(data: RunRequestedData, requestedAt: string, started: number): OpenRun {
    return {
      data, requestedAt, started, queue: [...data.certnames], outstanding: new Map(), results: [],
      counts: { changed: 0, unchanged: 0, failed: 0, timed_out: 0 }, ending: false, finished: false,
    };
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
    const run = this.openRun(data, time, performance.now());
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
