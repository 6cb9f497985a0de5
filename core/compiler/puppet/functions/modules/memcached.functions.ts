import { UnsupportedError } from '../../puppet-error.js';
import type { Value } from '../../types/values.js';
import type { PuppetFunction } from '../puppet-function.types.js';
import { dispatchArity, rubyStrToF, rubyToI, rubyToS } from '../stdlib/ruby-interop.js';

/** Binary prefixes of facter's `memorysize` (`8.00 GiB`), as the function's Ruby knows them. */
const PREFIXES: Readonly<Record<string, number>> = { '': 1, k: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40, E: 2 ** 50 };

/**
 * saz-memcached 3.1's `memcached::max_memory(arg)`: megabytes for
 * memcached's `-m`. A size not ending in `%` is taken as megabytes
 * (Ruby's `to_i`); otherwise that percentage (default 95 %) of the
 * `memorysize` fact. Facts it cannot read the way its Ruby does (no
 * `memorysize`, an unknown prefix) are left to real Puppet.
 */
function maxMemory(facts: Value, arg: Value): number {
  if (arg !== undefined && !rubyToS(arg).endsWith('%')) return rubyToI(arg);
  const memsize = facts instanceof Map ? facts.get('memorysize') : undefined;
  const m = typeof memsize === 'string' ? /([0-9.e+-]*)\s*([^bB]?)/.exec(memsize) : null;
  const scale = m ? PREFIXES[m[2]!] : undefined;
  if (!m || scale === undefined) throw new UnsupportedError(`memcached::max_memory(): cannot read the memorysize fact ${JSON.stringify(memsize)}`, undefined);
  const bytes = Math.trunc(rubyStrToF(m[1]!) * scale);
  const percent = rubyStrToF(rubyToS(arg ?? '95%'));
  return Math.floor(Math.floor(bytes / 2 ** 20) * (percent / 100));
}

export const MEMCACHED_FUNCTIONS: Readonly<Record<string, PuppetFunction>> = {
  'memcached::max_memory': (c, args) => {
    dispatchArity('memcached::max_memory', args, 1);
    return maxMemory(c.top.vars.get('facts'), args[0]);
  },
};
