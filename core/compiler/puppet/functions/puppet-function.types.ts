import type { Scope } from '../evaluation/scope.js';
import type { Lambda, Loc } from '../syntax/ast.types.js';
import type { Value } from '../types/values.js';
import type { FunctionContext } from './function-context.js';

/**
 * A built-in function. Throwing a `PuppetError` without a position lets the
 * caller add "Error while evaluating a Function Call" and the call's place.
 */
export type PuppetFunction = (c: FunctionContext, args: Value[], scope: Scope, loc: Loc, lambda?: Lambda) => Value;
