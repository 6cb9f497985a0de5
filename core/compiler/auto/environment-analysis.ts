import { readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { FUNCTIONS } from '../puppet/functions/function-registry.js';
import { moduleDirsOf, readEnvironmentConf } from '../puppet/loader/environment-code.js';
import { PuppetError } from '../puppet/puppet-error.js';
import type { Expr } from '../puppet/syntax/ast.types.js';
import { parseEpp, parseManifest } from '../puppet/syntax/parser.js';

/** The compilers `--compiler auto` chooses between. */
export type Backend = 'builtin' | 'puppet';

/** Which backend compiles an environment's code version, and why (shown in events and `/status`). */
export interface BackendDecision {
  readonly backend: Backend;
  readonly reason: string;
}

export interface EnvironmentAnalysisOptions {
  /** Whether the built-in implements a module's Ruby function natively (module-functions.ts). */
  readonly implementsModuleFunction: (module: string, name: string) => boolean;
}

/** What one Puppet file uses, as far as the choice of backend goes. */
interface FileUse {
  readonly calls: readonly string[];
  readonly types: readonly string[];
  /** `call($f)`: a function chosen at run time. */
  readonly dynamicCall: boolean;
  /** `create_resources($t, …)` and the like: a resource type chosen at run time. */
  readonly dynamicType: boolean;
  /** The built-in's parse error, when the file does not parse. */
  readonly unparsed?: string;
}

/** A Ruby plugin a module ships: `lib/puppet/functions/**.rb`, `lib/puppet/parser/functions/*.rb`, `lib/puppet/type/*.rb`. */
interface RubyPlugin {
  readonly module: string;
  readonly name: string;
  readonly file: string;
}

/** Functions that take a resource type's name as their first argument. */
const TYPE_ARGUMENT_FUNCTIONS: ReadonlySet<string> = new Set(['create_resources', 'ensure_resource', 'ensure_resources']);
/** Hiera backends the built-in reads; any other needs Puppet. */
const BUILTIN_HIERA_BACKENDS: ReadonlySet<string> = new Set(['yaml_data']);
/** How many needs a reason names before `and N more`. */
const REASONS_SHOWN = 3;

/**
 * Decides, by reading an environment's code once, whether the built-in
 * compiles it as real Puppet would. It needs real Puppet when its code calls
 * a module's Ruby function the built-in does not implement, declares a
 * resource type a module defines in Ruby (the built-in knows neither its
 * namevar nor its parameters), reads hiera data through a backend other
 * than YAML, or has a file the built-in cannot parse. Over-approximates:
 * every manifest, function, type alias and template of every module counts,
 * reached or not, and a run-time choice (`call($f)`, `create_resources($t)`)
 * counts as using every Ruby plugin. Per-file results are cached by size
 * and mtime, so a new code version re-reads only changed files.
 */
export class EnvironmentAnalysis {
  /** One entry per Puppet file or template of the environments analysed: bounded by the code's size. */
  private readonly uses = new Map<string, { readonly stamp: string; readonly use: FileUse }>();

  constructor(private readonly options: EnvironmentAnalysisOptions) {}

  /** `files`: every file of the code version (absolute paths, as `scanEnvironment` lists them). */
  decide(dir: string, files: ReadonlySet<string>): BackendDecision {
    const root = resolve(dir);
    const conf = readEnvironmentConf(join(root, 'environment.conf'));
    const moduleDirs = moduleDirsOf(root, conf);
    const site = resolve(root, conf['manifest'] ?? 'manifests');
    const functions: RubyPlugin[] = [];
    const types: RubyPlugin[] = [];
    const needs: string[] = [];
    const called = new Set<string>();
    const declared = new Set<string>();
    let dynamicCall = false;
    let dynamicType = false;
    const rel = (f: string): string => relative(root, f);
    for (const file of files) {
      const inModule = moduleFile(file, moduleDirs, root);
      const plugin = inModule && rubyPlugin(inModule.module, inModule.path, file);
      if (plugin) (plugin.kind === 'function' ? functions : types).push(plugin);
      const hiera = (inModule ? inModule.path === 'hiera.yaml' : file === join(root, 'hiera.yaml')) ? hieraBackends(file) : [];
      for (const b of hiera) needs.push(`hiera backend ${b} (${rel(file)})`);
      const kind = inModule ? moduleCodeKind(inModule.path) : file === site || file.startsWith(site + '/') ? siteCodeKind(file) : undefined;
      if (!kind) continue;
      const use = this.use(file, kind);
      if (use.unparsed !== undefined) needs.push(`${rel(file)} does not parse with the built-in (${use.unparsed})`);
      for (const c of use.calls) called.add(c);
      for (const t of use.types) declared.add(t);
      dynamicCall ||= use.dynamicCall;
      dynamicType ||= use.dynamicType;
    }
    // Named in a fixed order (by kind, then name), whatever order the files were listed in.
    needs.sort();
    const byName = (a: RubyPlugin, b: RubyPlugin): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.file < b.file ? -1 : 1);
    functions.sort(byName);
    types.sort(byName);
    for (const f of functions) {
      // Puppet's own functions are found before any module's (its loaders ask the system loader first);
      // this holds as long as FUNCTIONS lists Puppet's own functions only (native module functions
      // belong to implementsModuleFunction).
      const shadowed = !f.name.includes('::') && FUNCTIONS[f.name] !== undefined;
      if ((called.has(f.name) || dynamicCall) && !shadowed && !this.options.implementsModuleFunction(f.module, f.name)) {
        needs.push(`Ruby function ${f.name} (${rel(f.file)})`);
      }
    }
    for (const t of types) if (declared.has(t.name) || dynamicType) needs.push(`Ruby type ${t.name} (${rel(t.file)})`);
    this.forget(root, files);
    if (needs.length > 0) {
      const more = needs.length > REASONS_SHOWN ? ` and ${needs.length - REASONS_SHOWN} more` : '';
      return { backend: 'puppet', reason: `uses ${needs.slice(0, REASONS_SHOWN).join(', ')}${more}` };
    }
    const unused = functions.length + types.length;
    return { backend: 'builtin', reason: `pure Puppet code${unused > 0 ? ` (modules ship ${unused} Ruby functions and types, none in use)` : ''}` };
  }

  private use(file: string, kind: 'pp' | 'epp' | 'erb'): FileUse {
    let stamp: string;
    try {
      const st = statSync(file);
      stamp = `${st.size}:${st.mtimeMs}`;
    } catch {
      return NO_USE; // gone since the scan: the next code version will not list it
    }
    const hit = this.uses.get(file);
    if (hit?.stamp === stamp) return hit.use;
    const use = readUse(file, kind);
    this.uses.set(file, { stamp, use });
    return use;
  }

  /** Drops files of this environment that its current code no longer has (removed or renamed). */
  private forget(root: string, files: ReadonlySet<string>): void {
    for (const k of this.uses.keys()) if (k.startsWith(root + '/') && !files.has(k)) this.uses.delete(k);
  }
}

