import { PuppetError, type SourcePos } from '../puppet-error.js';
import type { Loc } from '../syntax/ast.types.js';
import { isArray, type Value } from '../types/values.js';

/**
 * What one compile may spend. A compile runs on an actor worker's event
 * loop, so nothing can interrupt it: the evaluator checks these itself and
 * fails the compile instead of hanging or exhausting the worker.
 */
export interface CompileLimits {
  /** Wall-clock deadline of a compile, from its start. */
  readonly timeoutMs: number;
  /** Evaluation steps: expressions, lambda and function calls, resources, and elements created. */
  readonly maxSteps: number;
  /** Characters of one string the code creates. */
  readonly maxStringLength: number;
  /** Elements of one array or hash the code creates (checked before it is allocated). */
  readonly maxCollectionSize: number;
  /** Resources in the catalog (classes and defined-type instances included). */
  readonly maxResources: number;
  /** Nesting of class, function, lambda and template calls. */
  readonly maxCallDepth: number;
  /** Nesting of the code itself: parser and evaluator recursion. */
  readonly maxNestingDepth: number;
}

/**
 * Generous for real sites, far below what hurts a worker; the reasons are
 * in docs/compiler.md ("Bounds").
 */
export const DEFAULT_COMPILE_LIMITS: CompileLimits = {
  timeoutMs: 20_000,
  maxSteps: 200_000_000,
  maxStringLength: 32 * 1024 * 1024,
  maxCollectionSize: 1_000_000,
  maxResources: 200_000,
  maxCallDepth: 100,
  maxNestingDepth: 500,
};

/** The setting that configures each limit, named in the error so an operator knows what to raise. */
export const LIMIT_SETTINGS: Readonly<Record<keyof CompileLimits, string>> = {
  timeoutMs: 'compileTimeoutMs',
  maxSteps: 'compileMaxSteps',
  maxStringLength: 'compileMaxStringLength',
  maxCollectionSize: 'compileMaxCollectionSize',
  maxResources: 'compileMaxResources',
  maxCallDepth: 'compileMaxCallDepth',
  maxNestingDepth: 'compileMaxNestingDepth',
};

/** The stable codes of a compile stopped by a bound (`CompileErrorInfo.code`). */
export type BoundCode = 'compile_timeout' | 'compile_budget_exceeded';

/** A compile stopped by one of its bounds: never wrapped into another error on its way out. */
export class CompileBoundError extends PuppetError {
  constructor(readonly code: BoundCode, message: string, pos: SourcePos | undefined) {
    super(message, pos);
    this.name = 'CompileBoundError';
  }
}

/** How a limit reads in messages: `the compile deadline of 20000 ms (compileTimeoutMs)`. */
const WHAT: Readonly<Record<keyof CompileLimits, (n: number) => string>> = {
  timeoutMs: (n) => `the compile deadline of ${n} ms`,
  maxSteps: (n) => `the budget of ${n} evaluation steps`,
  maxStringLength: (n) => `the largest string of ${n} characters`,
  maxCollectionSize: (n) => `the largest array or hash of ${n} elements`,
  maxResources: (n) => `the catalog size of ${n} resources`,
  maxCallDepth: (n) => `the call depth of ${n} nested class, function, lambda or template calls`,
  maxNestingDepth: (n) => `the nesting depth of ${n} levels`,
};

/** The error for exceeding `limit` (whose value is `value`); `detail` says by how much when that helps. */
export function boundError(limit: keyof CompileLimits, value: number, pos: SourcePos | undefined, detail = ''): CompileBoundError {
  const code = limit === 'timeoutMs' ? 'compile_timeout' : 'compile_budget_exceeded';
  return new CompileBoundError(code, `Exceeded ${WHAT[limit](value)} (${LIMIT_SETTINGS[limit]})${detail}`, pos);
}

/** Steps between two reads of the clock: cheap enough, and far below a millisecond of work. */
const CLOCK_EVERY = 1024;

