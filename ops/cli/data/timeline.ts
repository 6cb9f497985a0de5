import type { CompileDriftData, RecordedEvent, TroupeEvent } from '../../../core/events/event.types.js';
import { waveText } from '../../../core/rollout/rollout-plan.js';

/** One line of a node's history: what happened, why, and how long it took. */
export function describeEvent(e: RecordedEvent, requestTimes: Map<string, number>): string {
  const ev = e as RecordedEvent<TroupeEvent>;
  const head = `${ev.time}  #${ev.position}  ${ev.type.padEnd(18)}`;
  const via = `via ${ev.meta.source}`;
  switch (ev.type) {
    case 'facts_submitted':
      return `${head} ${Object.keys(ev.data.values).length} facts, environment ${ev.data.environment} (${via})`;
    case 'catalog_requested':
      requestTimes.set(ev.id, Date.parse(ev.time));
      return `${head} reason ${ev.data.reason}${ev.data.from === undefined ? '' : ` from ${ev.data.from}`}, priority ${ev.data.priority} (${via}) request ${ev.id.slice(0, 8)}`;
    case 'catalog_compiled':
      return `${head} ${ev.data.catalog.resources.length} resources, hash ${ev.data.hash.slice(0, 12)}${ev.data.hash === ev.data.previousHash ? ' (unchanged)' : ''}, compile ${ev.data.durationMs.toFixed(1)} ms by ${byCompiler(ev.data)}${waited(ev, requestTimes)}`;
    case 'compile_failed':
      return `${head} ${ev.data.error.code}: ${ev.data.error.message} (by ${byCompiler(ev.data)})${waited(ev, requestTimes)}`;
    case 'compile_drift':
      return `${head} ${driftSummary(ev.data)}`;
    case 'catalog_submitted':
      return `${head} ${ev.data.bodyOf === undefined ? `${ev.data.catalog.resources.length} resources` : `unchanged (body of event ${ev.data.bodyOf})`}, version ${ev.data.catalog.version} from ${ev.data.catalog.producer ?? 'unknown'} (${via})`;
    case 'report_submitted':
      return `${head} status ${ev.data.status}${ev.data.noop ? ' (noop)' : ''}, config version ${ev.data.configurationVersion}`;
    case 'catalog_inputs_submitted':
      return `${head} ${ev.data.inputs.length} inputs of catalog ${ev.data.catalogUuid ?? 'unknown'} (${via})`;
    case 'node_deactivated':
      return `${head} (${via})`;
    case 'code_deployed':
      return `${head} environment ${ev.data.environment} code ${ev.data.codeId}`;
    case 'deployment_planned':
      return `${head} deployment ${ev.data.deploymentId.slice(0, 8)}: ${ev.data.nodes} node${ev.data.nodes === 1 ? '' : 's'} to recompile (${ev.data.scope}), environment ${ev.data.environment} code ${ev.data.previousCodeId ?? 'none'} → ${ev.data.codeId}`;
    case 'deployment_finished':
      return `${head} deployment ${ev.data.deploymentId.slice(0, 8)} ${ev.data.outcome}: ${ev.data.requested} recompiled, ${ev.data.changed} changed (pushed), ${ev.data.unchanged} unchanged, ${ev.data.failed} failed in ${Math.round(ev.data.durationMs)} ms`;
    case 'command_rejected':
      return `${head} ${ev.data.reason} (${via})`;
    case 'compile_aborted':
      return `${head} ${ev.data.reason}: ${ev.data.detail}`;
    case 'run_requested':
      return `${head} run ${ev.data.runId.slice(0, 8)}: ${ev.data.certnames.length} node${ev.data.certnames.length === 1 ? '' : 's'}, ${ev.data.batch} at once, timeout ${Math.round(ev.data.timeoutMs / 1000)} s, by ${ev.data.requestedBy ?? 'the plain listener'}`;
    case 'run_node_finished':
      return `${head} run ${ev.data.runId.slice(0, 8)}: ${ev.data.certname} ${ev.data.outcome} in ${Math.round(ev.data.durationMs)} ms`;
    case 'run_finished':
      return `${head} run ${ev.data.runId.slice(0, 8)}: ${ev.data.nodes} node(s), ${ev.data.changed} changed, ${ev.data.unchanged} unchanged, ${ev.data.failed} failed, ${ev.data.timedOut} timed out in ${Math.round(ev.data.durationMs)} ms`;
    case 'rollout_started':
      return `${head} rollout ${ev.data.rolloutId.slice(0, 8)}: environment ${ev.data.environment} code ${ev.data.previousCodeId} → ${ev.data.codeId}, ${ev.data.nodes} node(s), waves ${ev.data.plan.waves.map(waveText).join(', ')}, pace ${Math.round(ev.data.plan.paceMs / 1000)} s, gate failed<=${ev.data.plan.gate.maxFailedPercent}%`;
    case 'rollout_wave_started':
      return `${head} rollout ${ev.data.rolloutId.slice(0, 8)}: wave ${ev.data.wave + 1} moves ${ev.data.certnames.length} node(s)${ev.data.certnames.length > 0 ? `: ${ev.data.certnames.slice(0, 5).join(' ')}${ev.data.certnames.length > 5 ? ' …' : ''}` : ''}`;
    case 'rollout_paused':
      return `${head} rollout ${ev.data.rolloutId.slice(0, 8)} paused (${ev.data.reason}): ${ev.data.detail}`;
    case 'rollout_resumed':
    case 'rollout_promoted':
    case 'rollout_aborted':
      return `${head} rollout ${ev.data.rolloutId.slice(0, 8)} by ${ev.data.by ?? 'the plain listener'}`;
    case 'rollout_finished':
      return `${head} rollout ${ev.data.rolloutId.slice(0, 8)} ${ev.data.outcome}: environment ${ev.data.environment} on code ${ev.data.codeId}`;
  }
}