const NO_USE: FileUse = { calls: [], types: [], dynamicCall: false, dynamicType: false };

/** The module a file belongs to and its path inside it; `<env>/lib` counts as the `environment` module. */
function moduleFile(file: string, moduleDirs: readonly string[], root: string): { module: string; path: string } | undefined {
  if (file.startsWith(join(root, 'lib') + '/')) return { module: 'environment', path: relative(root, file) };
  const d = moduleDirs.find((m) => file.startsWith(m + '/'));
  if (!d) return undefined;
  const [module, ...rest] = file.slice(d.length + 1).split('/');
  return rest.length > 0 ? { module: module!, path: rest.join('/') } : undefined;
}

function rubyPlugin(module: string, path: string, file: string): (RubyPlugin & { kind: 'function' | 'type' }) | undefined {
  const modern = /^lib\/puppet\/functions\/(.+)\.rb$/.exec(path);
  if (modern) return { kind: 'function', module, name: modern[1]!.split('/').join('::'), file };
  const legacy = /^lib\/puppet\/parser\/functions\/([a-z_][a-z0-9_]*)\.rb$/.exec(path);
  if (legacy) return { kind: 'function', module, name: legacy[1]!, file };
  const type = /^lib\/puppet\/type\/([a-z][a-z0-9_]*)\.rb$/.exec(path);
  return type ? { kind: 'type', module, name: type[1]!, file } : undefined;
}