/**
 * One compile's counters. `step` is on the evaluator's hottest path: one
 * increment and one comparison; the clock and the step budget are checked
 * only every `CLOCK_EVERY` steps (or as soon as a large allocation is charged).
 */
export class CompileBudget {
  private steps = 0;
  private nextCheck = CLOCK_EVERY;
  private callDepth = 0;
  private depth = 0;
  private readonly deadline: number;

  constructor(readonly limits: CompileLimits, private readonly file: () => string, started = performance.now()) {
    this.deadline = started + limits.timeoutMs;
  }

  step(loc: Loc): void {
    if (++this.steps >= this.nextCheck) this.check(loc);
  }

  /**
   * One evaluation one level deeper; `leave` must follow in a `finally`
   * (control flow such as `next()` unwinds by throwing).
   */
  enter(loc: Loc): void {
    if (++this.depth > this.limits.maxNestingDepth) throw this.exceeded('maxNestingDepth', loc);
    if (++this.steps >= this.nextCheck) this.check(loc);
  }

  leave(): void {
    this.depth--;
  }

  /** Work proportional to `n` (elements or characters about to be created). */
  charge(n: number, loc: Loc): void {
    this.steps += n;
    if (this.steps >= this.nextCheck) this.check(loc);
  }

  private check(loc: Loc): void {
    if (this.steps > this.limits.maxSteps) throw this.exceeded('maxSteps', loc);
    if (performance.now() > this.deadline) throw this.exceeded('timeoutMs', loc);
    this.nextCheck = Math.min(this.steps + CLOCK_EVERY, this.limits.maxSteps + 1);
  }

  /** Before creating an array or hash of `n` elements. */
  collection(n: number, loc: Loc): void {
    if (n > this.limits.maxCollectionSize) throw this.exceeded('maxCollectionSize', loc, `: ${n} elements`);
    this.charge(n, loc);
  }

  /** Before creating a string of `n` characters (copying costs far less per character than a step). */
  string(n: number, loc: Loc): void {
    if (n > this.limits.maxStringLength) throw this.exceeded('maxStringLength', loc, `: ${n} characters`);
    this.charge(n >>> 6, loc);
  }

  /**
   * `flat(Infinity)`, counted first: arrays nested by reference
   * (`[$a, $a]`, doubled a few dozen times) would flatten to billions.
   */
  flat(v: readonly Value[], loc: Loc): Value[] {
    const limit = this.limits.maxCollectionSize;
    let n = 0;
    let nested = false;
    const count = (a: readonly Value[]): void => {
      for (const x of a) {
        if (++n > limit) throw this.exceeded('maxCollectionSize', loc, ' when flattened');
        if (isArray(x)) { nested = true; count(x); }
      }
    };
    count(v);
    this.charge(n, loc);
    // Mostly there is nothing to flatten (titles, `include` arguments): a copy is far cheaper than `flat`.
    return nested ? v.flat(Infinity as 1) as Value[] : v.slice();
  }

  /** Joins strings, their total length checked before the result is allocated. */
  join(strs: readonly string[], separator: string, loc: Loc): string {
    let n = separator.length * Math.max(0, strs.length - 1);
    for (const s of strs) n += s.length;
    this.string(n, loc);
    return strs.join(separator);
  }

  /** Before the catalog grows to `n` resources. */
  resources(n: number, loc: Loc): void {
    if (n > this.limits.maxResources) throw this.exceeded('maxResources', loc);
    this.step(loc);
  }

  /** A class, function, lambda or template body one call level deeper; `leaveCall` must follow in a `finally`. */
  enterCall(loc: Loc): void {
    if (++this.callDepth > this.limits.maxCallDepth) throw this.exceeded('maxCallDepth', loc);
    this.step(loc);
  }

  leaveCall(): void {
    this.callDepth--;
  }

  exceeded(limit: keyof CompileLimits, loc: Loc, detail = ''): CompileBoundError {
    return boundError(limit, this.limits[limit], { file: this.file(), line: loc.line, column: loc.column }, detail);
  }
}