/** `builtin`, or `puppet (auto: uses Ruby function x)` when auto chose it. */
function byCompiler(d: { compiler: string; compilerReason?: string }): string {
  return d.compilerReason === undefined ? d.compiler : `${d.compiler} (auto: ${d.compilerReason})`;
}

/** What the shadow check found, on one line: the first differences and how many in all. */
function driftSummary(d: CompileDriftData): string {
  const what = d.referenceError
    ? `puppet failed where builtin compiled: ${d.referenceError.code}: ${d.referenceError.message}`
    : `builtin differs from puppet in ${d.differenceCount} place${d.differenceCount === 1 ? '' : 's'}: ${d.differences.join('; ')}`;
  return `catalog ${d.catalogUuid.slice(0, 8)}, environment ${d.environment}: ${what}`;
}

function waited(ev: RecordedEvent & { data: { requestIds: readonly string[] } }, requestTimes: Map<string, number>): string {
  const first = Math.min(...ev.data.requestIds.map((id) => requestTimes.get(id) ?? Infinity));
  const merged = ev.data.requestIds.length > 1 ? `, answers ${ev.data.requestIds.length} conflated requests` : '';
  return Number.isFinite(first) ? `, ${Date.parse(ev.time) - first} ms after request${merged}` : merged;
}

/** The node as of the end of its (possibly truncated) timeline. */
export function summarise(events: readonly RecordedEvent[]): Record<string, unknown> {
  const last = (type: TroupeEvent['type']) => [...events].reverse().find((e) => e.type === type);
  const compiled = last('catalog_compiled') as RecordedEvent<Extract<TroupeEvent, { type: 'catalog_compiled' }>> | undefined;
  const deactivated = last('node_deactivated');
  const newestOther = [...events].reverse().find((e) => e.type !== 'node_deactivated');
  return {
    events: events.length,
    lastFacts: last('facts_submitted')?.time ?? null,
    lastCatalog: compiled ? { hash: compiled.data.hash, time: compiled.time } : last('catalog_submitted')?.time ?? null,
    lastReport: last('report_submitted')?.time ?? null,
    deactivated: deactivated !== undefined && (newestOther === undefined || newestOther.position < deactivated.position),
  };
}
