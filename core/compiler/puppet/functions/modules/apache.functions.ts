import type { Value } from '../../types/values.js';
import type { PuppetFunction } from '../puppet-function.types.js';
import { dispatchArity, rubyToS } from '../stdlib/ruby-interop.js';

/**
 * puppetlabs-apache 5.5's `apache::bool2httpd(arg)`: `Off` for undef, false
 * or a String containing `false` (any case), `On` for true or one containing
 * `true`, else the value as Ruby's `to_s` writes it (only Strings match a
 * regexp in Ruby; `=~` on anything else is nil).
 */
function bool2httpd(arg: Value): string {
  if (arg === undefined || arg === false || (typeof arg === 'string' && /false/i.test(arg))) return 'Off';
  if (arg === true || (typeof arg === 'string' && /true/i.test(arg))) return 'On';
  return rubyToS(arg);
}

export const APACHE_FUNCTIONS: Readonly<Record<string, PuppetFunction>> = {
  'apache::bool2httpd': (_c, args) => { dispatchArity('apache::bool2httpd', args, 1); return bool2httpd(args[0]); },
};
