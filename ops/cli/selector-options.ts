import { isTroupeError } from '../../core/errors/troupe-error.js';
import type { PqlAst } from '../../core/pql/pql-ast.js';
import { selectorCondition } from '../../core/selector/node-selector.js';
import { UsageError, type OptionValues } from './cli-args.js';

/** The node-selection flags `troupe nodes`, `deploy` and `run` share (MCollective's filters); `deploy` has its own --environment. */
export const SELECTOR_OPTIONS_BUT_ENVIRONMENT = {
  fact: { type: 'string', short: 'F', multiple: true, value: 'PATH=V', description: 'nodes whose fact PATH is V (PATH~REGEX: matches), e.g. -F os.family=Debian; repeatable' },
  class: { type: 'string', short: 'C', multiple: true, value: 'CLASS', description: 'nodes whose last catalog has CLASS (or /REGEX/ on its title); repeatable' },
  trusted: { type: 'string', short: 'T', multiple: true, value: 'EXT=V', description: 'nodes whose trusted extension EXT is V (EXT~REGEX), e.g. -T pp_role=web; repeatable' },
  select: { type: 'string', multiple: true, value: 'COND', description: 'a PQL condition on inventory, or a JSON AST one (for or/not); repeatable' },
} as const;

export const SELECTOR_OPTIONS = {
  ...SELECTOR_OPTIONS_BUT_ENVIRONMENT,
  environment: { type: 'string', short: 'E', multiple: true, value: 'ENV', description: 'nodes whose facts came from environment ENV; repeatable' },
} as const;

type SelectorValues = OptionValues<typeof SELECTOR_OPTIONS_BUT_ENVIRONMENT> & { readonly environment?: readonly string[] | string };

/** The flags as the query engine's AST condition (null: every node); every flag ANDed. A bad flag is a UsageError. */
export function selectorFromFlags(values: SelectorValues): PqlAst | null {
  try {
    return selectorCondition({ facts: values.fact, classes: values.class, trusted: values.trusted, environments: environments(values), select: values.select });
  } catch (e) {
    if (isTroupeError(e) && e.code === 'invalid_input') throw new UsageError(e.message);
    throw e;
  }
}

/** Whether any selector flag was given. */
export function hasSelector(values: SelectorValues): boolean {
  return [values.fact, values.class, values.trusted, environments(values), values.select].some((v) => v.length > 0);
}

/** `-E` where it is a selector flag (a command's own `--environment` string is not). */
function environments(values: SelectorValues): readonly string[] {
  return Array.isArray(values.environment) ? values.environment : [];
}
