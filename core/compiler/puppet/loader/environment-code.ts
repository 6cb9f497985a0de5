import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml, type Tags } from 'yaml';
import { CORE_NAMEVARS, CORE_TYPES } from '../catalog/catalog-resource.js';
import { PuppetError } from '../puppet-error.js';
import type { Definition, Expr, Program } from '../syntax/ast.types.js';
import { toFloat } from '../types/values.js';
import { Hiera } from './hiera.js';
import type { ParseCache } from './parse-cache.js';
import { readRubyType, type RubyTypeReading, type RubyTypeShape } from './ruby-type-shape.js';

type ClassDef = Extract<Definition, { t: 'class' }>;
type DefineDef = Extract<Definition, { t: 'define' }>;
type NodeDef = Extract<Definition, { t: 'node' }>;
type FunctionDef = Extract<Definition, { t: 'function' }>;
type AliasDef = Extract<Definition, { t: 'typealias' }>;

/** A definition together with the file it came from (errors and `file` in the catalog name it). */
export interface Located<D> {
  readonly def: D;
  readonly file: string;
}

/** Lists every file under `dir` (and the base module path) with size and mtime: the environment's code fingerprint. */
export function fingerprint(dir: string, basemodulepath: readonly string[] = []): string {
  return scanEnvironment(dir, basemodulepath).id;
}

/**
 * The environment's files and their fingerprint, from one walk of the
 * directory and of the base module path's directories (modules every
 * environment sees). Symbolic links to directories are followed, once each.
 */
export function scanEnvironment(dir: string, basemodulepath: readonly string[] = []): { id: string; files: ReadonlySet<string> } {
  const h = createHash('sha1');
  const files = new Set<string>();
  const seen = new Set<string>();
  const walk = (d: string): void => {
    let entries;
    try {
      const real = realpathSync(d);
      if (seen.has(real)) return;
      seen.add(real);
      entries = readdirSync(d, { withFileTypes: true });
    } catch { return; }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(d, e.name);
      const st = e.isSymbolicLink() ? statIfAny(p) : e;
      // Hidden directories (.git) are not code; hidden files can be (hiera's `x/.yaml` for an empty fact).
      if (st?.isDirectory()) { if (!e.name.startsWith('.')) walk(p); }
      else if (st?.isFile()) { const s = statSync(p); h.update(`${p}\0${s.size}\0${s.mtimeMs}\n`); files.add(p); }
    }
  };
  walk(dir);
  for (const b of basemodulepath) walk(resolve(b));
  return { id: h.digest('hex'), files };
}

function statIfAny(p: string): Stats | undefined {
  try { return statSync(p); } catch { return undefined; }
}

/**
 * One environment's code: its site manifests and lazily autoloaded module
 * definitions, named the way Puppet's autoloader names them
 * (`a::b::c` in `modules/a/manifests/b/c.pp`). Built once per code version.
 */
export class EnvironmentCode {
  readonly site: readonly Program[];
  readonly nodes: readonly Located<NodeDef>[];
  private readonly classes = new Map<string, Located<ClassDef>>();
  private readonly defines = new Map<string, Located<DefineDef>>();
  private readonly functions = new Map<string, Located<FunctionDef>>();
  private readonly aliases = new Map<string, Located<AliasDef>>();
  private readonly loaded = new Set<string>();
  private readonly yamlCache = new Map<string, unknown>();
  private readonly templates = new Map<string, Program>();

  /** Resource types modules ship in Ruby (`<module>/lib/puppet/type/<name>.rb`), with their file. */
  private readonly rubyTypes = new Map<string, string>();
  /** Their shapes as far as the source could be read (ruby-type-shape.ts), read on first use. */
  private readonly rubyTypeShapes = new Map<string, RubyTypeShape | undefined>();

  /** Functions modules ship in Ruby, by name: the module whose file Puppet's loaders would find first. */
  private readonly rubyFunctions = new Map<string, string>();

  /** Where modules live, in `environment.conf`'s `modulepath` order (default `modules:$basemodulepath`). */
  private readonly moduleDirs: readonly string[];
  private readonly moduleRoots = new Map<string, string | undefined>();

  /** Hiera for this code version (its configuration and data are part of the code). */
  readonly hiera: Hiera = new Hiera(this);

