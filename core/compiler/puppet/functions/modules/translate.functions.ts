import { isHash, type Value } from '../../types/values.js';
import { sprintf } from '../data/ruby-format.js';
import type { PuppetFunction } from '../puppet-function.types.js';
import { dispatchArity, dispatchTypeName, failure } from '../stdlib/ruby-interop.js';

/**
 * puppetlabs-translate 2.2's `translate(message, values?)`: gettext's `_()`
 * (no translations are loaded, so the message itself), formatted with
 * Ruby's `String#%` when interpolation values are given (`%{name}`).
 */
function translate(message: Value, values: Value): string {
  if (typeof message !== 'string') throw failure(`'translate' parameter 'message' expects a String value, got ${dispatchTypeName(message)}`);
  if (values === undefined) return message;
  if (!isHash(values)) throw failure(`'translate' parameter 'interpolation_values' expects a Hash value, got ${dispatchTypeName(values)}`);
  return sprintf(message, [values]);
}

export const TRANSLATE_FUNCTIONS: Readonly<Record<string, PuppetFunction>> = {
  translate: (_c, args) => {
    dispatchArity('translate', args, 1, 2);
    return translate(args[0], args[1]);
  },
};
