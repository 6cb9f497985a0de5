import type { Scope } from '../../evaluation/scope.js';
import { PuppetError } from '../../puppet-error.js';
import type { Loc } from '../../syntax/ast.types.js';
import { DeferredValue, isArray, isHash, SensitiveValue, toStr, type Value } from '../../types/values.js';
import { dig } from '../data/navigation.js';
import type { FunctionContext } from '../function-context.js';
import type { PuppetFunction } from '../puppet-function.types.js';

/** Whether a function of that name exists: built in, or written in Puppet in the environment. */
function known(c: FunctionContext, name: string, builtins: Readonly<Record<string, PuppetFunction>>): boolean {
  return builtins[name] !== undefined || c.code.findFunction(name) !== undefined;
}

/** A Deferred called now: its arguments first (Deferreds nested in Arrays and Hashes too), then the function. */
function resolve(c: FunctionContext, v: Value, scope: Scope, loc: Loc, builtins: Readonly<Record<string, PuppetFunction>>): Value {
  if (v instanceof DeferredValue) {
    const args = isArray(v.args) ? v.args.map((a) => resolve(c, a, scope, loc, builtins)) : [];
    const name = toStr(v.name);
    // `Deferred('$x', [keys…])`: a variable, dug into.
    if (name.startsWith('$')) return dig(c.variable(name.slice(1), scope, loc), args);
    return invoke(c, name, args, scope, loc, builtins);
  }
  if (v instanceof SensitiveValue) return new SensitiveValue(resolve(c, v.value, scope, loc, builtins));
  if (isArray(v)) return v.map((x) => resolve(c, x, scope, loc, builtins));
  if (isHash(v)) return new Map([...v].map(([k, x]) => [k, resolve(c, x, scope, loc, builtins)]));
  return v;
}

function invoke(c: FunctionContext, name: string, args: Value[], scope: Scope, loc: Loc, builtins: Readonly<Record<string, PuppetFunction>>): Value {
  if (!known(c, name, builtins)) throw new PuppetError(`Unknown function '${name}'`, undefined);
  return c.call(name, args, scope, loc);
}

/**
 * `call(name, args…)` calls a function by name (with the block, if any);
 * `call(Deferred(…))` / `$d.call()` resolves a Deferred now, as the agent
 * would. `builtins` is the function table (passed in: it includes `call`).
 */
export function callFunction(builtins: Readonly<Record<string, PuppetFunction>>): PuppetFunction {
  return (c, args, scope, loc, l) => {
    const [f, ...rest] = args;
    if (f instanceof DeferredValue) return resolve(c, f, scope, loc, builtins);
    const name = toStr(f);
    if (!known(c, name, builtins)) throw new PuppetError(`Unknown function '${name}'`, undefined);
    return c.call(name, rest, scope, loc, l);
  };
}
