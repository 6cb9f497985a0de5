import type { RunStatus } from '../../../actors/run/run-dispatcher.js';
import { DEFAULT_RUN_REQUEST } from '../../../core/wire/run-request.decoder.js';
import { CliError, defineCommand, positiveInteger, type CommandIo } from '../cli-command.js';
import { messageOf, request, TARGET_OPTIONS, troupeTarget, type Target } from '../http-client.js';
import { ProgressBar } from '../progress-bar.js';
import { hasSelector, SELECTOR_OPTIONS, selectorFromFlags } from '../selector-options.js';

/**
 * `troupe run [selectors] [--batch N]`: MCollective's `runall N`. Troupe
 * asks each selected node's `troupe agent` over STOMP to apply its current
 * catalog, at most N at once; this command follows the run to its end.
 */
export const runCommand = defineCommand({
  name: 'run',
  summary: "ask the selected nodes' agents to apply their catalog now, N at a time",
  usage: '[-F PATH=V -C CLASS -T EXT=V -E ENV --select COND] [--batch N] [--timeout-seconds N] [--url URL]',
  about: 'Without selector flags every active node runs. Prints each node\'s outcome as it\n'
    + 'reports and a summary; exit 0 when no node failed or timed out, else 1.\n'
    + 'Needs the deployer or admin role, and a Troupe with stompUrl.',
  options: {
    ...SELECTOR_OPTIONS,
    batch: { type: 'string', value: 'N', description: 'nodes running at once; the next starts when one reports or times out', default: String(DEFAULT_RUN_REQUEST.batch) },
    'timeout-seconds': { type: 'string', value: 'N', description: "a node's time to report back", default: String(DEFAULT_RUN_REQUEST.timeoutSeconds) },
    ...TARGET_OPTIONS,
  },
}, async ({ values }, io) => {
  const target = troupeTarget(values);
  const batch = positiveInteger('batch', values.batch);
  const timeoutSeconds = positiveInteger('timeout-seconds', values['timeout-seconds']);
  const select = hasSelector(values) ? selectorFromFlags(values) : null;
  const res = await request(target, 'POST', '/troupe/v1/runs', JSON.stringify({ batch, timeoutSeconds, ...(select ? { select } : {}) }));
  if (res.status !== 202) throw new CliError(`run refused (${res.status}): ${messageOf(res.json)}`);
  const run = res.json as RunStatus;
  io.out(`run ${run.runId}: ${run.nodes} node(s), ${run.batch} at a time\n`);
  return follow(target, run, io);
});

/** Polls the run, printing each node's outcome once, until it finished. */
async function follow(target: Target, first: RunStatus, io: CommandIo): Promise<number> {
  const bar = new ProgressBar('running', first.nodes);
  let shown = 0;
  for (let run = first; ; await new Promise((r) => setTimeout(r, 300))) {
    for (const r of run.results.slice(shown)) io.out(`${r.certname}: ${r.outcome.replace('_', ' ')}\n`);
    shown = run.results.length;
    bar.update(shown);
    if (run.finished) {
      bar.finish();
      io.out(`run ${run.runId} finished: ${run.nodes} node(s), ${run.changed} changed, ${run.unchanged} unchanged, ${run.failed} failed, ${run.timedOut} timed out\n`);
      return run.failed + run.timedOut === 0 ? 0 : 1;
    }
    const res = await request(target, 'GET', `/troupe/v1/runs/${run.runId}`);
    if (res.status !== 200) throw new CliError(`cannot read run ${run.runId} (${res.status}): ${messageOf(res.json)}`);
    run = res.json as RunStatus;
  }
}