  constructor(
    readonly dir: string,
    readonly name: string,
    readonly codeId: string,
    /** Every file of this code version: existence checks need no system call. */
    private readonly files: ReadonlySet<string>,
    private readonly cache: ParseCache,
    /** Puppet's `basemodulepath`: module directories after the environment's own, where `modulepath` says `$basemodulepath`. */
    basemodulepath: readonly string[] = [],
  ) {
    const conf = readEnvironmentConf(join(dir, 'environment.conf'));
    this.moduleDirs = moduleDirsOf(dir, conf, basemodulepath);
    for (const f of files) {
      const m = /\/lib\/puppet\/type\/([a-z][a-z0-9_]*)\.rb$/.exec(f);
      if (m && this.moduleOf(f) && !this.rubyTypes.has(m[1]!)) this.rubyTypes.set(m[1]!, f);
    }
    this.indexRubyFunctions(files);
    const manifests = resolve(dir, conf['manifest'] ?? 'manifests');
    const siteFiles = existsSync(manifests) && statSync(manifests).isDirectory() ? listPp(manifests) : existsSync(manifests) ? [manifests] : [];
    this.site = siteFiles.map((f) => cache.get(f, 'pp'));
    const nodes: Located<NodeDef>[] = [];
    for (const p of this.site) this.register(p.body, p.file, nodes);
    this.nodes = nodes;
  }

  /** Registers definitions; those nested in a class are named inside its namespace (`outer::inner`). */
  private register(body: readonly Expr[], file: string, nodes?: Located<NodeDef>[], namespace = ''): void {
    for (const raw of body) {
      const e = namespace && (raw.t === 'class' || raw.t === 'define') ? { ...raw, name: `${namespace}::${raw.name}` } : raw;
      switch (e.t) {
        case 'class':
          if (!this.classes.has(e.name)) this.classes.set(e.name, { def: e, file });
          this.register(e.body, file, undefined, e.name);
          break;
        case 'define': if (!this.defines.has(e.name)) this.defines.set(e.name, { def: e, file }); break;
        case 'function': this.functions.set(e.name, { def: e, file }); break;
        case 'typealias': this.aliases.set(e.name.toLowerCase(), { def: e, file }); break;
        case 'node': nodes?.push({ def: e, file }); break;
        default:
      }
    }
  }

  private load(path: string): void {
    if (this.loaded.has(path)) return;
    // Marked loaded only once parsed: a syntax error is every compile's error, as in Puppet,
    // not the first one's followed by "Could not find class".
    if (existsSync(path)) this.register(this.cache.get(path, 'pp').body, path);
    this.loaded.add(path);
  }

  /** Tries `modules/<mod>/<sub>/<rest>.pp` for the name and, as Puppet does, its parent namespaces. */
  private autoload(name: string, sub: 'manifests' | 'functions' | 'types'): void {
    const parts = name.toLowerCase().split('::');
    const root = this.moduleRoot(parts[0]!);
    if (!root) return;
    const base = join(root, sub);
    if (sub !== 'manifests') { this.load(join(base, ...parts.slice(1)) + '.pp'); return; }
    for (let n = parts.length; n >= 1; n--) {
      this.load(n === 1 ? join(base, 'init.pp') : join(base, ...parts.slice(1, n)) + '.pp');
    }
  }

  findClass(name: string): Located<ClassDef> | undefined {
    if (!this.classes.has(name)) this.autoload(name, 'manifests');
    return this.classes.get(name);
  }

  findDefine(name: string): Located<DefineDef> | undefined {
    if (!this.defines.has(name)) this.autoload(name, 'manifests');
    return this.defines.get(name);
  }

  findFunction(name: string): Located<FunctionDef> | undefined {
    if (!this.functions.has(name) && name.includes('::')) this.autoload(name, 'functions');
    return this.functions.get(name);
  }

  findAlias(name: string): Located<AliasDef> | undefined {
    const key = name.toLowerCase();
    if (!this.aliases.has(key) && key.includes('::')) this.autoload(key, 'types');
    return this.aliases.get(key);
  }

  /** A module's directory: the first entry of the module path that has it. */
  moduleRoot(mod: string): string | undefined {
    if (!this.moduleRoots.has(mod)) {
      this.moduleRoots.set(mod, /^[a-z][a-z0-9_]*$/.test(mod) ? this.moduleDirs.map((d) => join(d, mod)).find((p) => existsSync(p)) : undefined);
    }
    return this.moduleRoots.get(mod);
  }

