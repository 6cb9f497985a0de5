import type { AutoCompiler } from '../../core/compiler/auto/auto.compiler.js';
import type { ExportedResourceLookup } from '../../core/compiler/catalog-compiler.js';
import type { LaneRouting } from './background-lane.js';
import type { CompileOutcome } from './compile-step.js';

/**
 * The background lane's share of `--compiler auto`: the lane has only the
 * built-in, so it takes a compile only when auto's decision for that
 * environment and code version (a rollout's `codeDir` included) is the
 * built-in — the same cached decision auto's own compiles use, never a
 * second analysis. A lane compile the built-in turns out not to implement
 * (`compile_unsupported`) is given back: the process's own auto compiler
 * compiles it, moves the environment to Puppet as it always does, and
 * that outcome is the only one logged. So a node gets the catalog auto
 * would give it, wherever it was compiled. The lane's outcomes count in
 * auto's `/status` figures, and its catalogs are offered to
 * `--verify-sample` on the process, as auto's own builtin catalogs are.
 */
export function autoLaneRouting(auto: Pick<AutoCompiler, 'backendFor' | 'recordBuiltin'>, exported: ExportedResourceLookup): LaneRouting {
  return {
    async accepts(environment, codeDir) {
      const choice = await auto.backendFor({ environment, ...(codeDir === undefined ? {} : { codeDir }) });
      return choice.backend === 'builtin' ? choice : undefined;
    },
    redo: isUnsupported,
    answered({ state, work }, codeDir, { event }) {
      // No facts: the lane compiled nothing (`no_facts`), as auto's own step would not.
      if (state.facts === null) return;
      // catalogUuid: the shadow check compiles Puppet's with the sampled catalog's own.
      const request = {
        certname: state.certname, environment: work.environment, facts: state.facts.values, exported,
        catalogUuid: '', ...(work.trusted ? { trusted: work.trusted } : {}), ...(codeDir === undefined ? {} : { codeDir }),
      };
      const data = event.type === 'catalog_compiled' ? event.data : undefined;
      auto.recordBuiltin(request, data && (() => data.catalog));
    },
  };
}

/** A lane outcome the built-in could not compile because it does not implement what the code uses. */
const isUnsupported = ({ event }: CompileOutcome): boolean => event.type === 'compile_failed' && event.data.error.code === 'compile_unsupported';
