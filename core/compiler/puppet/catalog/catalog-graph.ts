import type { PuppetCatalog, PuppetEdge, PuppetResource } from '../../../catalog/puppet-catalog.types.js';
import { capitalizeType, isArray, SensitiveValue, toJson, type Value } from '../types/values.js';
import type { CatalogResource } from './catalog-resource.js';

/** The metaparameters containers hand down (the relationship ones excepted). */
const INHERITED_METAPARAMS = ['noop', 'schedule', 'audit', 'loglevel', 'alias', 'tag', 'stage'] as const;

function metaparams(r: CatalogResource): Map<string, Value> | undefined {
  let out: Map<string, Value> | undefined;
  for (const p of INHERITED_METAPARAMS) {
    const v = r.params.get(p);
    if (v !== undefined) (out ??= new Map()).set(p, v);
  }
  return out;
}

/** Titles as Puppet's title patterns read them: a file's trailing slashes do not count. */
export function canonicalTitle(type: string, title: string): string {
  return type === 'File' && title.length > 1 && title.charCodeAt(title.length - 1) === 47 ? title.replace(/\/+$/, '') || '/' : title;
}

/** What names the catalog: the node, its code version and this compile. */
export interface CatalogIdentity {
  readonly certname: string;
  readonly environment: string;
  readonly codeId: string;
  readonly catalogUuid: string;
}

/**
 * The catalog being built: resources in declaration order, containment
 * edges, declared classes, and its serialisation as `catalog.to_data_hash`.
 */
export class CatalogGraph {
  readonly resources: CatalogResource[] = [];
  /**
   * Resources by type, then canonical title: two lookups of strings the code
   * already holds (a `Type[title]` key would be a new string to hash on every
   * declaration and reference).
   */
  private readonly index = new Map<string, Map<string, CatalogResource>>();
  private readonly edges: [CatalogResource, CatalogResource][] = [];
  /** Class names in declaration order (the node's name among them). */
  readonly classes: string[] = [];
  /** `class` and `node`, in the order the first user class and the node were instantiated. */
  readonly markers: string[] = [];
  /** Tags given to classes by a `tag` parameter: the catalog carries them after the class names. */
  readonly classTags: string[] = [];

  add(r: CatalogResource, container: CatalogResource | undefined): void {
    this.resources.push(r);
    this.indexAs(r, r.title);
    if (container) this.edges.push([container, r]);
  }

  private indexAs(r: CatalogResource, title: string): void {
    let byTitle = this.index.get(r.type);
    if (byTitle === undefined) this.index.set(r.type, byTitle = new Map());
    byTitle.set(canonicalTitle(r.type, title), r);
  }

  /** Also finds `r` by its namevar (`service { 'web': name => 'nginx' }` is `Service[nginx]` too). */
  alias(r: CatalogResource, name: string): void {
    this.indexAs(r, name);
  }

  /** A resource by capitalised type and title; class titles are matched case-insensitively. */
  find(type: string, title: string): CatalogResource | undefined {
    return this.index.get(type)?.get(type === 'Class' ? capitalizeType(title) : canonicalTitle(type, title));
  }

  /** `contain`: an extra containment edge, once. */
  contain(holder: CatalogResource, cls: CatalogResource): void {
    if (!this.edges.some(([s, t]) => s === holder && t === cls)) this.edges.push([holder, cls]);
  }

  /**
   * Puppet's `add_resource_metaparams`: a breadth-first walk of containment
   * from `Class[main]` in which contained resources take their containers'
   * tags and, where unset, their metaparameters (`noop`, `schedule`, …).
   */
  propagateFromContainers(main: CatalogResource): void {
    const children = new Map<CatalogResource, CatalogResource[]>();
    for (const [s, t] of this.edges) { const l = children.get(s) ?? []; l.push(t); children.set(s, l); }
    const data = new Map<CatalogResource, Map<string, Value>>();
    // Walked by index: `shift()` would make a large catalog's walk quadratic.
    const queue = [main];
    const seen = new Set<CatalogResource>();
    for (let next = 0; next < queue.length; next++) {
      const n = queue[next]!;
      if (seen.has(n)) continue;
      seen.add(n);
      const kids = children.get(n) ?? [];
      for (const t of kids) {
        const source = data.get(n) ?? metaparams(n);
        if (source) {
          data.set(n, source);
          for (const [p, v] of source) {
            if (t.params.get(p) !== undefined) continue;
            t.params.set(p, v);
            if (p === 'tag') t.tag(...(isArray(v) ? v : [v]).map(String));
          }
          data.set(t, new Map([...source, ...(metaparams(t) ?? [])]));
        }
        t.mergeTags(n);
      }
      for (const k of kids) queue.push(k);
    }
  }

  /**
   * `catalog.to_data_hash`: virtual resources that were never realized are
   * left out, with their edges; a parameter that is its type's namevar
   * (`namevar(type)`) and equals the title is left out too (Puppet's "don't
   * duplicate the title as the namevar"). The compile is over, so the
   * resources' tag arrays and the class list are handed over rather than copied.
   */
  toData(id: CatalogIdentity, namevar: (type: string) => string): PuppetCatalog {
    const resources: PuppetResource[] = [];
    let dropped: Set<CatalogResource> | undefined;
    for (const r of this.resources) {
      if (r.virtual && !r.exported) { (dropped ??= new Set()).add(r); continue; }
      resources.push(resourceData(r, namevar));
    }
    const edges: PuppetEdge[] = [];
    for (const [s, t] of this.edges) {
      if (dropped === undefined || (!dropped.has(s) && !dropped.has(t))) edges.push({ source: s.ref, target: t.ref });
    }
    const tags: string[] = [];
    for (const c of this.classes) for (const t of c.includes('::') ? [c, ...c.split('::')] : [c]) if (!tags.includes(t)) tags.push(t);
    for (const t of this.classTags) if (!tags.includes(t)) tags.push(t);
    for (const t of this.markers) if (!tags.includes(t)) tags.push(t);
    return {
      tags, name: id.certname, version: Math.floor(Date.now() / 1000), code_id: id.codeId, catalog_uuid: id.catalogUuid,
      catalog_format: 2, environment: id.environment, resources, edges, classes: this.classes,
    };
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** One resource as the catalog carries it (keys in Puppet's order). */
function resourceData(r: CatalogResource, namevar: (type: string) => string): PuppetResource {
  const out: Partial<Mutable<PuppetResource>> = { type: r.type, title: r.title, tags: r.tags };
  if (r.pos) { out.file = r.pos.file; out.line = r.pos.line; }
  out.exported = r.exported;
  out.kind = r.kind;
  let params: Record<string, unknown> | undefined;
  let sensitive: string[] | undefined;
  // Stage[main] and Class[main] keep theirs: Puppet titles them with a Symbol, which no String equals.
  const key = r.title === 'main' && (r.type === 'Stage' || r.type === 'Class') ? undefined : namevar(r.type.toLowerCase());
  for (const [k, v] of r.params) {
    if (v === undefined || (k === key && v === r.title && !(r.keepsName && k === 'name'))) continue;
    (params ??= {})[k] = toJson(v);
    if (v instanceof SensitiveValue) (sensitive ??= []).push(k);
  }
  if (params) out.parameters = params;
  if (sensitive) out.sensitive_parameters = sensitive;
  return out as PuppetResource;
}
