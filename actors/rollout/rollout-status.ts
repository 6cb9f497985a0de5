import { waveText } from '../../core/rollout/rollout-plan.js';
import { gateFigures, type OpenRollout } from '../../core/rollout/rollout-state.js';
import type { DeploymentStatus } from '../deploy/deployment-progress.js';

/** An open rollout as `/status`, `GET /troupe/v1/rollouts` and `troupe rollout status` show it. */
export interface RolloutStatus {
  readonly rolloutId: string;
  readonly environment: string;
  readonly codeId: string;
  readonly previousCodeId: string;
  readonly phase: OpenRollout['phase'];
  readonly pause: OpenRollout['pause'];
  /** 1-based: the wave last started (0: none yet). */
  readonly wave: number;
  readonly waves: readonly string[];
  readonly paceMs: number;
  /** Nodes of the environment when the rollout started. */
  readonly nodes: number;
  readonly moved: number;
  readonly gate: { readonly reported: number; readonly failed: number; readonly maxFailedPercent: number };
  /** When the next wave may start (the pace), while a running rollout has started one. */
  readonly nextWaveAt: string | null;
  /** The current step's recompiles (a wave's, an abort's); null when none since the start. */
  readonly recompiles: Pick<DeploymentStatus, 'requested' | 'inFlight' | 'changed' | 'unchanged' | 'failed'> | null;
}

export function rolloutStatus(r: OpenRollout, recompiles: DeploymentStatus | undefined): RolloutStatus {
  const g = gateFigures(r);
  const p = recompiles;
  return {
    rolloutId: r.rolloutId, environment: r.environment, codeId: r.codeId, previousCodeId: r.previousCodeId,
    phase: r.phase, pause: r.pause, wave: r.wave + 1, waves: r.plan.waves.map(waveText), paceMs: r.plan.paceMs,
    nodes: r.nodes, moved: r.moved.size,
    gate: { reported: g.reported, failed: g.failed, maxFailedPercent: r.plan.gate.maxFailedPercent },
    nextWaveAt: r.wave >= 0 && r.phase === 'running' ? new Date(r.waveStartedAt + r.plan.paceMs).toISOString() : null,
    recompiles: p ? { requested: p.requested, inFlight: p.inFlight, changed: p.changed, unchanged: p.unchanged, failed: p.failed } : null,
  };
}
