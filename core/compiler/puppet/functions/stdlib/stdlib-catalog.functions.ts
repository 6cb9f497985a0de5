import { createHash } from 'node:crypto';
import type { Scope } from '../../evaluation/scope.js';
import type { Loc } from '../../syntax/ast.types.js';
import { capitalizeType, isArray, isHash, ResourceRef, type PHash, type Value } from '../../types/values.js';
import { CATALOG_FUNCTIONS } from '../compile/catalog.functions.js';
import { DIGEST_FUNCTIONS } from '../data/digest.functions.js';
import { rubyRandom, rubyRandomGenerator } from '../data/ruby-random.js';
import type { FunctionContext } from '../function-context.js';
import type { PuppetFunction } from '../puppet-function.types.js';
import { dispatchTypeName, failure, legacy, rubyClass, rubyEq, rubyToI, rubyToS } from './ruby-interop.js';

/** stdlib 8.5's functions that read or add to the catalog, and its seeded random functions. */

/** `defined_with_params`: a resource (or any of a type) exists whose given parameters all equal these. */
function definedWithParams(c: FunctionContext, scope: Scope, reference: Value, params: Value): boolean {
  if (reference === undefined || reference === '') throw failure('Must specify a reference');
  let type: string;
  let title: string;
  if (typeof reference === 'string') {
    const m = /^([^[]+)\[(.*)\]$/s.exec(reference);
    if (!m) throw failure(`No title provided and ${JSON.stringify(reference)} is not a valid resource reference`);
    [type, title] = [m[1]!, m[2]!];
  } else if (reference instanceof ResourceRef) {
    [type, title] = [reference.type, reference.title];
  } else throw failure(`Reference is not understood: '${rubyClass(reference)}'`);
  type = capitalizeType(type);
  const wanted: PHash = isHash(params) ? params : new Map();
  const current = scope.owner.resource?.ref;
  const candidates = title === '' ? c.graph.resources.filter((r) => r.type === type) : [c.find(type, title)];
  return candidates.some((res) => {
    if (!res || res.ref === current) return false;
    return [...wanted].every(([k, v]) => {
      const have = res.params.get(rubyToS(k));
      return (have === undefined && v === undefined) || rubyEq(have, v);
    });
  });
}

/** `ensure_resource`: declares each title unless an equal resource is already there (then Puppet's duplicate error). */
function ensureResource(c: FunctionContext, scope: Scope, loc: Loc, args: Value[]): Value {
  const [type, title, params] = args;
  if (type === undefined || type === '') throw failure('Must specify a type');
  if (title === undefined || title === '') throw failure('Must specify a title');
  const attrs = isHash(params) ? params : new Map<Value, Value>();
  for (const item of isArray(title) ? title.flat(Infinity as 1) as Value[] : [title]) {
    const t = rubyToS(type);
    if (definedWithParams(c, scope, `${t}[${rubyToS(item)}]`, attrs)) continue;
    CATALOG_FUNCTIONS['create_resources']!(c, [t.charAt(0).toUpperCase() + t.slice(1).toLowerCase(), new Map([[item, attrs]])], scope, loc);
  }
  return undefined;
}

function ensureResources(c: FunctionContext, scope: Scope, loc: Loc, args: Value[]): Value {
  const [type, titles, params] = args;
  if (type === undefined || type === '') throw failure('Must specify a type');
  if (titles === undefined || titles === '') throw failure('Must specify a title');
  if (!isHash(titles)) throw failure('ensure_resources(): Requires second argument to be a Hash');
  const defaults = isHash(params) ? params : new Map<Value, Value>();
  for (const [name, own] of titles) {
    const merged = isHash(own) ? new Map([...defaults, ...own]) : defaults;
    ensureResource(c, scope, loc, [type, name, merged]);
  }
  return undefined;
}

/** The 4.x `ensure_packages`: `ensure => installed` unless given (`present` means `installed`). */
function ensurePackages(c: FunctionContext, scope: Scope, loc: Loc, args: Value[]): Value {
  const [packages, attrs] = args;
  const valid = (s: Value): boolean => typeof s === 'string' && s.length > 0;
  if (!(valid(packages) || (isArray(packages) && packages.every(valid)) || (isHash(packages) && [...packages.keys()].every(valid)))) {
    throw failure(`'ensure_packages' parameter 'packages' expects a value of type String, Array, or Hash, got ${rubyClass(packages)}`);
  }
  const defaults = new Map<Value, Value>([['ensure', 'installed'], ...(isHash(attrs) ? attrs : [])]);
  if (defaults.get('ensure') === 'present') defaults.set('ensure', 'installed');
  if (isHash(packages)) return ensureResources(c, scope, loc, ['package', packages, defaults]);
  for (const p of isArray(packages) ? packages : [packages]) ensureResource(c, scope, loc, ['package', p, defaults]);
  return undefined;
}

/**
 * `assert_private`: fails unless the class or define calling it was
 * declared from its own module (`$module_name` is `$caller_module_name`).
 */
function assertPrivate(scope: Scope, args: Value[]): Value {
  if (args.length > 1) throw failure(`assert_private(): Wrong number of arguments given (${args.length}}) for 0 or 1)`);
  if (scope.lookup('module_name').value === scope.lookup('caller_module_name').value) return undefined;
  if (typeof args[0] === 'string' && args[0] !== '') throw failure(args[0]);
  let owner: Scope | undefined = scope;
  while (owner && owner.kind !== 'class' && owner.kind !== 'define') owner = owner.lexical;
  throw failure(`${owner?.kind === 'class' ? 'Class' : 'Definition'} ${owner?.name ?? ''} is private`);
}

const md5Seed = (s: string): bigint => BigInt(`0x${createHash('md5').update(s).digest('hex')}`);

/** stdlib's `is_integer` test for the random functions' lengths. */
const positiveInteger = (v: Value): boolean =>
  ((typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?(?:(?:[1-9]\d*)|0)$/m.test(v))) && rubyToI(v) > 0;

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export const STDLIB_CATALOG_FUNCTIONS: Record<string, PuppetFunction> = {
  assert_private: legacy((_c, args, scope) => assertPrivate(scope, args)),
  defined_with_params: legacy((c, args, scope) => definedWithParams(c, scope, args[0], args[1])),
  ensure_resource: legacy((c, args, scope, loc) => ensureResource(c, scope, loc, args)),
  ensure_resources: legacy((c, args, scope, loc) => ensureResources(c, scope, loc, args)),
  ensure_packages: (c, args, scope, loc) => ensurePackages(c, scope, loc, args),
  fqdn_rand_string: legacy((c, args, scope, loc) => {
    if (args.length === 0) throw failure('fqdn_rand_string(): wrong number of arguments (0 for 1)');
    const [length, chars, ...seeds] = args;
    if (!positiveInteger(length)) throw failure('fqdn_rand_string(): first argument must be a positive integer');
    if (!(chars === undefined || typeof chars === 'string')) throw failure('fqdn_rand_string(): second argument must be undef or a string');
    const charset = [...(rubyToS(chars) || ALNUM)];
    let out = '';
    for (let i = 1; i <= rubyToI(length); i++) {
      const seed = [...seeds.map(rubyToS), String(i)].join(':');
      out += charset[DIGEST_FUNCTIONS['fqdn_rand']!(c, [charset.length, seed], scope, loc) as number];
    }
    return out;
  }),
  fqdn_rotate: legacy((c, args) => {
    if (args.length === 0) throw failure('fqdn_rotate(): Wrong number of arguments given (0 for 1)');
    const [value, ...seeds] = args;
    if (!isArray(value) && typeof value !== 'string') throw failure('fqdn_rotate(): Requires either array or string to work with');
    const items = typeof value === 'string' ? [...value] : [...value];
    if (items.length <= 1) return value;
    const fqdn = rubyToS(c.top.vars.get('fqdn'));
    const offset = rubyRandom(md5Seed([fqdn, seeds.map(rubyToS).join(':')].join(':')), items.length);
    const rotated = [...items.slice(offset), ...items.slice(0, offset)];
    return typeof value === 'string' ? rotated.join('') : rotated;
  }),
  seeded_rand: legacy((_c, args) => {
    if (args.length !== 2) throw failure(`seeded_rand(): wrong number of arguments (given ${args.length}, expected 2)`);
    const [max, seed] = args;
    if (!positiveInteger(max)) throw failure('seeded_rand(): first argument must be a positive integer');
    if (typeof seed !== 'string') throw failure('seeded_rand(): second argument must be a string');
    return rubyRandom(md5Seed(seed), rubyToI(max));
  }),
  seeded_rand_string: (_c, args) => {
    const [length, seed, charset = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'] = args;
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 1) throw failure(`'seeded_rand_string' parameter 'length' expects an Integer[1] value, got ${dispatchTypeName(length)}`);
    if (typeof seed !== 'string') throw failure(`'seeded_rand_string' parameter 'seed' expects a String value, got ${rubyClass(seed)}`);
    const chars = [...rubyToS(charset)];
    const rand = rubyRandomGenerator(BigInt(`0x${createHash('sha256').update(seed).digest('hex')}`));
    return Array.from({ length }, () => chars[rand(chars.length)]).join('');
  },
};
