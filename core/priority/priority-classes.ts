import { ValidationError } from '../errors/troupe-error.js';

/**
 * The priority classes a node can be put in, and the compile priority each
 * gives its requests (a request's own priority counts when it is higher).
 * `critical` also admits the node's check-ins past a shut admission gate.
 */
export const PRIORITY_CLASSES = { critical: 9, high: 6 } as const;
export type PriorityClassName = keyof typeof PRIORITY_CLASSES;
const CLASS_NAMES = Object.keys(PRIORITY_CLASSES) as PriorityClassName[];

/** The priority at and above which a check-in is admitted into the critical reserve. */
export const CRITICAL_PRIORITY = PRIORITY_CLASSES.critical;

/**
 * Which nodes a rule covers: a certname glob (`db*.example.com`, `*` and
 * `?`) or a fact equality (`role=db`, `os.family=Debian`; a dotted path
 * into structured facts, compared as text).
 */
export type NodeSelector =
  | { readonly kind: 'certname'; readonly glob: string; readonly pattern: RegExp }
  | { readonly kind: 'fact'; readonly path: readonly string[]; readonly value: string };

export interface PriorityRule {
  readonly className: PriorityClassName;
  readonly priority: number;
  readonly selector: NodeSelector;
  /** As written, for messages. */
  readonly text: string;
}

const GLOB = /^[A-Za-z0-9.*?_-]+$/;
const FACT_PATH = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;

/** One selector as written in the config; throws a ValidationError naming `where`. */
export function parseSelector(text: string, where: string): NodeSelector {
  const s = text.trim();
  const eq = s.indexOf('=');
  if (eq < 0) {
    if (!GLOB.test(s)) throw new ValidationError(where, `'${text}' is neither a certname glob (letters, digits, . - _ * ?) nor a fact equality (path=value)`);
    const pattern = new RegExp(`^${s.replace(/[.\-]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.')}$`);
    return { kind: 'certname', glob: s, pattern };
  }
  const path = s.slice(0, eq).trim();
  const value = s.slice(eq + 1).trim();
  if (!FACT_PATH.test(path)) throw new ValidationError(where, `'${path}' is not a fact path (names joined by dots)`);
  if (value === '') throw new ValidationError(where, `'${text}' compares ${path} with nothing`);
  return { kind: 'fact', path: path.split('.'), value };
}

/**
 * Priority classes from the config: an object `{ "critical": ["role=db",
 * "db*"], "high": [...] }` (the config file), or its text form
 * `critical:role=db,db*;high:web-*` (flags and `TROUPE_*`). Empty: none.
 * Throws a ValidationError whose path is the class at fault.
 */
export function parsePriorityClasses(value: unknown): readonly PriorityRule[] {
  const entries = typeof value === 'string' ? textEntries(value) : objectEntries(value);
  const rules: PriorityRule[] = [];
  for (const [name, selectors] of entries) {
    if (!(CLASS_NAMES as string[]).includes(name)) throw new ValidationError('', `unknown priority class '${name}' (expected ${CLASS_NAMES.join(' or ')})`);
    const className = name as PriorityClassName;
    for (const text of selectors) {
      rules.push({ className, priority: PRIORITY_CLASSES[className], selector: parseSelector(text, className), text: text.trim() });
    }
  }
  return Object.freeze(rules);
}

function textEntries(text: string): Array<[string, readonly string[]]> {
  return text.split(';').map((s) => s.trim()).filter((s) => s !== '').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new ValidationError('', `'${part}' should read class:selector,selector (e.g. critical:role=db,db*)`);
    return [part.slice(0, colon).trim(), part.slice(colon + 1).split(',').filter((x) => x.trim() !== '')];
  });
}

function objectEntries(value: unknown): Array<[string, readonly string[]]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ValidationError('', 'expected an object of class → selectors, or class:selector,…;… text');
  return Object.entries(value).map(([name, list]) => {
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) throw new ValidationError(name, `expected a list of selectors`);
    return [name, list as string[]];
  });
}

/** Whether a selector covers a node, given its facts (undefined: not known). */
export function selects(selector: NodeSelector, certname: string, facts: Readonly<Record<string, unknown>> | undefined): boolean {
  if (selector.kind === 'certname') return selector.pattern.test(certname);
  if (facts === undefined) return false;
  let v: unknown = facts;
  for (const key of selector.path) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    v = (v as Record<string, unknown>)[key];
  }
  return (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && String(v) === selector.value;
}

/** The highest class priority of the rules that cover the node; 0 when none does. */
export function classPriority(rules: readonly PriorityRule[], certname: string, facts: Readonly<Record<string, unknown>> | undefined): number {
  let p = 0;
  for (const r of rules) if (r.priority > p && selects(r.selector, certname, facts)) p = r.priority;
  return p;
}
