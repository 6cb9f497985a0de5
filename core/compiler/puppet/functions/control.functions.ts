import { ControlSignal } from '../evaluator.js';
import type { PuppetFunction } from './puppet-function.types.js';

/** `return`, `next` and `break` unwind to the enclosing function, lambda or iteration. */
export const CONTROL_FUNCTIONS: Record<string, PuppetFunction> = {
  return: (_c, args) => { throw new ControlSignal('return', args[0]); },
  next: (_c, args) => { throw new ControlSignal('next', args[0]); },
  break: () => { throw new ControlSignal('break', undefined); },
};
