import { createHash } from 'node:crypto';
import type { Value } from '../../types/values.js';
import type { PuppetFunction } from '../puppet-function.types.js';
import { dispatchArity, dispatchTypeName, failure } from '../stdlib/ruby-interop.js';

/**
 * puppetlabs-mysql 8.1's `mysql::password(String)`: MySQL's native password
 * hash, `*` and the upper-case hex SHA-1 of the SHA-1 digest; `''` for an
 * empty password, and a value already ending in such a hash as it is.
 */
function password(pw: string): string {
  if (pw === '') return '';
  if (/\*[A-F0-9]{40}$/.test(pw)) return pw;
  const inner = createHash('sha1').update(pw, 'utf8').digest();
  return `*${createHash('sha1').update(inner).digest('hex').toUpperCase()}`;
}

export const MYSQL_FUNCTIONS: Readonly<Record<string, PuppetFunction>> = {
  'mysql::password': (_c, args) => {
    dispatchArity('mysql::password', args, 1);
    const pw: Value = args[0];
    if (typeof pw !== 'string') throw failure(`'mysql::password' parameter 'password' expects a String value, got ${dispatchTypeName(pw)}`);
    return password(pw);
  },
};
