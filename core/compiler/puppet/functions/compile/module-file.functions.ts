import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Scope } from '../../evaluation/scope.js';
import { PuppetError } from '../../puppet-error.js';
import type { Loc } from '../../syntax/ast.types.js';
import { parseEpp } from '../../syntax/parser.js';
import { renderErb, type ErbContext } from '../../templates/erb-template.js';
import { toStr } from '../../types/values.js';
import { arity, str } from '../argument-checks.js';
import type { FunctionContext } from '../function-context.js';
import type { PuppetFunction } from '../puppet-function.types.js';

/** What an ERB template sees: the calling scope's variables (`@x`, `scope['x']`) and Puppet's functions. */
function erbContext(c: FunctionContext, scope: Scope, loc: Loc): ErbContext {
  return {
    variable: (name) => (name.includes('::') ? c.qualifiedVar(name, loc, true) : scope.lookup(name).value),
    setVariable: (name, value) => {
      if (scope.vars.has(name)) return false;
      scope.vars.set(name, value);
      return true;
    },
    callFunction: (name, args) => c.call(name, args, scope, loc),
    step: () => c.budget.step(loc),
    string: (n) => c.budget.string(n, loc),
    collection: (n) => c.budget.collection(n, loc),
  };
}

/** Functions that read a module's files: EPP and ERB templates, and `files/`. */
export const MODULE_FILE_FUNCTIONS: Record<string, PuppetFunction> = {
  template: (c, args, scope, loc) => args.map((ref) => {
    const t = c.code.templateSource(toStr(ref));
    return renderErb(t.text, t.path, erbContext(c, scope, loc));
  }).join(''),
  inline_template: (c, args, scope, loc) => args.map((src) => renderErb(toStr(src), 'inline_template', erbContext(c, scope, loc))).join(''),
  epp: (c, args, _scope, loc) => {
    arity('epp', args, 1, 2);
    return c.renderEpp(c.code.template(str('epp', args, 0)), args[1], loc);
  },
  inline_epp: (c, args, _scope, loc) => {
    arity('inline_epp', args, 1, 2);
    return c.renderEpp(parseEpp(str('inline_epp', args, 0), 'inline_epp', c.budget.limits.maxNestingDepth), args[1], loc);
  },
  file: (c, args, _scope, loc) => {
    for (const ref of args.map(toStr)) {
      const [mod, ...rest] = ref.split('/');
      const root = ref.startsWith('/') ? undefined : c.code.moduleRoot(mod ?? '');
      const path = ref.startsWith('/') ? ref : root ? join(root, 'files', ...rest) : '';
      if (!path || !existsSync(path)) continue;
      // Only regular files, their size checked first: `/dev/zero` never ends.
      const st = statSync(path);
      if (!st.isFile()) throw new PuppetError(`${ref} is not a regular file`, undefined);
      c.budget.string(st.size, loc);
      return readFileSync(path, 'utf8');
    }
    throw new PuppetError(`Could not find any files from ${args.map(toStr).join(', ')}`, undefined);
  },
};
