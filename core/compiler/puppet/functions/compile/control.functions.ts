import { ControlSignal } from '../../evaluation/control-signal.js';
import { blockArity } from '../argument-checks.js';
import type { PuppetFunction } from '../puppet-function.types.js';

/**
 * `return`, `next` and `break` unwind to the enclosing function, lambda or
 * iteration; `then` and `lest` branch on whether a value is `undef`.
 */
export const CONTROL_FUNCTIONS: Record<string, PuppetFunction> = {
  return: (c, args, _scope, loc) => { throw new ControlSignal('return', args[0], c.pos(loc)); },
  next: (c, args, _scope, loc) => { throw new ControlSignal('next', args[0], c.pos(loc)); },
  break: (c, _args, _scope, loc) => { throw new ControlSignal('break', undefined, c.pos(loc)); },
  then: (c, args, scope, _loc, l) => {
    if (l) blockArity('then', l.params.length, 1, 1);
    return args[0] === undefined || !l ? undefined : c.callLambda(l, [args[0]], scope);
  },
  lest: (c, args, scope, _loc, l) => {
    if (l) blockArity('lest', l.params.length, 0, 0);
    return args[0] !== undefined || !l ? args[0] : c.callLambda(l, [], scope);
  },
};
