import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { capitalizeType, fromJson, isArray, isHash, ResourceRef, type Value } from '../../types/values.js';
import { versioncmp } from '../data/string.functions.js';
import type { FunctionContext } from '../function-context.js';
import type { PuppetFunction } from '../puppet-function.types.js';
import { ipRange } from './ip-address.js';
import { failure, inspectRuby, legacy, rubyToS } from './ruby-interop.js';

/** stdlib 8.5's functions over the node's facts, the catalog's resources and module metadata, and small escapers. */

const topVar = (c: FunctionContext, name: string): Value => c.top.vars.get(name);

/** `fact('a.b."c.d".0')`: walks `$facts` by a dotted path (quoted parts may hold dots). */
function fact(c: FunctionContext, name: string): Value {
  const path = [...name.matchAll(/([^."]+)|(?:")([^"]+)(?:")/g)].map((m) => m[1] ?? m[2]!);
  let d: Value = topVar(c, 'facts');
  for (const k of path) {
    if (d === undefined) return undefined;
    if (isArray(d)) d = /^[-+]?\d+$/.test(k) ? d[Number(k) < 0 ? d.length + Number(k) : Number(k)] : undefined;
    else if (isHash(d)) d = d.get(k);
    else return undefined;
  }
  return d;
}

/** `has_interface_with(kind, value)` over the legacy `interfaces` and `<kind>_<iface>` facts. */
function hasInterfaceWith(c: FunctionContext, args: Value[]): boolean {
  const interfaces = topVar(c, 'interfaces');
  if (interfaces === undefined) return false;
  const names = rubyToS(interfaces).split(',');
  if (args.length === 1) return names.includes(rubyToS(args[0]));
  const [kind, value] = args;
  if (topVar(c, rubyToS(kind)) === value) return true;
  return names.some((i) => topVar(c, `${rubyToS(kind)}_${i.toLowerCase()}`) === value);
}

/** RFC 4122 version 5 UUID of a name in the DNS namespace, as stdlib's `fqdn_uuid` builds it. */
function fqdnUuid(fqdn: string): string {
  const ns = Buffer.from('6ba7b8109dad11d180b400c04fd430c8', 'hex');
  const b = createHash('sha1').update(ns).update(fqdn).digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join('-');
}

/** `to_python`/`to_ruby` on data: literals as those languages write them. */
function literal(v: Value, lang: 'python' | 'ruby'): string {
  if (lang === 'python' && (v === true || v === false)) return v ? 'True' : 'False';
  if (v === undefined) return lang === 'python' ? 'None' : 'nil';
  if (isArray(v)) return `[${v.map((x) => literal(x, lang)).join(', ')}]`;
  if (isHash(v)) return `{${[...v].map(([k, x]) => `${literal(k, lang)}${lang === 'python' ? ': ' : ' => '}${literal(x, lang)}`).join(', ')}}`;
  return inspectRuby(v);
}

function loadModuleMetadata(c: FunctionContext, args: Value[]): Value {
  if (args.length !== 1 && args.length !== 2) throw failure('load_module_metadata(): Wrong number of arguments, expects one or two');
  const mod = rubyToS(args[0]);
  const root = c.code.moduleRoot(mod);
  if (!root) throw failure(`Could not find module ${mod} in environment ${c.code.name}`);
  const file = join(root, 'metadata.json');
  if (existsSync(file)) return fromJson(JSON.parse(readFileSync(file, 'utf8')));
  if (args[1] === undefined || args[1] === false || args[1] === '') throw failure(`load_module_metadata(): No metadata.json file for module ${mod}`);
  return new Map();
}

function getparam(c: FunctionContext, args: Value[]): Value {
  const [reference, param] = args;
  if (reference === undefined || reference === '') throw failure('Must specify a reference');
  if (typeof param !== 'string') throw failure('Must specify name of a parameter');
  if (param === '') return '';
  const m = reference instanceof ResourceRef ? [reference.type, reference.title] : /^([^[]+)\[(.*)\]$/s.exec(rubyToS(reference))?.slice(1);
  const r = m ? c.find(capitalizeType(m[0]!), m[1]!) : undefined;
  const v = r?.params.get(param);
  return v === undefined ? '' : v;
}

function validateStrings(fn: string, args: Value[], ok: (s: string) => boolean, what: string): Value {
  if (args.length === 0) throw failure(`${fn}(): wrong number of arguments (0; must be > 0)`);
  for (const a of args) {
    if (typeof a !== 'string') throw failure(`${inspectRuby(a)} is not a string.`);
    if (!ok(a)) throw failure(`${inspectRuby(a)} ${what}`);
  }
  return undefined;
}

/** stdlib's `is_domain_name`. */
export function isDomainName(v: Value): boolean {
  if (typeof v !== 'string') return false;
  if (v === '.') return true;
  const d = v.replace(/\.$/, '');
  if (d === '' || d.length > 255) return false;
  if (d.includes('.') && !/\.[A-Za-z]+$/m.test(d)) return false;
  return d.split('.').every((l) => l.length >= 1 && l.length <= 63 && !l.startsWith('-') && !l.endsWith('-') && /^[a-z\d-]+$/im.test(l));
}

/** stdlib's `is_email_address`. */
export const isEmailAddress = (v: Value): boolean => typeof v === 'string' && /^([\w+-].?)+@[a-z\d-]+(\.[a-z]+)*\.[a-z]+$/.test(v);

export const STDLIB_NODE_FUNCTIONS: Record<string, PuppetFunction> = {
  fact: (c, args) => fact(c, rubyToS(args[0])),
  os_version_gte: (c, args) => {
    const facts = topVar(c, 'facts');
    const get = (k: string): Value => (isHash(facts) ? facts.get(k) : undefined);
    return get('operatingsystem') === args[0] && versioncmp(rubyToS(get('operatingsystemmajrelease')), rubyToS(args[1])) >= 0;
  },
  has_interface_with: legacy((c, args) => {
    if (args.length === 0 || args.length > 2) throw failure(`has_interface_with(): Wrong number of arguments given (${args.length} for 1 or 2)`);
    return hasInterfaceWith(c, args);
  }),
  has_ip_address: legacy((c, args) => {
    if (args.length !== 1) throw failure(`has_ip_address(): Wrong number of arguments given (${args.length} for 1)`);
    return hasInterfaceWith(c, ['ipaddress', args[0]]);
  }),
  has_ip_network: legacy((c, args) => {
    if (args.length !== 1) throw failure(`has_ip_network(): Wrong number of arguments given (${args.length} for 1)`);
    return hasInterfaceWith(c, ['network', args[0]]);
  }),
  fqdn_uuid: legacy((_c, args) => {
    if (args.length === 0) throw failure('fqdn_uuid: No arguments given');
    if (args.length !== 1) throw failure(`fqdn_uuid: Too many arguments given (${args.length})`);
    return fqdnUuid(rubyToS(args[0]));
  }),
  load_module_metadata: legacy((c, args) => loadModuleMetadata(c, args)),
  getparam: legacy((c, args) => getparam(c, args)),
  'stdlib::ip_in_range': (_c, args) => {
    const [ip, range] = args;
    return (isArray(range) ? range : [range]).some((r) => ipRange(rubyToS(r), rubyToS(ip)));
  },
  batch_escape: (_c, args) => `"${[...rubyToS(args[0])].map((ch) => (ch === '"' ? '""' : ch === '$' || ch === '\\' ? `\\${ch}` : ch)).join('')}"`,
  powershell_escape: (_c, args) => [...rubyToS(args[0])].map((ch) => (" '`|\n$".includes(ch) ? `\`${ch}` : ch === '"' ? '\\`"' : ch)).join(''),
  to_python: (_c, args) => literal(args[0], 'python'),
  to_ruby: (_c, args) => literal(args[0], 'ruby'),
  deprecation: (c, args, _scope, loc) => { c.warn(rubyToS(args[1]), loc); return undefined; },
  validate_domain_name: legacy((_c, args) => validateStrings('validate_domain_name', args, isDomainName, 'is not a syntactically correct domain name')),
  validate_email_address: legacy((_c, args) => validateStrings('validate_email_address', args, isEmailAddress, 'is not a valid email address')),
};
