import { DEPLOY_PRIORITY, type CatalogCompiled, type CompileFailed } from '../../core/events/event.types.js';
import type { EventLog } from '../../core/log/event-log.js';
import type { AdmissionController } from '../admission/admission-controller.js';
import { appendRecompileBatch } from '../compile/recompile-request.js';
import { DeploymentProgress, type DeploymentStatus } from '../deploy/deployment-progress.js';

export interface RolloutRecompilesDeps {
  readonly log: Pick<EventLog, 'append'>;
  readonly admission: Pick<AdmissionController, 'pending' | 'reserve' | 'release'>;
}

/**
 * The recompiles of each open rollout's current step (a wave's nodes, or
 * every moved node on abort), fed as a deployment's are: reason
 * `code_deployed` at deployment priority through admission, at most
 * `window` waiting for an outcome over all rollouts, and only while
 * admission's pending work is below `pendingCeiling`. Holds one step per
 * rollout (its certnames, at most the rollout's nodes) and `window` ids.
 */
export class RolloutRecompiles {
  private readonly steps = new Map<string, DeploymentProgress>();

  constructor(private readonly deps: RolloutRecompilesDeps, private readonly limits: { readonly window: number; readonly pendingCeiling: number }) {}

  /** Recompiles `certnames` for the rollout's step, replacing the step before's. */
  start(rolloutId: string, environment: string, codeId: string, certnames: readonly string[]): void {
    const p = new DeploymentProgress(rolloutId, environment, codeId, 'selected', certnames.length);
    // The whole list is one page: a page shorter than the page size is the last.
    p.refill(certnames, certnames.length + 1);
    this.steps.set(rolloutId, p);
  }

  drop(rolloutId: string): void {
    this.steps.delete(rolloutId);
  }

  /** Whether every recompile of the rollout's step was answered (true when it has none). */
  done(rolloutId: string): boolean {
    return this.steps.get(rolloutId)?.done ?? true;
  }

  status(rolloutId: string): DeploymentStatus | undefined {
    return this.steps.get(rolloutId)?.status();
  }

  answered(e: CatalogCompiled | CompileFailed): void {
    for (const p of this.steps.values()) if (p.answered(e) !== null) return;
  }

  get inFlight(): number {
    let n = 0;
    for (const p of this.steps.values()) n += p.inFlight;
    return n;
  }

  /** Appends recompiles while there is room; stops when admission refuses or `stopped()` says so. */
  async feed(stopped: () => boolean): Promise<void> {
    const room = (): boolean => !stopped() && this.inFlight < this.limits.window && this.deps.admission.pending < this.limits.pendingCeiling;
    for (const p of this.steps.values()) {
      // Each step's requests in appends of the window's worth: one group commit, not one per node.
      while (room() && p.hasNodesLeft) {
        const { appended, refused } = await appendRecompileBatch(this.deps, p, room, (certname) => ({
          certname, environment: p.environment, reason: 'code_deployed', priority: DEPLOY_PRIORITY, causationId: p.deploymentId,
        }));
        if (refused) return;
        if (appended === 0) break;
      }
    }
  }
}
