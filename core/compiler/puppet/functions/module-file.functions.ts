import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEpp } from '../parser.js';
import { PuppetError } from '../puppet-error.js';
import { toStr } from '../values.js';
import { arity, str } from './argument-checks.js';
import type { PuppetFunction } from './puppet-function.types.js';

/** Functions that read a module's files: EPP templates and `files/`. */
export const MODULE_FILE_FUNCTIONS: Record<string, PuppetFunction> = {
  epp: (c, args, _scope, loc) => {
    arity('epp', args, 1, 2);
    return c.renderEpp(c.code.template(str('epp', args, 0)), args[1], loc);
  },
  inline_epp: (c, args, _scope, loc) => {
    arity('inline_epp', args, 1, 2);
    return c.renderEpp(parseEpp(str('inline_epp', args, 0), 'inline_epp'), args[1], loc);
  },
  file: (c, args) => {
    for (const ref of args.map(toStr)) {
      const [mod, ...rest] = ref.split('/');
      const root = ref.startsWith('/') ? undefined : c.code.moduleRoot(mod ?? '');
      const path = ref.startsWith('/') ? ref : root ? join(root, 'files', ...rest) : '';
      if (path && existsSync(path)) return readFileSync(path, 'utf8');
    }
    throw new PuppetError(`Could not find any files from ${args.map(toStr).join(', ')}`, undefined);
  },
};
