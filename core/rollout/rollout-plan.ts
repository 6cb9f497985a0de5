import { ValidationError } from '../errors/troupe-error.js';
import type { PqlAst } from '../pql/pql-ast.js';
import { err, ok, type Result } from '../result.js';
import { selectorCondition } from '../selector/node-selector.js';

/**
 * One wave of a rollout: a number of nodes, a percentage of the
 * environment's nodes at the start, the nodes a fact selector picks, or
 * every node not moved yet.
 */
export type WaveSpec =
  | { readonly kind: 'count'; readonly count: number }
  | { readonly kind: 'percent'; readonly percent: number }
  | { readonly kind: 'selector'; readonly text: string; readonly condition: PqlAst }
  | { readonly kind: 'rest' };

/** The health gate: the share of moved nodes whose last run since their move failed may be at most this. */
export interface RolloutGate {
  readonly maxFailedPercent: number;
}

/** A staged rollout's plan, as recorded in `rollout_started`. */
export interface RolloutPlan {
  /** In order; the last is always `rest`. */
  readonly waves: readonly WaveSpec[];
  /** The least time between one wave's start and the next's. */
  readonly paceMs: number;
  readonly gate: RolloutGate;
}

/** The plan as an operator writes it (`troupe deploy --waves … --pace … --gate …`). */
export interface RolloutPlanText {
  /** `1%,10%,rest`, `2,rest`, `datacenter=dc1,rest` (fact selectors: `PATH=VALUE` or `PATH~REGEX`). */
  readonly waves: string;
  /** `90s`, `30m`, `2h`, `1d`. @defaultValue '1h' */
  readonly pace?: string | null;
  /** `failed<=5%`. @defaultValue 'failed<=5%' */
  readonly gate?: string | null;
}

export const DEFAULT_ROLLOUT_PLAN_TEXT = { pace: '1h', gate: 'failed<=5%' } as const;
/** Waves one plan may have (with the implicit `rest`). */
export const MAX_WAVES = 20;
const MAX_PACE_MS = 30 * 24 * 3600_000;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3600_000, d: 86_400_000 } as const;

/** Reads a plan; a bad one is an error naming the field, never a partial plan. */
export function parseRolloutPlan(text: RolloutPlanText): Result<RolloutPlan, ValidationError> {
  try {
    return ok({
      waves: parseWaves(text.waves),
      paceMs: parsePace(text.pace ?? DEFAULT_ROLLOUT_PLAN_TEXT.pace),
      gate: parseGate(text.gate ?? DEFAULT_ROLLOUT_PLAN_TEXT.gate),
    });
  } catch (e) {
    if (e instanceof ValidationError) return err(e);
    throw e;
  }
}

function parseWaves(text: string): WaveSpec[] {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.some((p) => p === '')) throw new ValidationError('waves', `'${text}' has an empty wave (expected e.g. 1%,10%,rest)`);
  const waves = parts.map(parseWave);
  const rest = waves.findIndex((w) => w.kind === 'rest');
  if (rest >= 0 && rest !== waves.length - 1) throw new ValidationError('waves', "'rest' can only be the last wave");
  if (rest < 0) waves.push({ kind: 'rest' });
  if (waves.length > MAX_WAVES) throw new ValidationError('waves', `at most ${MAX_WAVES} waves (with the last, 'rest')`);
  return waves;
}

function parseWave(text: string): WaveSpec {
  if (text === 'rest') return { kind: 'rest' };
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percent) {
    const p = Number(percent[1]);
    if (!(p > 0 && p <= 100)) throw new ValidationError('waves', `'${text}': a percentage is above 0 and at most 100`);
    return { kind: 'percent', percent: p };
  }
  if (/^\d+$/.test(text)) {
    const count = Number(text);
    if (count < 1 || !Number.isSafeInteger(count)) throw new ValidationError('waves', `'${text}': a count is at least 1`);
    return { kind: 'count', count };
  }
  if (/[=~]/.test(text)) return { kind: 'selector', text, condition: selectorCondition({ facts: [text] })! };
  throw new ValidationError('waves', `'${text}' is not a wave (a count 5, a percentage 10%, a fact selector datacenter=dc1, or rest)`);
}

function parsePace(text: string): number {
  const m = /^(\d+)\s*(ms|s|m|h|d)$/.exec(text.trim());
  if (!m) throw new ValidationError('pace', `'${text}' is not a duration (e.g. 90s, 30m, 2h, 1d)`);
  const ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  if (ms > MAX_PACE_MS) throw new ValidationError('pace', `'${text}' is more than 30 days`);
  return ms;
}

function parseGate(text: string): RolloutGate {
  const m = /^failed\s*<=\s*(\d+(?:\.\d+)?)\s*%$/.exec(text.trim());
  if (!m) throw new ValidationError('gate', `'${text}' is not a gate (e.g. failed<=5%)`);
  const p = Number(m[1]);
  if (p > 100) throw new ValidationError('gate', `'${text}': a percentage is at most 100`);
  return { maxFailedPercent: p };
}

/** A wave as an operator wrote it, for status and `troupe events`. */
export function waveText(w: WaveSpec): string {
  switch (w.kind) {
    case 'count': return String(w.count);
    case 'percent': return `${w.percent}%`;
    case 'selector': return w.text;
    case 'rest': return 'rest';
  }
}
