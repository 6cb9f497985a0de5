import type { RolloutOutcome, RolloutPauseReason, RolloutStartedData, TroupeEvent } from '../events/event.types.js';
import { waveText } from './rollout-plan.js';

/** Where an open rollout is: moving waves, held, or rolling its moved nodes back. */
export const ROLLOUT_PHASES = ['running', 'paused', 'aborting'] as const;
export type RolloutPhase = (typeof ROLLOUT_PHASES)[number];

export interface OpenRollout extends RolloutStartedData {
  readonly startedAt: string;
  phase: RolloutPhase;
  pause: { readonly reason: RolloutPauseReason; readonly detail: string } | null;
  /** Index of the last wave started; -1 before the first. */
  wave: number;
  /** When the last wave started (event time, ms). */
  waveStartedAt: number;
  /** Moved node → the wave that moved it. */
  readonly moved: Map<string, number>;
  /** Moved nodes that reported since their move (or since the last resume) → whether that last run failed. */
  readonly health: Map<string, boolean>;
  /** Moved nodes whose last compile since their move (or the last resume) failed: the new code does not compile for them. */
  readonly compileFailures: Set<string>;
}

export interface FinishedRollout {
  readonly rolloutId: string;
  readonly environment: string;
  readonly outcome: RolloutOutcome;
  readonly codeId: string;
  readonly moved: number;
  readonly finishedAt: string;
}

/** Finished rollouts the state keeps for `status`. */
export const KEEP_FINISHED_ROLLOUTS = 5;

/**
 * Every rollout as the log tells it: at most one open per environment, and
 * per environment the code version its nodes settled on after the last
 * rollout (kept until the next plain deployment of that environment).
 */
export interface RolloutState {
  readonly open: Map<string, OpenRollout>;
  readonly settled: Map<string, string>;
  readonly finished: FinishedRollout[];
}

export const initialRolloutState = (): RolloutState => ({ open: new Map(), settled: new Map(), finished: [] });

/**
 * Folds one event into the state, in place (a rollout's node sets are
 * large; copying them per report would be quadratic). Deterministic: the
 * same events give the same state, which is how a restart rebuilds it.
 * Reads rollout steps, `code_deployed` (drops the settled version), and
 * moved nodes' `report_submitted`, `compile_failed` and `catalog_compiled`
 * (the health gate); ignores the rest.
 */
export function evolveRollouts(state: RolloutState, e: TroupeEvent): void {
  switch (e.type) {
    case 'rollout_started':
      state.open.set(e.data.environment, {
        ...e.data, startedAt: e.time, phase: 'running', pause: null, wave: -1, waveStartedAt: Date.parse(e.time), moved: new Map(), health: new Map(), compileFailures: new Set(),
      });
      return;
    case 'code_deployed':
      state.settled.delete(e.data.environment);
      return;
    case 'report_submitted': {
      const r = state.open.get(e.data.environment);
      if (r && r.moved.has(e.stream)) r.health.set(e.stream, e.data.status === 'failed');
      return;
    }
    case 'compile_failed':
    case 'catalog_compiled': {
      // A moved node first: on the primary a catalog arrives as text, and reading its environment parses all of it
      // (during a 10,000-node push that was most of the main thread's JSON parsing and its garbage).
      if (![...state.open.values()].some((o) => o.moved.has(e.stream))) return;
      const r = state.open.get(e.type === 'compile_failed' ? e.data.environment : e.data.catalog.environment);
      if (!r || r.phase === 'aborting' || !r.moved.has(e.stream)) return;
      if (e.type === 'compile_failed') r.compileFailures.add(e.stream);
      else r.compileFailures.delete(e.stream);
      return;
    }
    default:
  }
  if (!e.type.startsWith('rollout_')) return;
  const r = byId(state, (e.data as { rolloutId: string }).rolloutId);
  if (!r) return;
  switch (e.type) {
    case 'rollout_wave_started':
      if (r.phase === 'aborting' || e.data.wave <= r.wave) return;
      r.wave = e.data.wave;
      r.waveStartedAt = Date.parse(e.time);
      for (const c of e.data.certnames) if (!r.moved.has(c)) r.moved.set(c, e.data.wave);
      return;
    case 'rollout_paused':
      if (r.phase === 'running') { r.phase = 'paused'; r.pause = { reason: e.data.reason, detail: e.data.detail }; }
      return;
    case 'rollout_resumed':
    case 'rollout_promoted':
      if (r.phase !== 'paused' && r.phase !== 'running') return;
      // The operator has looked at the failures: the gate counts runs from here on.
      if (r.phase === 'paused') { r.health.clear(); r.compileFailures.clear(); }
      r.phase = 'running';
      r.pause = null;
      return;
    case 'rollout_aborted':
      r.phase = 'aborting';
      r.pause = null;
      return;
    case 'rollout_finished':
      state.open.delete(r.environment);
      state.settled.set(r.environment, e.data.codeId);
      state.finished.unshift({ rolloutId: r.rolloutId, environment: r.environment, outcome: e.data.outcome, codeId: e.data.codeId, moved: r.moved.size, finishedAt: e.time });
      state.finished.splice(KEEP_FINISHED_ROLLOUTS);
      return;
    default:
  }
}

