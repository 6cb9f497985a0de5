import { ANY_TYPE, collectorKey, collects, type CollectorQuery } from '../../core/dependency/collector-query.js';
import { changedExports, NO_EXPORTS_DIGEST, type ExportView, type NodeExports } from '../../core/dependency/node-exports.js';

export interface DependencyIndexOptions {
  /**
   * Distinct collector queries kept, fleet-wide. Past it a new query is
   * kept as its whole type (its nodes are recompiled on any export of the
   * type changing), and a new type past it as "any export".
   * @defaultValue 10_000
   */
  readonly maxQueries?: number;
  /**
   * Exported resources remembered per exporter. Past it only the types of
   * the node's exports are kept, and a change of its exports counts as a
   * change of every export of those types (all their collectors recompile).
   * @defaultValue 1000
   */
  readonly maxExportsPerNode?: number;
}

export const DEFAULT_DEPENDENCY_INDEX_OPTIONS = { maxQueries: 10_000, maxExportsPerNode: 1000 } as const;

interface Collected {
  readonly query: CollectorQuery;
  readonly nodes: Set<string>;
}

/** An exporter's exports: each resource, or only their types past the per-node bound. */
interface Exporter {
  readonly digest: string;
  readonly resources: ReadonlyMap<string, ExportView> | null;
  readonly types: ReadonlySet<string>;
}

/**
 * Who collects what, from compile outcomes: per collector query, the nodes
 * whose last compile ran it; per exporter, its last exports. Answers, for
 * an exporter's new exports, exactly the other nodes whose queries match
 * an added, removed or modified export.
 */
export class DependencyIndex {
  private readonly options: Required<DependencyIndexOptions>;
  /** type → query key → the query and its nodes. */
  private readonly byType = new Map<string, Map<string, Collected>>();
  private queryCount = 0;
  /** certname → the keys (type, key) of its last compile's queries, and its environment. */
  private readonly collectors = new Map<string, { readonly environment: string; readonly keys: readonly (readonly [string, string])[] }>();
  private readonly exporters = new Map<string, Exporter>();

  constructor(options: DependencyIndexOptions = {}) {
    this.options = { ...DEFAULT_DEPENDENCY_INDEX_OPTIONS, ...options };
  }

  get stats(): { collectors: number; queries: number; exporters: number } {
    return { collectors: this.collectors.size, queries: this.queryCount, exporters: this.exporters.size };
  }

  /** The environment of a collector's last compile; undefined for a node that collects nothing. */
  environmentOf(certname: string): string | undefined {
    return this.collectors.get(certname)?.environment;
  }

  /** A node's last compile ran these queries (replacing its earlier ones). */
  collected(certname: string, environment: string, queries: readonly CollectorQuery[]): void {
    this.forgetCollector(certname);
    if (queries.length === 0) return;
    // Two queries widened into one are filed once.
    const keys = [...new Map(queries.map((q) => this.add(certname, q)).map((k) => [k[1], k] as const)).values()];
    this.collectors.set(certname, { environment, keys });
  }

  /** Whether `digest` differs from the node's known exports (a node not seen exports nothing). */
  exportsChanged(certname: string, digest: string): boolean {
    return (this.exporters.get(certname)?.digest ?? NO_EXPORTS_DIGEST) !== digest;
  }

  /**
   * Records a node's new exports; returns the other nodes to recompile,
   * each once (empty when the exports did not change).
   */
  exported(certname: string, exports: NodeExports): ReadonlySet<string> {
    if (!this.exportsChanged(certname, exports.digest)) return new Set();
    const before = this.exporters.get(certname);
    const after = this.remember(exports);
    if (after.types.size === 0) this.exporters.delete(certname);
    else this.exporters.set(certname, after);
    return this.dependents(certname, before, after);
  }

  /** A deactivated node: its exports leave every collector's results; it collects nothing any more. */
  deactivated(certname: string): ReadonlySet<string> {
    this.forgetCollector(certname);
    const before = this.exporters.get(certname);
    this.exporters.delete(certname);
    return before ? this.dependents(certname, before, this.remember({ digest: NO_EXPORTS_DIGEST, resources: new Map() })) : new Set();
  }

  private remember(exports: NodeExports): Exporter {
    const types = new Set([...exports.resources.values()].map((r) => r.type));
    const resources = exports.resources.size <= this.options.maxExportsPerNode ? exports.resources : null;
    return { digest: exports.digest, resources, types };
  }

  private dependents(exporter: string, before: Exporter | undefined, after: Exporter): ReadonlySet<string> {
    const out = new Set<string>();
    const add = (nodes: Iterable<string>): void => { for (const n of nodes) if (n !== exporter) out.add(n); };
    for (const c of this.byType.get(ANY_TYPE)?.values() ?? []) add(c.nodes);
    if (before?.resources === null || after.resources === null) {
      // Past the per-node bound: every collector of the types involved.
      for (const type of new Set([...(before?.types ?? []), ...after.types])) {
        for (const c of this.byType.get(type)?.values() ?? []) add(c.nodes);
      }
      return out;
    }
    for (const view of changedExports(before?.resources ?? new Map(), after.resources)) {
      for (const c of this.byType.get(view.type)?.values() ?? []) if (collects(c.query, view)) add(c.nodes);
    }
    return out;
  }

  /** Files a node under a query, widened when the index is full; returns where. */
  private add(certname: string, query: CollectorQuery): readonly [string, string] {
    let q = query;
    if (!this.has(q) && this.queryCount >= this.options.maxQueries) {
      q = { type: q.type };
      if (!this.has(q)) q = { type: ANY_TYPE };
    }
    const key = collectorKey(q);
    let ofType = this.byType.get(q.type);
    if (!ofType) this.byType.set(q.type, ofType = new Map());
    let c = ofType.get(key);
    if (!c) {
      ofType.set(key, c = { query: q, nodes: new Set() });
      this.queryCount++;
    }
    c.nodes.add(certname);
    return [q.type, key];
  }

  private has(q: CollectorQuery): boolean {
    return this.byType.get(q.type)?.has(collectorKey(q)) ?? false;
  }

  private forgetCollector(certname: string): void {
    const known = this.collectors.get(certname);
    if (!known) return;
    this.collectors.delete(certname);
    for (const [type, key] of known.keys) {
      const ofType = this.byType.get(type)!;
      const c = ofType.get(key)!;
      c.nodes.delete(certname);
      if (c.nodes.size > 0) continue;
      ofType.delete(key);
      this.queryCount--;
      if (ofType.size === 0) this.byType.delete(type);
    }
  }
}
