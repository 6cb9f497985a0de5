import { randomUUID } from 'node:crypto';
import { CODE_STREAM, ROLLOUTS_STREAM, type RecordedEvent, type RolloutEvent, type TroupeEvent } from '../../core/events/event.types.js';
import { ConfigError } from '../../core/errors/troupe-error.js';
import type { EventLog, Subscription } from '../../core/log/event-log.js';
import { STDERR_LOG, type OperatorLog } from '../../core/logging/operator-log.js';
import type { PqlAst } from '../../core/pql/pql-ast.js';
import { err, ok, type Result } from '../../core/result.js';
import type { RolloutPlan } from '../../core/rollout/rollout-plan.js';
import {
  commandRefusal, evolveRollouts, initialRolloutState, nextRolloutStep, promotion,
  type OpenRollout, type RolloutCommand, type RolloutMove, type RolloutPhase, type RolloutState,
} from '../../core/rollout/rollout-state.js';
import { waveMembers } from '../../core/rollout/wave-members.js';
import type { AdmissionController } from '../admission/admission-controller.js';
import { CoalescingRun } from '../compile/coalescing-run.js';
import type { CodeVersions } from './code-versions.js';
import { RolloutRecompiles } from './rollout-recompiles.js';
import { rolloutStatus, type RolloutStatus } from './rollout-status.js';

export interface RolloutFeederOptions {
  /** Rollout recompiles waiting for an outcome at once. @defaultValue 4 */
  readonly window?: number;
  /** Pending compile work (admission's count) at or above which no recompile is fed. @defaultValue half of admission's low-water mark (at least 1) */
  readonly pendingCeiling?: number;
  /** How often paces and stalled feeds are looked at. @defaultValue 1000 */
  readonly tickMs?: number;
  /** Nodes one rollout may hold (each wave's certnames are recorded in its event); a bigger environment is refused. @defaultValue 100000 */
  readonly maxNodes?: number;
}

export const DEFAULT_ROLLOUT_FEEDER_OPTIONS = { window: 4, tickMs: 1000, maxNodes: 100_000 } as const;

export interface RolloutFeederDeps {
  readonly log: Pick<EventLog, 'append' | 'subscribe' | 'head' | 'readStream'>;
  readonly admission: Pick<AdmissionController, 'pending' | 'lowWater' | 'reserve' | 'release'>;
  /** Active nodes of an environment that have facts (storeconfigs), at most `limit`. */
  readonly environmentNodes: (environment: string, limit: number) => Promise<readonly string[]>;
  /** The certnames a selector condition picks now (storeconfigs, through the query engine). */
  readonly select: (condition: PqlAst) => Promise<readonly string[]>;
  /** Where each version's copy of the code lives. */
  readonly versions: CodeVersions;
  /** The environment's own code directory, its code version as it is on disk now, and any directory's code version (its fingerprint). */
  readonly environmentCode: {
    dirOf(environment: string): string;
    codeIdOnDisk(environment: string): Promise<string>;
    codeIdOf(dir: string): string;
  };
  /** Drops the compiler's cached code of an environment (after a version's copy is removed). */
  readonly invalidate: (environment: string) => void;
  /** @defaultValue stderr */
  readonly logger?: OperatorLog;
}

/** A staged deployment as the deployments route asks for it. */
export interface RolloutRequest {
  readonly environment: string;
  /** The new code, on this host. */
  readonly codeDir: string;
  readonly plan: RolloutPlan;
  readonly requestedBy: string | null;
}

/** Why a rollout request or command was refused: HTTP's 404 or 409. */
export interface RolloutRefusal {
  readonly status: 404 | 409;
  readonly message: string;
}