function byId(state: RolloutState, rolloutId: string): OpenRollout | undefined {
  for (const r of state.open.values()) if (r.rolloutId === rolloutId) return r;
  return undefined;
}

/**
 * The code version a node is compiled with: in an open rollout the new one
 * once its wave moved it (until an abort), else the previous one; after a
 * rollout the version the environment settled on; null when no rollout
 * decides (the environment's own directory).
 */
export function assignedCodeId(state: RolloutState, environment: string, certname: string): string | null {
  const r = state.open.get(environment);
  if (!r) return state.settled.get(environment) ?? null;
  return r.phase !== 'aborting' && r.moved.has(certname) ? r.codeId : r.previousCodeId;
}

/**
 * The gate's figures: moved nodes that reported (or failed to compile)
 * since their move, and how many of those failed — their last run failed,
 * or their last compile did.
 */
export function gateFigures(r: OpenRollout): { reported: number; failed: number; holds: boolean } {
  let failed = r.compileFailures.size;
  let reported = r.compileFailures.size;
  for (const [node, f] of r.health) {
    if (r.compileFailures.has(node)) continue;
    reported++;
    if (f) failed++;
  }
  return { reported, failed, holds: reported === 0 || (failed * 100) / reported <= r.plan.gate.maxFailedPercent };
}

/** A step that moves nodes or ends the rollout. */
export type RolloutMove =
  | { readonly kind: 'wave'; readonly wave: number }
  | { readonly kind: 'finish'; readonly outcome: RolloutOutcome; readonly codeId: string };
/** What a rollout does next by itself. */
export type RolloutStep = { readonly kind: 'pause'; readonly detail: string } | RolloutMove;

/**
 * The next step of an open rollout at `now`, given whether the recompiles
 * of its last step were all answered: a failing gate pauses it; once the
 * pace has passed since the last wave (and the gate holds), the next wave
 * starts, or after the last one the rollout completes; an abort finishes
 * once every moved node was recompiled with the previous code.
 */
export function nextRolloutStep(r: OpenRollout, now: number, recompilesDone: boolean): RolloutStep | null {
  if (r.phase === 'aborting') return recompilesDone ? { kind: 'finish', outcome: 'aborted', codeId: r.previousCodeId } : null;
  if (r.phase === 'paused') return null;
  const gate = gateFigures(r);
  if (!gate.holds) return { kind: 'pause', detail: gateDetail(r, gate) };
  if (!recompilesDone || (r.wave >= 0 && now - r.waveStartedAt < r.plan.paceMs)) return null;
  return promotion(r);
}

/** What `promote` does now: the next wave, or completion after the last. */
export function promotion(r: OpenRollout): RolloutMove {
  return r.wave + 1 < r.plan.waves.length ? { kind: 'wave', wave: r.wave + 1 } : { kind: 'finish', outcome: 'completed', codeId: r.codeId };
}

function gateDetail(r: OpenRollout, g: { reported: number; failed: number }): string {
  const share = Math.round((g.failed * 1000) / g.reported) / 10;
  return `${g.failed} of ${g.reported} moved node(s) failed their last run or compile since the move (${share}% > ${r.plan.gate.maxFailedPercent}%), wave ${r.wave + 1} (${waveText(r.plan.waves[r.wave] ?? { kind: 'rest' })})`;
}

/** The operator commands, and which phases each applies to. */
export const ROLLOUT_COMMANDS = ['pause', 'resume', 'promote', 'abort'] as const;
export type RolloutCommand = (typeof ROLLOUT_COMMANDS)[number];
const ALLOWED: Record<RolloutCommand, readonly RolloutPhase[]> = {
  pause: ['running'], resume: ['paused'], promote: ['running', 'paused'], abort: ['running', 'paused'],
};

/** Why an operator command does not apply to the rollout now; null when it does. */
export function commandRefusal(r: OpenRollout, command: RolloutCommand): string | null {
  return ALLOWED[command].includes(r.phase) ? null : `cannot ${command} rollout ${r.rolloutId} of ${r.environment}: it is ${r.phase}`;
}
