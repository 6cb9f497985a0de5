import type { CatalogCompiled, CompileFailed, DeploymentFinishedData, DeploymentOutcome, DeploymentScope } from '../../core/events/event.types.js';

/** What became of one recompile: a new catalog (pushed), the same hash (nothing pushed), or a failure. */
export type RecompileOutcome = 'changed' | 'unchanged' | 'failed';

/** A deployment as `/status` shows it. */
export interface DeploymentStatus {
  readonly deploymentId: string;
  readonly environment: string;
  readonly codeId: string;
  readonly scope: DeploymentScope;
  readonly startedAt: string;
  /** Nodes to recompile. */
  readonly nodes: number;
  readonly requested: number;
  readonly inFlight: number;
  readonly changed: number;
  readonly unchanged: number;
  readonly failed: number;
  /** Set once finished. */
  readonly outcome?: DeploymentOutcome;
}

/**
 * One deployment's walk through its nodes: the page of certnames not yet
 * requested, the requests waiting for an outcome, and what the outcomes
 * were. It never holds more than one page and `window` request ids.
 */
export class DeploymentProgress {
  private readonly waiting = new Set<string>();
  private page: string[] = [];
  /** The last certname read from storeconfigs; the next page starts after it. */
  private cursor: string | null = null;
  private exhausted: boolean;
  private counts = { requested: 0, changed: 0, unchanged: 0, failed: 0 };
  private readonly started = Date.now();

  constructor(
    readonly deploymentId: string,
    readonly environment: string,
    readonly codeId: string,
    readonly scope: DeploymentScope,
    readonly nodes: number,
  ) {
    this.exhausted = nodes === 0;
  }

  get inFlight(): number {
    return this.waiting.size;
  }

  /** Every node requested and every request answered. */
  get done(): boolean {
    return this.exhausted && this.page.length === 0 && this.waiting.size === 0;
  }

  /** Nodes not yet requested, in the page or still to read. */
  get hasNodesLeft(): boolean {
    return this.page.length > 0 || !this.exhausted;
  }

  /** Whether the page is used up and another must be read. */
  get needsPage(): boolean {
    return this.page.length === 0 && !this.exhausted;
  }

  /** Takes the next page of certnames; an empty or short page means the last. */
  refill(certnames: readonly string[], pageSize: number): void {
    this.page = [...certnames];
    this.cursor = certnames[certnames.length - 1] ?? this.cursor;
    if (certnames.length < pageSize) this.exhausted = true;
  }

  get after(): string | null {
    return this.cursor;
  }

  /** The next node to recompile, or undefined when the page is empty. */
  next(): string | undefined {
    return this.page.shift();
  }

  requested(requestId: string): void {
    this.waiting.add(requestId);
    this.counts.requested++;
  }

  /** A request that never reached the log: its node is tried again first. */
  unrequested(requestId: string, certname: string): void {
    if (this.waiting.delete(requestId)) this.counts.requested--;
    this.putBack(certname);
  }

  /** A node taken but not requested (admission had no room): it goes first next time. */
  putBack(certname: string): void {
    this.page.unshift(certname);
  }

  /** Counts an outcome if it answers one of this deployment's requests: what it was, else null. */
  answered(e: CatalogCompiled | CompileFailed): RecompileOutcome | null {
    let ours = false;
    for (const id of e.data.requestIds) if (this.waiting.delete(id)) ours = true;
    if (!ours) return null;
    const outcome = e.type === 'compile_failed' ? 'failed' : e.data.hash === e.data.previousHash ? 'unchanged' : 'changed';
    this.counts[outcome]++;
    return outcome;
  }

  finished(outcome: DeploymentOutcome): DeploymentFinishedData {
    return {
      deploymentId: this.deploymentId, environment: this.environment, codeId: this.codeId, outcome,
      ...this.counts, durationMs: Date.now() - this.started,
    };
  }

  status(outcome?: DeploymentOutcome): DeploymentStatus {
    return {
      deploymentId: this.deploymentId, environment: this.environment, codeId: this.codeId, scope: this.scope,
      startedAt: new Date(this.started).toISOString(), nodes: this.nodes, inFlight: this.waiting.size,
      ...this.counts, ...(outcome ? { outcome } : {}),
    };
  }
}
