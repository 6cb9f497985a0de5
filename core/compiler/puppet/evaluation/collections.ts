import type { ExportedResource, ExportedResourceLookup, ResourceFilter } from '../../catalog-compiler.js';
import { CatalogResource } from '../catalog/catalog-resource.js';
import { matchesResource } from '../catalog/collector-filter.js';
import type { EnvironmentCode } from '../loader/environment-code.js';
import { PuppetError, UnsupportedError } from '../puppet-error.js';
import type { Expr, Loc } from '../syntax/ast.types.js';
import { capitalizeType, fromJson, PFloat, type ResourceRef, toJson, type Value } from '../types/values.js';
import type { Declarations } from './declarations.js';
import type { Evaluator } from './evaluator.js';
import type { FileStack } from './file-stack.js';
import type { Overrides } from './overrides.js';
import type { Scope } from './scope.js';

/** A `<| |>` or `<<| |>>` collector, alive for the whole compile. */
export interface Collector {
  readonly type: string;
  readonly exported: boolean;
  readonly filter: ResourceFilter | undefined;
  readonly scope: Scope;
  readonly overrides: { name: string; value: Value; add: boolean }[] | undefined;
  readonly collected: CatalogResource[];
  queried: boolean;
}

/**
 * Virtual and exported resources made real: the compile's collectors
 * (`<| |>`, `<<| |>>`, with their overrides) and `realize()` calls, recorded
 * while evaluating and applied in each round of the generators.
 */
export class Collections {
  private readonly collectors: Collector[] = [];
  private readonly realizeQueue: { refs: ResourceRef[]; file: string; loc: Loc }[] = [];

  constructor(
    private readonly code: EnvironmentCode,
    private readonly ev: Evaluator,
    private readonly files: FileStack,
    private readonly declarations: Declarations,
    private readonly overrides: Overrides,
    private readonly exported: ExportedResourceLookup,
    /** The node compiled: its own exported resources are not collected from PuppetDB. */
    private readonly certname: string,
  ) {}

  /** `<| |>` and `<<| |>>`: a collector, which collects from the next generator round on. */
  collect(e: Extract<Expr, { t: 'collect' }>, scope: Scope): Collector {
    if (e.type === 'class') throw this.ev.error(`Error while evaluating a ${e.exported ? 'Exported' : 'Virtual'} Query, Classes cannot be collected`, e.loc);
    if (!this.code.isCompilableType(e.type) && !this.code.findDefine(e.type)) {
      throw this.ev.error(`Error while evaluating a ${e.exported ? 'Exported' : 'Virtual'} Query, Resource type ${e.type} doesn't exist`, e.loc);
    }
    const c: Collector = {
      type: capitalizeType(e.type),
      exported: e.exported,
      filter: e.query ? this.filter(e.query, scope) : undefined,
      scope,
      overrides: e.attrs ? this.ev.attrValues(e.attrs, scope, e.loc) : undefined,
      collected: [],
      queried: false,
    };
    this.collectors.push(c);
    return c;
  }

  private filter(q: Expr, scope: Scope): ResourceFilter {
    if (q.t === 'binary' && (q.op === 'and' || q.op === 'or')) {
      return { op: q.op, left: this.filter(q.left, scope), right: this.filter(q.right, scope) };
    }
    if (q.t === 'binary' && (q.op === '==' || q.op === '!=')) {
      const attr = q.left.t === 'name' ? q.left.v : q.left.t === 'str' ? q.left.v : undefined;
      if (attr === undefined) throw this.ev.error('Collector query: left operand must be an attribute name', q.loc);
      // PuppetDB compares numbers by value (`port == 2.0` collects `port => 2`): a Float box is unwrapped.
      const value = toJson(this.ev.eval(q.right, scope));
      return { op: q.op, attribute: attr, value: value instanceof PFloat ? value.value : value };
    }
    throw new UnsupportedError('Collector query: unsupported expression', this.ev.pos(q.loc));
  }

  /**
   * One round of the generators' collection step: realizes what `realize()`
   * named and is now in the catalog, and lets every collector take the
   * resources that match (exported ones once from PuppetDB). Whether
   * anything changed.
   */
  async evaluate(): Promise<boolean> {
    let changed = false;
    for (const rq of this.realizeQueue) {
      for (const ref of [...rq.refs]) {
        const r = this.declarations.find(ref.type, ref.title);
        if (r) { if (r.virtual) { r.virtual = false; changed = true; } rq.refs.splice(rq.refs.indexOf(ref), 1); }
      }
    }
    for (const c of this.collectors) {
      for (const r of this.declarations.graph.resources) {
        if (r.type !== c.type || c.collected.includes(r)) continue;
        if (c.exported && !r.exported) continue;
        if (!matchesResource(r, c.filter)) continue;
        r.virtual = false;
        c.collected.push(r);
        if (c.overrides) this.overrides.apply(r, c.overrides);
        changed = true;
      }
      if (c.exported && !c.queried) {
        c.queried = true;
        const found = await this.exported.find({
          // No environment: Puppet's PuppetDB terminus collects exports from every environment.
          type: c.type, excludeCertname: this.certname, ...(c.filter ? { filter: c.filter } : {}),
        });
        for (const x of found) { this.addCollected(c, x); changed = true; }
      }
    }
    return changed;
  }

  private addCollected(c: Collector, x: ExportedResource): void {
    const id = `${x.certname}|${x.type}|${x.title}`;
    const type = capitalizeType(x.type);
    const existing = this.declarations.find(type, x.title);
    if (existing) {
      if (existing.collectorId === id) return;
      throw new PuppetError(`A duplicate resource was found while collecting exported resources, with the type and title ${type}[${x.title}]`, undefined, 'plain');
    }
    const define = this.code.isCompilableType(type.toLowerCase()) ? undefined : this.code.findDefine(type.toLowerCase());
    const pos = x.file !== null ? { file: x.file, line: x.line ?? 0, column: 0 } : undefined;
    const r = new CatalogResource(type, x.title, c.scope, pos, define ? 'defined_type' : 'compilable_type', define?.def);
    r.collectorId = id;
    r.tag(type.toLowerCase(), x.title);
    this.declarations.applyDefaults(r, c.scope.lookupDefaults(type.toLowerCase()));
    for (const [k, v] of Object.entries(x.parameters)) r.setParam(k, fromJson(v));
    r.tag(...x.tags);
    if (define) this.declarations.definedFiles.set(r, define.file);
    this.declarations.addToCatalog(r, c.scope.owner.resource, { line: 0, column: 0 });
    c.collected.push(r);
    if (c.overrides) this.overrides.apply(r, c.overrides);
  }

  /** `realize()`: the resources are made real once they are in the catalog (checked when finishing). */
  realize(refs: ResourceRef[], loc: Loc): void {
    this.realizeQueue.push({ refs: [...refs], file: this.files.current(), loc });
  }

  /** Every resource `realize()` named must have been declared by the end. */
  checkRealized(): void {
    for (const rq of this.realizeQueue) {
      if (rq.refs.length) throw new PuppetError(`Failed to realize virtual resources ${rq.refs.join(', ')}`, undefined, 'plain');
    }
  }
}
