import type { Scope } from '../evaluation/scope.js';
import type { SourcePos } from '../puppet-error.js';
import type { Definition } from '../syntax/ast.types.js';
import { isArray, type Value } from '../types/values.js';

const ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  exec: ['command', 'creates', 'cwd', 'environment', 'group', 'logoutput', 'onlyif', 'path', 'provider', 'refresh',
    'refreshonly', 'returns', 'timeout', 'tries', 'try_sleep', 'umask', 'unless', 'user'],
  file: ['backup', 'checksum', 'checksum_value', 'content', 'ctime', 'ensure', 'force', 'group', 'ignore', 'links',
    'max_files', 'mode', 'mtime', 'owner', 'path', 'provider', 'purge', 'recurse', 'recurselimit', 'replace',
    'selinux_ignore_defaults', 'selrange', 'selrole', 'seltype', 'seluser', 'show_diff', 'source', 'source_permissions',
    'sourceselect', 'staging_location', 'target', 'type', 'validate_cmd', 'validate_replacement'],
  filebucket: ['name', 'path', 'port', 'server'],
  group: ['allowdupe', 'attribute_membership', 'attributes', 'auth_membership', 'ensure', 'forcelocal', 'gid',
    'ia_load_module', 'members', 'name', 'provider', 'system'],
  notify: ['message', 'name', 'withpath'],
  package: ['adminfile', 'allow_virtual', 'allowcdrom', 'category', 'command', 'configfiles', 'description', 'enable_only',
    'ensure', 'flavor', 'install_only', 'install_options', 'instance', 'mark', 'name', 'package_settings', 'platform',
    'provider', 'reinstall_on_refresh', 'responsefile', 'root', 'source', 'status', 'uninstall_options', 'vendor'],
  resources: ['name', 'purge', 'unless_system_user', 'unless_uid'],
  schedule: ['name', 'period', 'periodmatch', 'range', 'repeat', 'weekday'],
  service: ['binary', 'control', 'enable', 'ensure', 'flags', 'hasrestart', 'hasstatus', 'logonaccount', 'logonpassword',
    'manifest', 'name', 'path', 'pattern', 'provider', 'restart', 'start', 'status', 'stop', 'timeout'],
  stage: ['name'],
  tidy: ['age', 'backup', 'matches', 'max_files', 'path', 'recurse', 'rmdirs', 'size', 'type'],
  user: ['allowdupe', 'attribute_membership', 'attributes', 'auth_membership', 'auths', 'comment', 'ensure', 'expiry',
    'forcelocal', 'gid', 'groups', 'home', 'ia_load_module', 'iterations', 'key_membership', 'keys', 'loginclass',
    'managehome', 'membership', 'name', 'password', 'password_max_age', 'password_min_age', 'password_warn_days',
    'profile_membership', 'profiles', 'project', 'provider', 'purge_ssh_keys', 'role_membership', 'roles', 'salt', 'shell',
    'system', 'uid'],
  whit: ['name'],
  component: ['name'],
};

/**
 * Puppet 7.23's own resource types and their parameters and properties
 * (from `Puppet::Type.type(t).parameters + properties`); anything else must
 * be a defined type. The compile checks attribute names against these, as
 * Puppet does when it finishes a resource.
 */
export const CORE_TYPE_ATTRIBUTES: Readonly<Record<string, ReadonlySet<string>>> = Object.fromEntries(
  Object.entries(ATTRIBUTES).map(([t, attrs]) => [t, new Set(attrs)]),
);

export const CORE_TYPES: ReadonlySet<string> = new Set(Object.keys(ATTRIBUTES));

/** Core types' namevar where it is not `name` (their single key attribute; a package's three make it `name`). */
export const CORE_NAMEVARS: Readonly<Record<string, string>> = { exec: 'command', file: 'path', tidy: 'path' };

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
  /**
   * The catalog keeps the `name` parameter even where it equals the title:
   * Puppet's `create_resources` given a title that is no String (`{ 80 => {} }`,
   * stdlib's `ensure_resource('apache::listen', 80)`) sets it to the title's string.
   */
  keepsName = false;

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

  /** Sets a parameter; a `tag` parameter also tags the resource. */
  setParam(name: string, value: Value): void {
    this.params.set(name, value);
    if (name === 'tag') this.tag(...((isArray(value) ? value.flat() : [value]) as Value[]).map(String));
  }

  /** Adds tags the way `Puppet::Util::Tagging#tag` does: lower-cased, `a::b` also adds `a` and `b`. */
  tag(...names: string[]): void {
    for (const raw of names) for (const t of expandTag(raw)) this.addTag(t);
  }

  /** The resource whose tags were merged last, and how many it had then (tags are only ever appended). */
  private mergedFrom: CatalogResource | undefined;
  private mergedCount = 0;

  /**
   * Takes another resource's tags (already normalised, so no validation or
   * splitting). A container's tags reach a resource twice (from its scope,
   * then along containment): only those added since are merged again.
   */
  mergeTags(from: CatalogResource): void {
    const tags = from.tags;
    for (let i = from === this.mergedFrom ? this.mergedCount : 0; i < tags.length; i++) this.addTag(tags[i]!);
    this.mergedFrom = from;
    this.mergedCount = tags.length;
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
