import { PuppetError } from '../../puppet-error.js';
import { toStr } from '../../types/values.js';
import type { PuppetFunction } from '../puppet-function.types.js';

/** `fail` stops the compile; the log functions are no-ops for the catalog. */
export const LOG_FUNCTIONS: Record<string, PuppetFunction> = {
  fail: (_c, args) => { throw new PuppetError(args.map(toStr).join(' '), undefined); },
  ...Object.fromEntries(['notice', 'info', 'warning', 'err', 'debug', 'alert', 'crit', 'emerg'].map((n) => [n, (() => undefined) as PuppetFunction])),
};
