import { randomUUID } from 'node:crypto';
import { compiledCatalogHash } from '../../core/catalog/store-catalog.js';
import type { BackendChoice, CatalogCompiler, CompileResult, ExportedResourceLookup } from '../../core/compiler/catalog-compiler.js';
import { isTroupeError } from '../../core/errors/troupe-error.js';
import { recordCollectorQueries } from '../../core/dependency/collector-query.js';
import { exportsOf } from '../../core/dependency/node-exports.js';
import type { CompileErrorInfo, TroupeEvent } from '../../core/events/event.types.js';
import type { EventLog } from '../../core/log/event-log.js';
import type { CompileInput, CompileOutput } from '../node/node.machine.js';
import type { CompilePool } from './compile-pool.js';

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

/**
 * The side effect behind a node's `compiling` state: compile in the bounded
 * pool, then record the outcome in the log — `catalog_compiled` or
 * `compile_failed`, answering every request the work merged, with the
 * collector queries the compile ran and its exports' digest (what the
 * dependency tracker follows). A broken
 * manifest is a recorded failure, never a crash.
 */
export function createCompileStep(deps: CompileStepDeps) {
  return async ({ state, work }: CompileInput): Promise<CompileOutput> => {
    const started = performance.now();
    const base = {
      id: randomUUID(),
      stream: state.certname,
      time: new Date().toISOString(),
      meta: { source: 'actor' as const, causationId: work.requestIds[work.requestIds.length - 1]! },
    };
    const fail = (error: CompileErrorInfo, choice?: BackendChoice): TroupeEvent => ({
      ...base, type: 'compile_failed',
      data: { requestIds: work.requestIds, environment: work.environment, ...compiledBy(deps.compiler, choice), durationMs: ms(started), error },
    });
    let event: TroupeEvent;
    let hash: string | null = null;
    if (state.facts === null) {
      event = fail({ code: 'no_facts', message: `no facts known for ${state.certname}; submit facts before requesting a catalog` });
    } else {
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
      if (result.ok) {
        hash = compiledCatalogHash(result.value);
        event = {
          ...base, type: 'catalog_compiled',
          data: { requestIds: work.requestIds, hash, previousHash: state.lastHash, ...compiledBy(deps.compiler, result.choice), durationMs: ms(started), catalog: result.value,
            collectors: collectors.queries(), exportsDigest: exportsOf(result.value.resources, result.value.environment).digest },
        };
      } else {
        event = fail(result.error, result.choice);
      }
    }
    await appendOutcome(deps.log, event);
    return { hash };
  };
}

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
 * dropped because the disk was full for a minute.
 */
async function appendOutcome(log: Pick<EventLog, 'append'>, event: TroupeEvent): Promise<void> {
  for (let delay = 100; ; delay = Math.min(MAX_RETRY_DELAY_MS, delay * 2)) {
    try {
      await log.append([{ event }]);
      return;
    } catch (e) {
      if (!isTroupeError(e) || !TRANSIENT.has(e.code)) throw e;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

const ms = (since: number): number => Math.round((performance.now() - since) * 1000) / 1000;
