import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DeploymentStatus } from '../../../actors/deploy/deployment-progress.js';
import type { DeployFeederStatus } from '../../../actors/deploy/deploy-feeder.js';
import { fingerprint } from '../../../core/compiler/puppet/loader/environment-code.js';
import { DEFAULT_ROLLOUT_PLAN_TEXT, parseRolloutPlan, waveText } from '../../../core/rollout/rollout-plan.js';
import { UsageError } from '../cli-args.js';
import { CliError, defineCommand, positiveInteger, type CommandIo } from '../cli-command.js';
import { messageOf, request, TARGET_OPTIONS, troupeTarget, type Target } from '../http-client.js';
import { ProgressBar } from '../progress-bar.js';
import { hasSelector, SELECTOR_OPTIONS_BUT_ENVIRONMENT, selectorFromFlags } from '../selector-options.js';

/**
 * `troupe deploy [--code-dir DIR] [--environment E] [--wait]`: tells a
 * running Troupe that an environment's code changed. Troupe records
 * `code_deployed`, recompiles the nodes the change can affect in the
 * background and pushes the catalogs that changed.
 */
export const deployCommand = defineCommand({
  name: 'deploy',
  summary: 'record a code deployment: affected nodes are recompiled and changed catalogs pushed',
  usage: '[--environment E] [--code-dir DIR] [-F PATH=V -C CLASS -T EXT=V --select COND] [--wait] [--waves W --pace D --gate G] [--url URL]',
  about: 'The code version is the fingerprint of --code-dir (its files, sizes and times),\n'
    + "else what the server reads from the environment's own code directory.\n"
    + 'Progress: GET /troupe/v1/deployments, /status (deployments), and\n'
    + "`troupe events --node '$code'` for the deployment's events.\n"
    + 'Selector flags recompile and push only the nodes they pick (the others get the\n'
    + 'new code at their next check-in).\n'
    + "--waves makes it a staged rollout of the code in --code-dir (a directory on Troupe's host):\n"
    + "waves by count, percentage or fact selector ('1%,10%,rest', 'datacenter=dc1,rest'), the next\n"
    + 'after --pace if the health gate holds; the others keep the previous code. `troupe rollout`\n'
    + 'shows and steers it.',
  options: {
    environment: { type: 'string', value: 'E', description: 'the environment whose code changed', default: 'production' },
    'code-dir': { type: 'string', value: 'DIR', description: 'the deployed environment directory, to compute the code version from', defaultText: "the server's" },
    wait: { type: 'boolean', description: 'wait until every affected node is recompiled, showing progress' },
    waves: { type: 'string', value: 'W', description: "a staged rollout in these waves: '1%,10%,rest', '2,rest', 'datacenter=dc1,rest'", defaultText: 'not staged' },
    pace: { type: 'string', value: 'D', description: 'with --waves: least time between waves (90s, 30m, 2h, 1d)', defaultText: DEFAULT_ROLLOUT_PLAN_TEXT.pace },
    gate: { type: 'string', value: 'G', description: "with --waves: pause when more moved nodes' last runs failed", defaultText: DEFAULT_ROLLOUT_PLAN_TEXT.gate },
    'timeout-seconds': { type: 'string', value: 'N', description: 'with --wait: give up after N seconds (exit 1)', default: '3600' },
    ...SELECTOR_OPTIONS_BUT_ENVIRONMENT,
    ...TARGET_OPTIONS,
  },
}, async ({ values }, io) => {
  const target = troupeTarget(values);
  if (values.waves !== undefined) return staged(target, values, io);
  for (const f of ['pace', 'gate'] as const) if (values[f] !== undefined) throw new UsageError(`--${f} is for a staged rollout (with --waves)`);
  const timeoutMs = positiveInteger('timeout-seconds', values['timeout-seconds']) * 1000;
  const codeId = values['code-dir'] === undefined ? undefined : codeVersion(values['code-dir']);
  const select = hasSelector(values) ? selectorFromFlags(values) : null;
  const res = await request(target, 'POST', '/troupe/v1/deployments', JSON.stringify({ environment: values.environment, ...(codeId ? { codeId } : {}), ...(select ? { select } : {}) }));
  if (res.status !== 202) throw new CliError(`deploy refused (${res.status}): ${messageOf(res.json)}`);
  const started = res.json as { deploymentId: string; environment: string; codeId: string; selected?: number };
  const only = started.selected === undefined ? '' : `, ${started.selected} node(s) selected`;
  io.out(`deployment ${started.deploymentId} of ${started.environment}, code ${started.codeId}${only}\n`);
  return values.wait ? waitFor(target, started.deploymentId, timeoutMs, io) : 0;
});

