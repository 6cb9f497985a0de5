import { classPriority, type PriorityRule } from '../../core/priority/priority-classes.js';

export interface NodePrioritiesOptions {
  /**
   * Nodes whose class comes from their facts, remembered at most; past
   * it the longest-remembered is forgotten (its check-ins count as
   * ordinary until its next facts arrive). Nodes of no class cost nothing.
   * @defaultValue 100_000
   */
  readonly maxRemembered?: number;
}

export const DEFAULT_NODE_PRIORITIES_OPTIONS = { maxRemembered: 100_000 } as const;

/**
 * Each node's class priority (config `priorityClasses`), answered without
 * I/O so admission can ask before reading a request: certname globs are
 * matched on the spot; fact selectors are matched when the node's facts
 * are routed (and seeded from storeconfigs at start), keeping only the
 * nodes they select.
 */
export class NodePriorities {
  private readonly byFacts = new Map<string, number>();
  private readonly maxRemembered: number;
  private readonly certnameRules: readonly PriorityRule[];
  private readonly factRules: readonly PriorityRule[];

  constructor(rules: readonly PriorityRule[], options: NodePrioritiesOptions = {}) {
    this.maxRemembered = options.maxRemembered ?? DEFAULT_NODE_PRIORITIES_OPTIONS.maxRemembered;
    this.certnameRules = rules.filter((r) => r.selector.kind === 'certname');
    this.factRules = rules.filter((r) => r.selector.kind === 'fact');
  }

  /** The fact selectors, for seeding from storeconfigs: `[path, value, priority]`. */
  get factSelectors(): ReadonlyArray<readonly [string, string, number]> {
    return this.factRules.map((r) => {
      const s = r.selector as Extract<PriorityRule['selector'], { kind: 'fact' }>;
      return [s.path.join('.'), s.value, r.priority] as const;
    });
  }

  get remembered(): number {
    return this.byFacts.size;
  }

  /** The node's class priority; 0 for a node of no class. */
  of(certname: string): number {
    return Math.max(classPriority(this.certnameRules, certname, undefined), this.byFacts.get(certname) ?? 0);
  }

  /** The node's newest facts arrived: its fact-selected class follows them. */
  observe(certname: string, facts: Readonly<Record<string, unknown>>): void {
    if (this.factRules.length === 0) return;
    this.set(certname, classPriority(this.factRules, certname, facts));
  }

  /** A node storeconfigs says a fact selector covers (at start). */
  seed(certname: string, priority: number): void {
    this.set(certname, Math.max(priority, this.byFacts.get(certname) ?? 0));
  }

  private set(certname: string, priority: number): void {
    this.byFacts.delete(certname);
    if (priority === 0) return;
    this.byFacts.set(certname, priority);
    if (this.byFacts.size > this.maxRemembered) this.byFacts.delete(this.byFacts.keys().next().value!);
  }
}
