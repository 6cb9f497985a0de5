import { compareCatalogs } from '../../catalog/catalog-comparison.js';
import type { PuppetCatalog } from '../../catalog/puppet-catalog.types.js';
import type { CompileDriftData } from '../../events/event.types.js';
import type { CompileRequest, CompileResult } from '../catalog-compiler.js';

export interface ShadowCheckOptions {
  /** Share of builtin compiles compiled again with Puppet, 0 (off) to 1. */
  readonly fraction: number;
  /** Samples waiting for Puppet at most; a sample beyond it is dropped and counted. @defaultValue 16 */
  readonly maxQueued?: number;
  /** Records a difference (the `compile_drift` event on the node's stream). */
  readonly onDrift: (certname: string, drift: CompileDriftData) => Promise<void>;
  /** @defaultValue Math.random */
  readonly random?: () => number;
  /** An environment's directory: file paths in differences are written relative to it. @defaultValue paths as they are */
  readonly environmentDir?: (environment: string) => string;
}

/** What `/status` shows of the shadow check. */
export interface ShadowCheckStats {
  readonly fraction: number;
  /** Builtin compiles picked for a check. */
  readonly sampled: number;
  /** Picked while `maxQueued` samples already waited: not checked. */
  readonly dropped: number;
  readonly queued: number;
  readonly running: number;
  /** Checked: Puppet's catalog was the same. */
  readonly identical: number;
  /** Checked: a difference, recorded as `compile_drift`. */
  readonly drifted: number;
  /** Puppet could not answer (unavailable, deadline, crash): nothing to compare. */
  readonly unchecked: number;
}

/** Shown per difference and in all, so one drift event stays small. */
const MAX_DIFFERENCES = 10;
const MAX_DIFFERENCE_CHARS = 300;

/** Puppet failing the node's code where the built-in compiled it is a difference; Puppet not running is not. */
const PUPPET_VERDICTS: ReadonlySet<string> = new Set(['compile_failed']);

interface Sample {
  readonly request: CompileRequest;
  readonly catalog: PuppetCatalog;
}

/**
 * The sampled shadow check (`--verify-sample`): a fraction of builtin
 * catalogs is compiled again with real Puppet, off the hot path — the
 * node already has its catalog — one at a time (so agents' own Puppet
 * compiles never queue behind more than one), with at most `maxQueued`
 * waiting. Any difference, compared as the differential corpus compares
 * (resources, parameters, edges, classes, tags), is recorded.
 */
export class ShadowCheck {
  private readonly queue: Sample[] = [];
  private readonly maxQueued: number;
  private readonly random: () => number;
  private running: Promise<void> | undefined;
  private readonly counts = { sampled: 0, dropped: 0, identical: 0, drifted: 0, unchecked: 0 };
  private closed = false;

  constructor(
    private readonly options: ShadowCheckOptions,
    /** Compiles with Puppet (an error result when it cannot run). */
    private readonly reference: (request: CompileRequest) => Promise<CompileResult>,
  ) {
    this.maxQueued = options.maxQueued ?? 16;
    this.random = options.random ?? Math.random;
  }

  /**
   * Called with every builtin catalog; samples it, queues or drops it,
   * returns at once. A catalog given as a function is read only when
   * sampled (one that arrived as text is then parsed, the rest never).
   */
  offer(request: CompileRequest, catalog: PuppetCatalog | (() => PuppetCatalog)): void {
    if (this.closed || this.options.fraction <= 0 || this.random() >= this.options.fraction) return;
    this.counts.sampled++;
    if (this.queue.length >= this.maxQueued) { this.counts.dropped++; return; }
    this.queue.push({ request, catalog: typeof catalog === 'function' ? catalog() : catalog });
    this.running ??= this.drain().finally(() => { this.running = undefined; });
  }

  stats(): ShadowCheckStats {
    return { fraction: this.options.fraction, ...this.counts, queued: this.queue.length, running: this.running ? 1 : 0 };
  }

  /** Drops waiting samples and waits for the one being checked. */
  async close(): Promise<void> {
    this.closed = true;
    this.counts.dropped += this.queue.splice(0).length;
    await this.running;
  }

  private async drain(): Promise<void> {
    for (let s = this.queue.shift(); s; s = this.queue.shift()) {
      try {
        await this.check(s);
      } catch {
        this.counts.unchecked++; // recording failed (log closing): the sample is lost, nothing else
      }
    }
  }

  private async check({ request, catalog }: Sample): Promise<void> {
    const r = await this.reference({ ...request, catalogUuid: catalog.catalog_uuid });
    const base = { environment: request.environment, codeId: catalog.code_id ?? '', catalogUuid: catalog.catalog_uuid };
    if (!r.ok) {
      if (!PUPPET_VERDICTS.has(r.error.code)) { this.counts.unchecked++; return; }
      this.counts.drifted++;
      await this.options.onDrift(request.certname, { ...base, differences: [], differenceCount: 1, referenceError: r.error });
      return;
    }
    const cmp = compareCatalogs(r.value, catalog);
    // Paths are shown relative to the code compiled: a rollout's version (codeDir) or the environment's own.
    const dir = request.codeDir ?? this.options.environmentDir?.(request.environment);
    const prefix = dir === undefined ? undefined : `${dir}/`;
    const differences = [...cmp.differences, ...(cmp.tagsIdentical ? [] : ['tags differ (catalog tags or resource tags/order)'])]
      .map((d) => (prefix ? d.split(prefix).join('') : d));
    if (differences.length === 0) { this.counts.identical++; return; }
    this.counts.drifted++;
    await this.options.onDrift(request.certname, {
      ...base,
      differences: differences.slice(0, MAX_DIFFERENCES).map((d) => (d.length > MAX_DIFFERENCE_CHARS ? `${d.slice(0, MAX_DIFFERENCE_CHARS)}…` : d)),
      differenceCount: differences.length,
    });
  }
}
