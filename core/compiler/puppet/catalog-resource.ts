import type { Definition } from './ast.types.js';
import type { SourcePos } from './puppet-error.js';
import type { Scope } from './scope.js';
import type { Value } from './values.js';

/** Puppet 7's own resource types; anything else must be a defined type. */
export const CORE_TYPES = new Set([
  'exec', 'file', 'filebucket', 'group', 'notify', 'package', 'resources', 'schedule', 'service', 'stage', 'tidy', 'user',
  'whit', 'component',
]);

/** Metaparameters every resource, class and defined type accepts. */
export const METAPARAMS = new Set([
  'alias', 'audit', 'before', 'loglevel', 'noop', 'notify', 'require', 'schedule', 'stage', 'subscribe', 'tag',
]);

const VALID_TAG = /^[\p{L}\p{N}_][\p{L}\p{N}_.:-]*$/u;

/** A resource as the compiler builds it; `toData` in the catalog builder serialises it. */
export class CatalogResource {
  readonly params = new Map<string, Value>();
  readonly tags: string[] = [];
  exported = false;
  virtual = false;
  /** Defined-type instances wait for the generator loop. */
  evaluated = false;
  /** Identifies a resource collected from storeconfigs (`certname|type|title`). */
  collectorId?: string;

  constructor(
    /** Capitalised type: `File`, `Class`, `Apache::Vhost`. */
    readonly type: string,
    readonly title: string,
    /** Scope the resource was declared in: its tags and defaults come from there. */
    readonly scope: Scope,
    readonly pos: SourcePos | undefined,
    /** Puppet 7's `kind`: core types are `compilable_type`, resource-like classes `class`. */
    readonly kind: 'compilable_type' | 'defined_type' | 'class' | 'unknown',
    readonly definition?: Definition,
  ) {}

  get ref(): string { return `${this.type}[${this.title}]`; }

  /** Adds tags the way `Puppet::Util::Tagging#tag` does: lower-cased, `a::b` also adds `a` and `b`. */
  tag(...names: string[]): void {
    for (const raw of names) for (const t of expandTag(raw)) this.addTag(t);
  }

  private addTag(t: string): void {
    if (!this.tags.includes(t)) this.tags.push(t);
  }

  tagged(name: string): boolean {
    return this.tags.includes(name.toLowerCase());
  }
}

const expansions = new Map<string, readonly string[]>();

/** The tags one name contributes (none when invalid), memoised: every resource tags several. */
function expandTag(raw: string): readonly string[] {
  let e = expansions.get(raw);
  if (e === undefined) {
    const t = raw.toLowerCase();
    e = !VALID_TAG.test(t) ? [] : t.includes('::') ? [t, ...t.split('::').filter((p) => p)] : [t];
    if (expansions.size < 100_000) expansions.set(raw, e);
  }
  return e;
}

/** Whether a string is a valid tag (titles that are not are simply not tagged). */
export const isValidTag = (s: string): boolean => VALID_TAG.test(s.toLowerCase());