  /**
   * Finds functions in `<module>/lib/puppet/functions/**.rb` (4.x API,
   * `a/b.rb` is `a::b`) and `<module>/lib/puppet/parser/functions/*.rb`
   * (3.x API); the first module on the module path wins, and within a
   * module the 4.x file, as Puppet's loaders search.
   */
  private indexRubyFunctions(files: ReadonlySet<string>): void {
    const found: { name: string; mod: string; rank: number }[] = [];
    for (const f of files) {
      const mod = this.moduleOf(f);
      if (!mod) continue;
      const dir = this.moduleDirs.findIndex((d) => f.startsWith(`${d}/${mod}/lib/puppet/`));
      if (dir < 0) continue;
      const rel = f.slice(`${this.moduleDirs[dir]}/${mod}/lib/puppet/`.length);
      const m4 = /^functions\/((?:[a-z][a-z0-9_]*\/)*[a-z][a-z0-9_]*)\.rb$/.exec(rel);
      const m3 = /^parser\/functions\/([a-z][a-z0-9_]*)\.rb$/.exec(rel);
      if (m4) found.push({ name: m4[1]!.replace(/\//g, '::'), mod, rank: dir * 2 });
      else if (m3) found.push({ name: m3[1]!, mod, rank: dir * 2 + 1 });
    }
    found.sort((a, b) => a.rank - b.rank);
    for (const { name, mod } of found) if (!this.rubyFunctions.has(name)) this.rubyFunctions.set(name, mod);
  }

  /** The module whose Ruby code defines function `name` (`pick` → `stdlib`), if any module on the path does. */
  rubyFunctionModule(name: string): string | undefined {
    return this.rubyFunctions.get(name);
  }

  /** Whether a type is a core type or one a module ships in Ruby (compiled like core types). */
  isCompilableType(name: string): boolean {
    return CORE_TYPES.has(name) || this.rubyTypes.has(name);
  }

  /**
   * A module's Ruby type as read from its source (attributes, namevar), or
   * undefined when it is no Ruby type or its source could not be read: then
   * its attributes are not checked (and `--compiler auto` compiles with Puppet).
   */
  rubyTypeShape(name: string): RubyTypeShape | undefined {
    const file = this.rubyTypes.get(name);
    if (file === undefined) return undefined;
    if (!this.rubyTypeShapes.has(name)) {
      let reading: RubyTypeReading;
      try { reading = readRubyType(name, readFileSync(file, 'utf8')); } catch { reading = { ok: false, why: 'unreadable' }; }
      // A type with providers (`lib/puppet/provider/<type>/*.rb`, in any module) has a `provider` parameter too.
      const providers = [...this.files].some((f) => f.includes(`/lib/puppet/provider/${name}/`) && f.endsWith('.rb'));
      this.rubyTypeShapes.set(name, !reading.ok ? undefined
        : providers ? { ...reading.shape, attributes: new Set([...reading.shape.attributes, 'provider']) } : reading.shape);
    }
    return this.rubyTypeShapes.get(name);
  }

  /** The attribute that names a resource of `type` (`catalog.to_data_hash` drops it where it equals the title). */
  namevar(type: string): string {
    return CORE_NAMEVARS[type] ?? this.rubyTypeShape(type)?.namevar ?? 'name';
  }

  /** The module a file belongs to (`$module_name`), or '' for site manifests. */
  moduleOf(file: string): string {
    let mod = this.modulesOfFiles.get(file);
    if (mod === undefined) {
      const d = this.moduleDirs.find((m) => file.startsWith(m + '/'));
      mod = d ? file.slice(d.length + 1).split('/')[0]! : '';
      this.modulesOfFiles.set(file, mod);
    }
    return mod;
  }

  private readonly modulesOfFiles = new Map<string, string>();

  private readonly templateTexts = new Map<string, { path: string; text: string }>();

  /** A module's template text (ERB) by Puppet's `module/file.erb` name. */
  templateSource(ref: string): { path: string; text: string } {
    const hit = this.templateTexts.get(ref);
    if (hit) return hit;
    const [mod, ...rest] = ref.split('/');
    const root = this.moduleRoot(mod ?? '');
    const path = root ? join(root, 'templates', ...rest) : '';
    if (!root || !existsSync(path)) throw new PuppetError(`Could not find template '${ref}'`, undefined);
    const found = { path, text: readFileSync(path, 'utf8') };
    this.templateTexts.set(ref, found);
    return found;
  }

  /** A module's EPP template by Puppet's `module/file.epp` name. */
  template(ref: string): Program {
    const hit = this.templates.get(ref);
    if (hit) return hit;
    const [mod, ...rest] = ref.split('/');
    const root = this.moduleRoot(mod ?? '');
    const path = root ? join(root, 'templates', ...rest) : '';
    if (!root || !existsSync(path)) throw new PuppetError(`Could not find template '${ref}'`, undefined);
    const program = this.cache.get(path, 'epp');
    this.templates.set(ref, program);
    return program;
  }

  /**
   * A YAML file's data (hiera), cached for this code version; undefined when
   * absent. Absent files are not cached: hiera asks for one per node
   * (`nodes/<certname>.yaml`), and the file list answers without a system call.
   */
  yaml(path: string): unknown {
    const hit = this.yamlCache.get(path);
    if (hit !== undefined || !this.files.has(path)) return hit;
    let data: unknown;
    try {
      data = parseYaml(readFileSync(path, 'utf8'), PSYCH_LIKE) ?? {};
    } catch (e) {
      const reason = (e as Error).message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new PuppetError(`Unable to parse (${path}): ${reason}`, undefined, 'plain');
    }
    this.yamlCache.set(path, data);
    return data;
  }
}

/**
 * YAML as Ruby's Psych reads hiera data (with Puppet's safe load): 1.1
 * scalars (`yes`/`no`/`on`/`off` are booleans, `0755` is octal) but `y`/`n`
 * stay strings, a float needs a dot (and a signed exponent: `1.5e3` is a
 * string), `1.0` stays a Float, a decimal integer's underscores each sit
 * between digits (`2_3` is 23, `1_` and `09` are strings: Psych 4's
 * INTEGER), and a timestamp is an error as Puppet refuses Date/Time.
 */
const PSYCH_DECIMAL = /^[-+]?(?:0|[1-9](?:[0-9]|_[0-9])*)$/;
const PSYCH_FLOAT = /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?$/;

export const PSYCH_LIKE = {
  version: '1.1',
  customTags: (tags: Tags): Tags => tags.map((t) => {
    if (typeof t === 'string') return t;
    if (t.tag === 'tag:yaml.org,2002:bool' && t.test) return { ...t, test: new RegExp(t.test.source.replace(/Y\|y\||N\|n\|/g, '')) };
    if (t.tag === 'tag:yaml.org,2002:int' && t.format === undefined && t.test) return { ...t, test: PSYCH_DECIMAL };
    if (t.tag === 'tag:yaml.org,2002:float' && t.test && !t.test.test('.inf')) {
      return { ...t, test: PSYCH_FLOAT, resolve: (str: string) => toFloat(parseFloat(str.replace(/_/g, ''))) };
    }
    if (t.tag === 'tag:yaml.org,2002:timestamp') {
      const resolve = (str: string): never => { throw new Error(`Tried to load unspecified class: ${/\d[tT ]\d/.test(str) ? 'Time' : 'Date'}`); };
      return { ...t, resolve } as typeof t;
    }
    return t;
  }),
} as const;



/** `environment.conf`'s settings (`modulepath`, `manifest`, …); empty when there is none. */
export function readEnvironmentConf(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^\s*([a-z_]+)\s*=\s*(.*?)\s*$/.exec(line.replace(/#.*/, ''));
    if (m) out[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1');
  }
  return out;
}

/**
 * Where an environment's modules live, in `modulepath` order (Puppet's
 * default `modules:$basemodulepath`); `$basemodulepath` expands to the given
 * directories, other `$settings` to nothing.
 */
export function moduleDirsOf(
  dir: string,
  conf: Readonly<Record<string, string>> = readEnvironmentConf(join(dir, 'environment.conf')),
  basemodulepath: readonly string[] = [],
): string[] {
  return (conf['modulepath'] ?? 'modules:$basemodulepath').split(':').flatMap((p) =>
    p === '$basemodulepath' ? basemodulepath.map((b) => resolve(b)) : p && !p.startsWith('$') ? [resolve(dir, p)] : []);
}

function listPp(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listPp(p));
    else if (e.name.endsWith('.pp')) out.push(p);
  }
  return out;
}
