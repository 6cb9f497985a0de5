import { createHash } from 'node:crypto';
import { UnsupportedError } from '../../puppet-error.js';
import { isArray, type PHash, type Value } from '../../types/values.js';
import type { PuppetFunction } from '../puppet-function.types.js';
import { dispatchArity, failure } from '../stdlib/ruby-interop.js';

/** puppetlabs-postgresql 6.7's functions (`postgresql::…`), as its Ruby computes them. */

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');

/** A parameter type check this port does not word as Puppet's dispatcher would: real Puppet reports it. */
const unsupportedArgument = (fn: string, param: string): never => {
  throw new UnsupportedError(`${fn}: parameter '${param}' of an unexpected type`, undefined);
};

/** `postgresql_password(username, password)`: `md5` and the MD5 of the password followed by the user name. */
function password(username: Value, pw: Value): string {
  const ok = (v: Value): v is string | number => (typeof v === 'string' && v !== '') || Number.isInteger(v);
  if (!ok(username)) return unsupportedArgument('postgresql::postgresql_password', 'username');
  if (!ok(pw)) return unsupportedArgument('postgresql::postgresql_password', 'password');
  return `md5${md5(String(pw) + String(username))}`;
}

/** `postgresql_escape(s)`: dollar-quoted, with a tag from MD5 digests (letters only) when `$$` or a final `$` needs one. */
function escape(input: Value): string {
  if (typeof input !== 'string' || input === '') return unsupportedArgument('postgresql::postgresql_escape', 'input_string');
  if (!input.includes('$$') && !input.endsWith('$')) return `$$${input}$$`;
  const tagOf = (s: string): string => md5(s).slice(0, 6).replace(/\d/g, '');
  let tag = tagOf(input);
  // The tag is hex letters only, so Ruby's `input !~ /#{tag}/` is a substring test.
  for (let rounds = 0; input.includes(tag); rounds++) {
    if (rounds > 1000) throw new UnsupportedError('postgresql::postgresql_escape: no tag found in 1000 rounds', undefined);
    tag = tagOf(tag);
  }
  return `$${tag}$${input}$${tag}$`;
}

/** `postgresql_acls_to_resources_hash(acls, id, offset)`: pg_hba.conf lines as `postgresql::server::pg_hba_rule` parameters. */
function aclsToResources(acls: Value, id: Value, offset: Value): PHash {
  const fn = 'postgresql::postgresql_acls_to_resources_hash';
  if (!isArray(acls) || acls.some((a) => typeof a !== 'string')) return unsupportedArgument(fn, 'acls');
  if (typeof id !== 'string' || id === '') return unsupportedArgument(fn, 'id');
  if (!Number.isInteger(offset) || (offset as number) < 0) return unsupportedArgument(fn, 'offset');
  const resources = new Map<Value, Value>();
  for (const acl of acls as string[]) {
    // Ruby's `index`: the first equal line's, so a repeated line repeats its number.
    const index = (acls as string[]).indexOf(acl);
    const parts = acl.trim() === '' ? [] : acl.trim().split(/\s+/);
    if (parts.length < 4) throw failure(`${fn}(): acl line ${index} does not have enough parts`);
    const r = new Map<Value, Value>([['type', parts[0]], ['database', parts[1]], ['user', parts[2]], ['order', String((offset as number) + index).padStart(3, '0')]]);
    const rest = (from: number): string => parts.slice(from).join(' ');
    if (parts[0] === 'local') {
      r.set('auth_method', parts[3]);
      if (parts.length > 4) r.set('auth_option', rest(4));
    } else if (/^\d/.test(parts[4] ?? '')) {
      r.set('address', `${parts[3]} ${parts[4]}`);
      r.set('auth_method', parts[5]);
      if (parts.length > 6) r.set('auth_option', rest(6));
    } else {
      r.set('address', parts[3]);
      r.set('auth_method', parts[4]);
      if (parts.length > 5) r.set('auth_option', rest(5));
    }
    resources.set(`postgresql class generated rule ${id} ${index}`, r);
  }
  return resources;
}

export const POSTGRESQL_FUNCTIONS: Readonly<Record<string, PuppetFunction>> = {
  'postgresql::postgresql_password': (_c, args) => { dispatchArity('postgresql::postgresql_password', args, 2); return password(args[0], args[1]); },
  'postgresql::postgresql_escape': (_c, args) => { dispatchArity('postgresql::postgresql_escape', args, 1); return escape(args[0]); },
  'postgresql::postgresql_acls_to_resources_hash': (_c, args) => {
    dispatchArity('postgresql::postgresql_acls_to_resources_hash', args, 3);
    return aclsToResources(args[0], args[1], args[2]);
  },
};
