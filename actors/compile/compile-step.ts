import { randomUUID } from 'node:crypto';
import { compiledCatalogHash } from '../../core/catalog/store-catalog.js';
import type { BackendChoice, CatalogCompiler, CompileResult, ExportedResourceLookup } from '../../core/compiler/catalog-compiler.js';
import { isTroupeError } from '../../core/errors/troupe-error.js';
import { recordCollectorQueries } from '../../core/dependency/collector-query.js';
import { exportsOf } from '../../core/dependency/node-exports.js';
import type { CompileErrorInfo, TroupeEvent } from '../../core/events/event.types.js';
import type { AppendOutcome, EventLog } from '../../core/log/event-log.js';
import type { NodeState } from '../node/node.decider.js';
import type { CompileInput, CompileOutput } from '../node/node.machine.js';
import type { CompileWork } from '../node/node.messages.js';
import type { CompilePool } from './compile-pool.js';
import { isBackground, type BackgroundCompiles } from './background-compiles.js';

export interface CompileStepDeps {
  readonly log: Pick<EventLog, 'append'>;
  readonly compiler: CatalogCompiler;
  readonly pool: CompilePool;
  readonly exported: ExportedResourceLookup;
  /**
   * The directory of the code version a node is compiled with (a staged
   * rollout's copy) for a request logged at `position`, or undefined for
   * the environment's own. @defaultValue always the environment's own
   */
  readonly codeDirOf?: (environment: string, certname: string, position: number) => Promise<string | undefined>;
}

export interface LocalCompileStepDeps extends CompileStepDeps {
  /**
   * Where background compiles (priority below 0) run instead of `pool`.
   * @defaultValue none: they share `pool`, within its `backgroundSlots`
   */
  readonly background?: BackgroundCompiles;
}

/** What a compile needs of its node: who, its newest facts, its catalog hash before. */
export type CompileSubject = Pick<NodeState, 'certname' | 'facts' | 'lastHash'>;

/** A compile's outcome event, not yet logged, and the new catalog hash (null on failure). */
export interface CompileOutcome {
  readonly event: TroupeEvent;
  readonly hash: string | null;
}

/**
 * The side effect behind a node's `compiling` state: compile in the bounded
 * pool, then record the outcome in the log — `catalog_compiled` or
 * `compile_failed`, answering every request the work merged, with the
 * collector queries the compile ran and its exports' digest (what the
 * dependency tracker follows). A broken
 * manifest is a recorded failure, never a crash.
 */
export function createCompileStep(deps: LocalCompileStepDeps) {
  const compile = createCompileOutcome(deps);
  const background = deps.background;
  return async (input: CompileInput): Promise<CompileOutput> => {
    const { event, hash } = await (background && isBackground(input.work) ? background.outcome(input, randomUUID()) : compile(input));
    await appendOutcome(deps.log, event);
    return { hash };
  };
}

/**
 * The compile itself, without logging it: the outcome event (under `id`,
 * default a random one) for the caller to append — the local step, or a
 * compile-queue consumer whose job id is the event id.
 */
export function createCompileOutcome(deps: Omit<CompileStepDeps, 'log'>) {
  return async ({ state, work }: { readonly state: CompileSubject; readonly work: CompileWork }, id: string = randomUUID()): Promise<CompileOutcome> => {
    const started = performance.now();
    const fail = (error: CompileErrorInfo, choice?: BackendChoice): TroupeEvent =>
      failedOutcome({ id, certname: state.certname, work, ...compiledBy(deps.compiler, choice), durationMs: ms(started), error });
    if (state.facts === null) {
      return { event: fail({ code: 'no_facts', message: `no facts known for ${state.certname}; submit facts before requesting a catalog` }), hash: null };
    }
    const facts = state.facts;
    const collectors = recordCollectorQueries(deps.exported);
    const result = await deps.pool.run(work.priority, async () => {
      // Read when the compile starts, not when it was asked for: a node an abort rolled back meanwhile gets the previous code.
      const codeDir = await deps.codeDirOf?.(work.environment, state.certname, work.position);
      return deps.compiler.compile({
        certname: state.certname, environment: work.environment, facts: facts.values,
        ...(work.trusted ? { trusted: work.trusted } : {}),
        exported: collectors.lookup, catalogUuid: randomUUID(), ...(codeDir === undefined ? {} : { codeDir }),
      });
    }, work.position).catch((e: unknown): CompileResult => ({ ok: false, error: { code: 'compiler_error', message: String((e as Error)?.message ?? e) } }));
    if (!result.ok) return { event: fail(result.error, result.choice), hash: null };
    const hash = compiledCatalogHash(result.value);
    const event: TroupeEvent = {
      ...outcomeBase(id, state.certname, work), type: 'catalog_compiled',
      data: { requestIds: work.requestIds, hash, previousHash: state.lastHash, ...compiledBy(deps.compiler, result.choice), durationMs: ms(started), catalog: result.value,
        collectors: collectors.queries(), exportsDigest: exportsOf(result.value.resources, result.value.environment).digest },
    };
    return { event, hash };
  };
}

/** A `compile_failed` outcome answering `work`'s requests: a compile's failure, or one Troupe records without compiling. */
export function failedOutcome(o: {
  readonly id: string; readonly certname: string; readonly work: CompileWork; readonly compiler: string; readonly compilerReason?: string;
  readonly durationMs: number; readonly error: CompileErrorInfo;
}): TroupeEvent {
  return {
    ...outcomeBase(o.id, o.certname, o.work), type: 'compile_failed',
    data: {
      requestIds: o.work.requestIds, environment: o.work.environment, compiler: o.compiler,
      ...(o.compilerReason === undefined ? {} : { compilerReason: o.compilerReason }), durationMs: o.durationMs, error: o.error,
    },
  };
}

const outcomeBase = (id: string, certname: string, work: CompileWork) => ({
  id,
  stream: certname,
  time: new Date().toISOString(),
  meta: { source: 'actor' as const, causationId: work.requestIds[work.requestIds.length - 1]! },
});

/** The backend an outcome event names: the one a choosing compiler (`auto`) picked, with why, else the compiler's own. */
function compiledBy(compiler: CatalogCompiler, choice: BackendChoice | undefined): { compiler: string; compilerReason?: string } {
  return choice ? { compiler: choice.backend, compilerReason: choice.reason } : { compiler: compiler.name };
}

/** Log failures that heal by themselves (full disk, busy lock): the outcome waits for them. */
const TRANSIENT: ReadonlySet<string> = new Set(['log_write_failed', 'log_busy']);
const MAX_RETRY_DELAY_MS = 5000;

/**
 * Appends a compile outcome, retrying while the log cannot commit for a
 * transient reason (it heals by itself): a compile's answer is never
 * dropped because the disk was full for a minute. Resolves with the log's
 * answer (`duplicate` when an outcome under this id is already logged).
 */
export async function appendOutcome(log: Pick<EventLog, 'append'>, event: TroupeEvent): Promise<AppendOutcome> {
  for (let delay = 100; ; delay = Math.min(MAX_RETRY_DELAY_MS, delay * 2)) {
    try {
      const [outcome] = await log.append([{ event }]);
      return outcome!;
    } catch (e) {
      if (!isTroupeError(e) || !TRANSIENT.has(e.code)) throw e;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

const ms = (since: number): number => Math.round((performance.now() - since) * 1000) / 1000;