/**
 * Runs staged rollouts (issue 16): keeps the rollouts' state folded from
 * the log (core/rollout, rebuilt on start; compiles read their node's
 * version through rollout-assignments.ts), and takes every step itself as an event on
 * `$rollouts` — the next wave once the pace has passed and the health gate
 * holds, a pause when the gate fails, completion after the last wave, the
 * end of an abort — recompiling the nodes a wave moves (or an abort moves
 * back) at deployment priority through admission, a window at a time.
 */
export class RolloutFeeder {
  private readonly options: Required<RolloutFeederOptions>;
  private readonly state: RolloutState = initialRolloutState();
  /** The recompiles of each open rollout's current step (a wave, an abort). */
  private readonly recompiles: RolloutRecompiles;
  /** A rollout's step being taken (its last event's id once known), until read back: no other step of it meanwhile. */
  private readonly awaiting = new Map<string, { id: string | null; readonly folded: () => void }>();
  /** Environments whose rollout is being started (copies being made). */
  private readonly starting = new Set<string>();
  private subscription: Subscription | undefined;
  private timer: NodeJS.Timeout | undefined;
  private recovering = true;
  private recoveryHead = 0;
  private caughtUp: () => void = () => undefined;
  private readonly stepping = new CoalescingRun(
    () => this.step(),
    (e) => this.logger.error({ err: e }, 'rollouts stalled; trying again'),
  );
  private closing: Promise<void> | undefined;

  constructor(private readonly deps: RolloutFeederDeps, options: RolloutFeederOptions = {}) {
    const pendingCeiling = options.pendingCeiling ?? Math.max(1, Math.floor(deps.admission.lowWater / 2));
    this.options = { ...DEFAULT_ROLLOUT_FEEDER_OPTIONS, pendingCeiling, ...options };
    for (const f of ['window', 'pendingCeiling', 'tickMs', 'maxNodes'] as const) {
      if (!Number.isInteger(this.options[f]) || this.options[f] < 1) throw new ConfigError(`rollout.${f}`, 'must be an integer ≥ 1');
    }
    this.recompiles = new RolloutRecompiles(deps, this.options);
  }

  private get logger(): OperatorLog {
    return this.deps.logger ?? STDERR_LOG;
  }

  /**
   * Rebuilds the state — `$rollouts` and `$code` up to the oldest open
   * rollout's start, then every event from there (reports feed the gate) —
   * and resolves once it has caught up with the log; then the open
   * rollouts go on where they were (their last step's recompiles asked again).
   */
  async start(): Promise<void> {
    this.recoveryHead = await this.deps.log.head();
    const steps = [...await this.readAll(ROLLOUTS_STREAM), ...await this.readAll(CODE_STREAM)].sort((a, b) => a.position - b.position);
    const from = this.oldestOpenStart(steps) ?? this.recoveryHead;
    for (const e of steps) if (e.position <= from) evolveRollouts(this.state, e);
    const caughtUp = new Promise<void>((resolve) => { this.caughtUp = resolve; });
    if (from >= this.recoveryHead) this.finishRecovery();
    this.subscription = this.deps.log.subscribe({
      from,
      handler: (batch) => this.route(batch),
      onError: (e) => this.logger.error({ err: e }, 'rollout feeder stopped'),
    });
    this.timer = setInterval(() => { if (this.state.open.size > 0) this.kick(); }, this.options.tickMs);
    this.timer.unref();
    await caughtUp;
  }