/** `--waves`: checked here first (exit 2, nothing sent), then started on the server. */
async function staged(target: Target, values: { environment: string; 'code-dir'?: string; waves?: string; pace?: string; gate?: string; wait?: boolean } & Parameters<typeof hasSelector>[0], io: CommandIo): Promise<number> {
  if (values['code-dir'] === undefined) throw new UsageError("--waves needs --code-dir, the new code's directory");
  if (values.wait) throw new UsageError('--wait is for plain deployments; follow a rollout with `troupe rollout status`');
  if (hasSelector(values)) throw new UsageError('a staged rollout picks nodes by its waves (a wave can be a fact selector: datacenter=dc1)');
  const plan = parseRolloutPlan({ waves: values.waves!, pace: values.pace ?? null, gate: values.gate ?? null });
  if (!plan.ok) throw new UsageError(`--${plan.error.path}: ${plan.error.message.replace(`${plan.error.path}: `, '')}`);
  codeVersion(values['code-dir']);
  const body = { environment: values.environment, codeDir: resolve(values['code-dir']), waves: values.waves, ...(values.pace ? { pace: values.pace } : {}), ...(values.gate ? { gate: values.gate } : {}) };
  const res = await request(target, 'POST', '/troupe/v1/deployments', JSON.stringify(body));
  if (res.status !== 202) throw new CliError(`deploy refused (${res.status}): ${messageOf(res.json)}`);
  const r = res.json as { rolloutId: string; environment: string; codeId: string; previousCodeId: string; nodes: number };
  io.out(`rollout ${r.rolloutId} of ${r.environment}: code ${r.previousCodeId} → ${r.codeId}, ${r.nodes} node(s), waves ${plan.value.waves.map(waveText).join(', ')}\n`);
  return 0;
}

function codeVersion(dir: string): string {
  const path = resolve(dir);
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new UsageError(`--code-dir: ${path} is not a directory`);
  return fingerprint(path);
}

/** Polls the deployment until it finished; exit 0 when completed without failures, 1 otherwise. */
async function waitFor(target: Target, id: string, timeoutMs: number, io: CommandIo): Promise<number> {
  let bar: ProgressBar | undefined;
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 500))) {
    const res = await request(target, 'GET', '/troupe/v1/deployments');
    if (res.status !== 200) throw new CliError(`cannot read deployments (${res.status}): ${messageOf(res.json)}`);
    const status = res.json as DeployFeederStatus;
    const done = status.finished.find((d) => d.deploymentId === id);
    const open = status.open.find((d) => d.deploymentId === id);
    const d = done ?? open;
    if (d) {
      bar ??= new ProgressBar('recompiling', d.nodes);
      bar.update(d.requested - d.inFlight);
    }
    if (done) {
      bar?.finish();
      io.out(`${summary(done)}\n`);
      return done.outcome === 'completed' && done.failed === 0 ? 0 : 1;
    }
  }
  bar?.finish();
  io.err(`troupe deploy: deployment ${id} still open after ${Math.round(timeoutMs / 1000)} s\n`);
  return 1;
}

function summary(d: DeploymentStatus): string {
  if (d.scope === 'unchanged_code') return `deployment ${d.outcome}: code ${d.codeId} is what ${d.environment} runs already; nothing to recompile`;
  return `deployment ${d.outcome}: ${d.nodes} node(s), ${d.changed} changed (pushed), ${d.unchanged} unchanged, ${d.failed} failed`;
}
