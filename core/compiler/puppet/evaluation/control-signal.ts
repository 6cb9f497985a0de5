import { PuppetError, type SourcePos } from '../puppet-error.js';
import type { Value } from '../types/values.js';

/** `return()`, `next()` and `break()` unwind the evaluator as signals. */
export class ControlSignal {
  /** `pos`: where `return()`, `next()` or `break()` was called, for the error when nothing may catch it. */
  constructor(readonly kind: 'return' | 'next' | 'break', readonly value: Value, readonly pos?: SourcePos) {}

  /** Puppet's error for a signal that reached a context it may not end, e.g. `break()` in a class body. */
  illegal(prefix = ''): PuppetError {
    const where = this.pos ? { file: this.pos.file, line: this.pos.line, column: 0 } : undefined;
    return new PuppetError(`${prefix}${this.kind}() from context where this is illegal`, where, prefix ? 'evaluation' : 'plain');
  }
}