function moduleCodeKind(path: string): 'pp' | 'epp' | 'erb' | undefined {
  if (/^(manifests|functions|types)\/.+\.pp$/.test(path)) return 'pp';
  if (path.startsWith('templates/')) return path.endsWith('.epp') ? 'epp' : path.endsWith('.erb') ? 'erb' : undefined;
  return undefined;
}

const siteCodeKind = (file: string): 'pp' | undefined => (file.endsWith('.pp') ? 'pp' : undefined);

/** `data_hash`/`lookup_key`/`data_dig` functions of a hiera.yaml that the built-in does not read. */
function hieraBackends(file: string): string[] {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch { return []; }
  const found = [...text.matchAll(/^\s*-?\s*(?:data_hash|lookup_key|data_dig)\s*:\s*['"]?([A-Za-z0-9_:]+)/gm)].map((m) => m[1]!);
  return [...new Set(found)].filter((b) => !BUILTIN_HIERA_BACKENDS.has(b));
}

function readUse(file: string, kind: 'pp' | 'epp' | 'erb'): FileUse {
  let src: string;
  try { src = readFileSync(file, 'utf8'); } catch { return NO_USE; }
  if (kind === 'erb') {
    // Ruby templates reach functions through scope: call_function('x', …) and function_x([…]).
    const calls = [...src.matchAll(/call_function\(\s*['"]:{0,2}([a-z][\w:]*)['"]|\bfunction_([a-z]\w*)\s*\(/g)].map((m) => m[1] ?? m[2]!);
    return { calls, types: [], dynamicCall: /call_function\(\s*[^'"\s]/.test(src), dynamicType: false };
  }
  try {
    const program = kind === 'pp' ? parseManifest(src, file) : parseEpp(src, file);
    return collectUse(program.body);
  } catch (e) {
    if (e instanceof PuppetError) return { ...NO_USE, unparsed: e.message };
    throw e;
  }
}

/** Walks a syntax tree for function calls and the resource types it declares, collects or defaults. */
function collectUse(body: readonly Expr[]): FileUse {
  const calls = new Set<string>();
  const types = new Set<string>();
  let dynamicCall = false;
  let dynamicType = false;
  const visit = (e: Expr): void => {
    switch (e.t) {
      case 'call':
      case 'method': {
        calls.add(e.name.replace(/^::/, ''));
        const first = e.t === 'call' ? e.args[0] : e.recv;
        const literal = first?.t === 'str' ? first.v.toLowerCase().replace(/^::/, '') : undefined;
        if (e.name === 'call') { if (literal) calls.add(literal); else dynamicCall = true; }
        if (TYPE_ARGUMENT_FUNCTIONS.has(e.name)) { if (literal) types.add(literal); else dynamicType = true; }
        break;
      }
      case 'resource': case 'defaults': case 'collect':
        types.add(e.type.toLowerCase().replace(/^::/, ''));
        break;
      default:
    }
  };
  walk(body, visit);
  return { calls: [...calls], types: [...types], dynamicCall, dynamicType };
}

/** Visits every expression of a tree (through any field: bodies, arguments, lambdas, parameters' defaults). */
function walk(node: unknown, visit: (e: Expr) => void): void {
  if (Array.isArray(node)) { for (const n of node) walk(n, visit); return; }
  if (node === null || typeof node !== 'object') return;
  if (typeof (node as { t?: unknown }).t === 'string') visit(node as Expr);
  for (const v of Object.values(node)) if (v !== null && typeof v === 'object') walk(v, visit);
}
