import type { Scope } from '../../evaluation/scope.js';
import type { Value } from '../../types/values.js';
import type { PuppetFunction } from '../puppet-function.types.js';
import { rubyToS } from '../stdlib/ruby-interop.js';

/**
 * saz-ssh 2.8's `ipaddresses()` (3.x API): the `ipaddress_<iface>` and
 * `ipaddress6_<iface>` variables of every interface in the legacy
 * `interfaces` fact whose name does not contain `lo`, looked up from the
 * calling scope as its `lookupvar` does; `false` without `interfaces`.
 */
function ipaddresses(scope: Scope): Value {
  const interfaces = scope.lookup('interfaces').value;
  if (interfaces === undefined) return false;
  const out: Value[] = [];
  for (const iface of rubyToS(interfaces).split(',')) {
    if (iface.includes('lo')) continue;
    for (const v of [`ipaddress_${iface}`, `ipaddress6_${iface}`]) {
      const addr = scope.lookup(v).value;
      if (addr !== undefined && addr !== false) out.push(addr);
    }
  }
  return out;
}

export const SSH_FUNCTIONS: Readonly<Record<string, PuppetFunction>> = {
  // Declared without an arity: any arguments are accepted and ignored.
  ipaddresses: (_c, _args, scope) => ipaddresses(scope),
};
