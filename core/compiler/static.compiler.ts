import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PuppetCatalog } from '../catalog/puppet-catalog.types.js';
import type { CompileErrorInfo } from '../events/event.types.js';
import { err, ok, type Result } from '../result.js';
import type { CatalogCompiler, CompileRequest } from './catalog-compiler.js';
import { NodeRules, type NodeRule } from './node-rules.js';

export interface StaticCompilerOptions {
  /**
   * A directory with `nodes.json` (`{"rules": [{"match": "web-*" | "/regex/",
   * "catalog": "web.json"}]}`, first match wins) and `catalogs/*.json`
   * (Puppet 7 catalog JSON). `catalogs/<certname>.json` beats every rule.
   */
  readonly dir: string;
}

interface Loaded {
  readonly rules: NodeRules;
  readonly catalogs: ReadonlyMap<string, PuppetCatalog>;
  readonly codeId: string;
}

/**
 * The "standard pre-built catalog" backend: no compile at all, each node
 * gets the catalog its rule names, stamped with its own name, environment
 * and uuid; the string `%{certname}` anywhere in the catalog becomes the
 * node's name. Files are read once and re-read after `invalidate()`.
 */
export class StaticCompiler implements CatalogCompiler {
  readonly name = 'static';
  private loaded: Promise<Loaded> | undefined;

  constructor(private readonly options: StaticCompilerOptions) {}

  async compile(request: CompileRequest): Promise<Result<PuppetCatalog, CompileErrorInfo>> {
    let code: Loaded;
    try {
      code = await this.load();
    } catch (e) {
      this.loaded = undefined;
      return err({ code: 'static_catalogs_unreadable', message: (e as Error).message });
    }
    const file = code.catalogs.has(`${request.certname}.json`) ? `${request.certname}.json` : code.rules.match(request.certname);
    const template = file === undefined ? undefined : code.catalogs.get(file);
    if (!template) {
      return err({ code: 'no_catalog', message: `no static catalog matches node ${request.certname} in ${this.options.dir}` });
    }
    const personal = substitute(template, request.certname) as PuppetCatalog;
    return ok({
      ...personal,
      name: request.certname,
      environment: request.environment,
      catalog_uuid: request.catalogUuid,
      code_id: code.codeId,
    });
  }

  async codeId(): Promise<string> {
    return (await this.load()).codeId;
  }

  invalidate(): void {
    this.loaded = undefined;
  }

  private load(): Promise<Loaded> {
    this.loaded ??= this.read();
    return this.loaded;
  }

  private async read(): Promise<Loaded> {
    const dir = join(this.options.dir, 'catalogs');
    const rulesText = await readFile(join(this.options.dir, 'nodes.json'), 'utf8').catch(() => '{"rules": []}');
    const hash = createHash('sha1').update(rulesText);
    const catalogs = new Map<string, PuppetCatalog>();
    for (const name of (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()) {
      const text = await readFile(join(dir, name), 'utf8');
      hash.update(name).update(text);
      catalogs.set(name, JSON.parse(text) as PuppetCatalog);
    }
    const rules = (JSON.parse(rulesText) as { rules?: NodeRule[] }).rules ?? [];
    return { rules: new NodeRules(rules), catalogs, codeId: hash.digest('hex').slice(0, 12) };
  }
}

function substitute(value: unknown, certname: string): unknown {
  if (typeof value === 'string') return value.includes('%{certname}') ? value.replaceAll('%{certname}', certname) : value;
  if (Array.isArray(value)) return value.map((v) => substitute(v, certname));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, certname)]));
  }
  return value;
}
