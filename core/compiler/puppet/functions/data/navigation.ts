import { PuppetError } from '../../puppet-error.js';
import { isArray, isHash, isInteger, rubyInspect, typeNameOf, hashGet, type Value } from '../../types/values.js';

/**
 * Puppet's `dig`: walks Arrays (Integer indexes, negative from the end) and
 * Hashes by the given keys; `undef` anywhere answers `undef`. Walking into
 * anything else is an error naming the path walked so far, as Puppet's
 * `SLICE_ERROR`s do.
 */
export function dig(data: Value, keys: readonly Value[]): Value {
  const walked: Value[] = [];
  let d = data;
  for (const k of keys) {
    if (d === undefined || k === undefined) return undefined;
    if (!isArray(d) && !isHash(d)) {
      throw new PuppetError(`The given data does not contain a Collection at ${rubyInspect(walked)}, got '${typeNameOf(d)}'`, undefined);
    }
    walked.push(k);
    if (isArray(d)) {
      if (!isInteger(k)) throw new PuppetError(`The given data requires an Integer index at ${rubyInspect(walked)}, got '${typeNameOf(k)}'`, undefined);
      d = d[k < 0 ? d.length + k : k];
    } else d = hashGet(d, k);
  }
  return d;
}

/**
 * A dotted navigation (`a.0."b.c"`) as Puppet's `get`/`getvar` split it:
 * quoted segments are Strings, unquoted digits Integers.
 */
export function splitKey(path: string): Value[] {
  const out: Value[] = [];
  const re = /"([^"]*)"|'([^']*)'|([^.]+)/y;
  let i = 0;
  while (i < path.length) {
    re.lastIndex = i;
    const m = re.exec(path);
    if (!m) throw new PuppetError('Syntax error in dotted-navigation string', undefined);
    const bare = m[3];
    out.push(bare === undefined ? (m[1] ?? m[2])! : /^-?\d+$/.test(bare) ? Number(bare) : bare);
    i = re.lastIndex;
    if (i < path.length) {
      if (path[i] !== '.') throw new PuppetError('Syntax error in dotted-navigation string', undefined);
      i++;
    }
  }
  return out;
}