  private async readAll(stream: string): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    for (let version = 0; ;) {
      const page = await this.deps.log.readStream(stream, version, { limit: 1000, untilPosition: this.recoveryHead });
      out.push(...page);
      if (page.length < 1000) return out;
      version = page[page.length - 1]!.version;
    }
  }

  /** The position just before the oldest open rollout's start, from its steps alone. */
  private oldestOpenStart(steps: readonly RecordedEvent[]): number | undefined {
    const open = new Map<string, number>();
    for (const e of steps as readonly RecordedEvent<TroupeEvent>[]) {
      if (e.type === 'rollout_started') open.set(e.data.rolloutId, e.position);
      if (e.type === 'rollout_finished') open.delete(e.data.rolloutId);
    }
    return open.size === 0 ? undefined : Math.min(...open.values()) - 1;
  }

  private finishRecovery(): void {
    if (!this.recovering) return;
    this.recovering = false;
    for (const r of this.state.open.values()) {
      if (r.phase === 'aborting') this.recompiles.start(r.rolloutId, r.environment, r.previousCodeId, [...r.moved.keys()]);
      else this.recompiles.start(r.rolloutId, r.environment, r.codeId, movedIn(r, r.wave));
    }
    this.pruneVersions();
    this.caughtUp();
    this.kick();
  }

  private async route(batch: readonly RecordedEvent[]): Promise<void> {
    for (const event of batch) {
      const e = event as RecordedEvent<TroupeEvent>;
      const before = e.type === 'rollout_aborted' || e.type === 'rollout_wave_started' ? this.byId(e.data.rolloutId) : undefined;
      const waveBefore = before?.wave;
      evolveRollouts(this.state, e);
      if (e.type.startsWith('rollout_')) this.folded((e.data as { rolloutId: string }).rolloutId, e.id);
      if (!this.recovering) this.react(e, before, waveBefore);
      if (this.recovering && e.position >= this.recoveryHead) this.finishRecovery();
    }
    this.kick();
  }

  private folded(rolloutId: string, eventId: string): void {
    const step = this.awaiting.get(rolloutId);
    if (step?.id !== eventId) return;
    this.awaiting.delete(rolloutId);
    step.folded();
  }

  /** Live consequences of an event just folded: a wave's or an abort's recompiles, answers to them, versions no longer needed. */
  private react(e: RecordedEvent<TroupeEvent>, r: OpenRollout | undefined, waveBefore: number | undefined): void {
    switch (e.type) {
      case 'rollout_wave_started':
        if (r && r.wave === e.data.wave && waveBefore !== r.wave) this.recompiles.start(r.rolloutId, r.environment, r.codeId, e.data.certnames);
        return;
      case 'rollout_aborted':
        if (r && r.phase === 'aborting') this.recompiles.start(r.rolloutId, r.environment, r.previousCodeId, [...r.moved.keys()]);
        return;
      case 'rollout_finished':
        this.recompiles.drop(e.data.rolloutId);
        this.pruneVersions();
        return;
      case 'code_deployed':
        this.pruneVersions();
        return;
      case 'catalog_compiled':
      case 'compile_failed':
        this.recompiles.answered(e);
        return;
      default:
    }
  }

  private byId(rolloutId: string): OpenRollout | undefined {
    for (const r of this.state.open.values()) if (r.rolloutId === rolloutId) return r;
    return undefined;
  }

  private kick(): void {
    if (!this.closing && !this.recovering) this.stepping.request();
  }

  /** One round: each open rollout's next step by itself, then recompiles fed while there is room. */
  private async step(): Promise<void> {
    for (const r of [...this.state.open.values()]) {
      if (this.awaiting.has(r.rolloutId)) continue;
      const s = nextRolloutStep(r, Date.now(), this.recompiles.done(r.rolloutId));
      if (s === null) continue;
      if (s.kind !== 'pause') {
        await this.take(r.rolloutId, async () => [await this.stepEvent(r, s)]);
        continue;
      }
      await this.take(r.rolloutId, async () => [{ type: 'rollout_paused', data: { rolloutId: r.rolloutId, reason: 'gate', detail: s.detail } }]);
      this.logger.warn({ rolloutId: r.rolloutId }, `rollout of ${r.environment} paused: ${s.detail}`);
    }
    await this.recompiles.feed(() => this.closing !== undefined);
  }

  /** The event of a wave or a finish: a wave's nodes are worked out now and recorded in it. */
  private async stepEvent(r: OpenRollout, s: RolloutMove): Promise<StepEvent> {
    if (s.kind === 'finish') {
      return { type: 'rollout_finished', data: { rolloutId: r.rolloutId, environment: r.environment, outcome: s.outcome, codeId: s.codeId } };
    }
    const spec = r.plan.waves[s.wave]!;
    const nodes = await this.deps.environmentNodes(r.environment, this.options.maxNodes);
    const selected = spec.kind === 'selector' ? new Set(await this.deps.select(spec.condition)) : undefined;
    const certnames = waveMembers(spec, { nodes, moved: new Set(r.moved.keys()), total: r.nodes, ...(selected ? { selected } : {}) });
    return { type: 'rollout_wave_started', data: { rolloutId: r.rolloutId, wave: s.wave, certnames } };
  }

  /** Recompiles of every rollout waiting for an outcome. */
  get inFlight(): number {
    return this.recompiles.inFlight;
  }

  /**
   * Takes one step of a rollout: works out its event(s), appends them and
   * resolves once the feeder has read them back (so the state shows the
   * step); no other step of the rollout is taken meanwhile.
   */
  private async take(rolloutId: string, steps: () => Promise<readonly StepEvent[]>): Promise<void> {
    let folded!: () => void;
    const readBack = new Promise<void>((resolve) => { folded = resolve; });
    const step = { id: null as string | null, folded };
    this.awaiting.set(rolloutId, step);
    try {
      const time = new Date().toISOString();
      const events = (await steps()).map((s) => ({
        // A rollout's id is its `rollout_started` event's, as a deployment's is its `code_deployed`'s.
        event: { ...s, id: s.type === 'rollout_started' ? rolloutId : randomUUID(), stream: ROLLOUTS_STREAM, time, meta: { source: 'actor' as const, causationId: rolloutId } } as TroupeEvent,
      }));
      step.id = events[events.length - 1]!.event.id;
      await this.deps.log.append(events);
    } catch (e) {
      this.awaiting.delete(rolloutId);
      throw e;
    }
    // Once closing, nothing is read back any more (close settles those already waiting).
    if (!this.closing) await readBack;
  }

  /**
   * Starts a staged deployment: copies the environment's current code
   * (or the version it settled on) and the new code into code versions,
   * and records `rollout_started`; the first wave follows by itself.
   */
  async begin(request: RolloutRequest): Promise<Result<{ rolloutId: string; codeId: string; previousCodeId: string; nodes: number }, RolloutRefusal>> {
    const { environment } = request;
    if (this.recovering || this.closing) return err({ status: 409, message: 'rollouts are not running (starting or stopping)' });
    if (this.state.open.has(environment) || this.starting.has(environment)) {
      return err({ status: 409, message: `environment ${environment} has an open rollout; promote or abort it first` });
    }
    this.starting.add(environment);
    // Held until `rollout_started` is read back: its copies are not pruned meanwhile.
    try {
      const nodes = (await this.deps.environmentNodes(environment, this.options.maxNodes + 1)).length;
      if (nodes > this.options.maxNodes) return err({ status: 409, message: `environment ${environment} has more than ${this.options.maxNodes} nodes, the most one rollout holds` });
      const settled = this.state.settled.get(environment);
      const previousCodeId = settled !== undefined && this.deps.versions.has(environment, settled) ? settled : await this.deps.environmentCode.codeIdOnDisk(environment);
      if (previousCodeId === '') return err({ status: 404, message: `environment ${environment} has no code to roll out from` });
      if (previousCodeId !== settled) await this.deps.versions.snapshot(environment, previousCodeId, this.deps.environmentCode.dirOf(environment));
      const codeId = this.deps.environmentCode.codeIdOf(request.codeDir);
      if (codeId === previousCodeId) return err({ status: 409, message: `the code in ${request.codeDir} is the version ${environment} is on already (${codeId})` });
      await this.deps.versions.snapshot(environment, codeId, request.codeDir);
      const rolloutId = randomUUID();
      await this.take(rolloutId, async () => [{
        type: 'rollout_started',
        data: { rolloutId, environment, codeId, previousCodeId, plan: request.plan, nodes, requestedBy: request.requestedBy },
      }]);
      return ok({ rolloutId, codeId, previousCodeId, nodes });
    } finally {
      this.starting.delete(environment);
    }
  }

  /** An operator's `pause`, `resume`, `promote` or `abort` of the environment's open rollout, recorded. */
  async command(environment: string, command: RolloutCommand, by: string | null): Promise<Result<RolloutStatus, RolloutRefusal>> {
    if (this.recovering || this.closing) return err({ status: 409, message: 'rollouts are not running (starting or stopping)' });
    const r = this.state.open.get(environment);
    if (!r) return err({ status: 404, message: `environment ${environment} has no open rollout` });
    const refusal = commandRefusal(r, command);
    if (refusal !== null) return err({ status: 409, message: refusal });
    if (this.awaiting.has(r.rolloutId)) return err({ status: 409, message: `rollout ${r.rolloutId} is taking a step; try again` });
    const operator = { rolloutId: r.rolloutId, by };
    await this.take(r.rolloutId, async (): Promise<StepEvent[]> => {
      switch (command) {
        case 'pause': return [{ type: 'rollout_paused', data: { rolloutId: r.rolloutId, reason: 'operator', detail: `paused by ${by ?? 'the plain listener'}` } }];
        case 'resume': return [{ type: 'rollout_resumed', data: operator }];
        case 'abort': return [{ type: 'rollout_aborted', data: operator }];
        case 'promote': return [{ type: 'rollout_promoted', data: operator }, await this.stepEvent(r, promotion(r))];
      }
    });
    return ok(this.statusOf(r));
  }

  /** Whether an environment has an open rollout (a plain deployment of it is refused meanwhile). */
  isOpen(environment: string): boolean {
    return this.state.open.has(environment) || this.starting.has(environment);
  }

  status() {
    return {
      open: [...this.state.open.values()].map((r) => this.statusOf(r)),
      finished: [...this.state.finished],
      settled: Object.fromEntries(this.state.settled),
    };
  }

  /** For metrics: open rollouts by phase, and their recompiles in flight. */
  figures(): { phases: Record<RolloutPhase, number>; inFlight: number } {
    const phases = { running: 0, paused: 0, aborting: 0 };
    for (const r of this.state.open.values()) phases[r.phase]++;
    return { phases, inFlight: this.inFlight };
  }

  private statusOf(r: OpenRollout): RolloutStatus {
    return rolloutStatus(r, this.recompiles.status(r.rolloutId));
  }

  /** Keeps each environment's versions of open rollouts and the one it settled on; removes the rest. */
  private pruneVersions(): void {
    for (const environment of this.deps.versions.environments()) {
      if (this.starting.has(environment)) continue;
      const r = this.state.open.get(environment);
      const settled = this.state.settled.get(environment);
      const keep = new Set([...(r ? [r.codeId, r.previousCodeId] : []), ...(settled === undefined ? [] : [settled])]);
      try {
        if (this.deps.versions.retain(environment, keep).length > 0) this.deps.invalidate(environment);
      } catch (e) {
        this.logger.error({ err: e, environment }, `could not remove old code versions of ${environment}`);
      }
    }
  }

  /** Idempotent: stops taking steps; recompiles already appended still compile. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.timer);
      await this.subscription?.close();
      for (const step of this.awaiting.values()) step.folded();
      await this.stepping.stop();
      this.caughtUp();
    })();
    return this.closing;
  }
}

type StepEvent = Pick<RolloutEvent, 'type' | 'data'>;

/** The nodes a given wave moved. */
function movedIn(r: OpenRollout, wave: number): string[] {
  return [...r.moved].filter(([, w]) => w === wave).map(([c]) => c);
}
