import type { Lambda, Loc } from '../ast.types.js';
import type { Compilation } from '../compilation.js';
import type { Scope } from '../scope.js';
import type { Value } from '../values.js';

/**
 * A built-in function. Throwing a `PuppetError` without a position lets the
 * caller add "Error while evaluating a Function Call" and the call's place.
 */
export type PuppetFunction = (c: Compilation, args: Value[], scope: Scope, loc: Loc, lambda?: Lambda) => Value;
