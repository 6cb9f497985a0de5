import type { RolloutStatus } from '../../../actors/rollout/rollout-status.js';
import type { FinishedRollout } from '../../../core/rollout/rollout-state.js';
import { ROLLOUT_COMMANDS, type RolloutCommand } from '../../../core/rollout/rollout-state.js';
import { CliError, defineCommand, defineCommandGroup, type CliCommand } from '../cli-command.js';
import { messageOf, request, TARGET_OPTIONS, troupeTarget } from '../http-client.js';

const ENVIRONMENT = { environment: { type: 'string', value: 'E', description: "the environment whose rollout it is", default: 'production' } } as const;

/** `troupe rollout status`: the open rollouts (or one environment's), and the last finished. */
const statusCommand = defineCommand({
  name: 'rollout status',
  summary: 'show open rollouts: wave, moved nodes, health gate, pause reason',
  usage: '[--environment E] [--json] [--url URL]',
  about: 'Any operator role may read it. Exit 0.',
  options: {
    environment: { type: 'string', value: 'E', description: 'only this environment', defaultText: 'every environment' },
    json: { type: 'boolean', description: 'print the JSON the server answers' },
    ...TARGET_OPTIONS,
  },
}, async ({ values }, io) => {
  const res = await request(troupeTarget(values), 'GET', '/troupe/v1/rollouts');
  if (res.status !== 200) throw new CliError(`cannot read rollouts (${res.status}): ${messageOf(res.json)}`);
  const body = res.json as { open: RolloutStatus[]; finished: FinishedRollout[] };
  const mine = <T extends { environment: string }>(xs: T[]) => xs.filter((x) => values.environment === undefined || x.environment === values.environment);
  if (values.json) {
    io.out(`${JSON.stringify({ open: mine(body.open), finished: mine(body.finished) }, null, 2)}\n`);
    return 0;
  }
  const open = mine(body.open);
  if (open.length === 0) io.out('no open rollout\n');
  for (const r of open) io.out(`${describe(r)}\n`);
  for (const f of mine(body.finished)) io.out(`finished ${f.rolloutId.slice(0, 8)} ${f.environment}: ${f.outcome} at ${f.finishedAt}, on code ${f.codeId}, ${f.moved} node(s) had moved\n`);
  return 0;
});

function describe(r: RolloutStatus): string {
  const waves = r.waves.map((w, i) => (i + 1 === r.wave ? `[${w}]` : w)).join(', ');
  const lines = [
    `rollout ${r.rolloutId} of ${r.environment}: ${r.phase}${r.pause ? ` (${r.pause.reason}: ${r.pause.detail})` : ''}`,
    `  code ${r.previousCodeId} → ${r.codeId}`,
    `  wave ${r.wave} of ${r.waves.length}: ${waves}; ${r.moved} of ${r.nodes} node(s) moved`,
    `  gate: ${r.gate.failed} of ${r.gate.reported} reporting moved node(s) failed (at most ${r.gate.maxFailedPercent}%)`,
  ];
  if (r.nextWaveAt) lines.push(`  next step not before ${r.nextWaveAt}`);
  if (r.recompiles) lines.push(`  recompiles: ${r.recompiles.requested} asked, ${r.recompiles.inFlight} waiting, ${r.recompiles.changed} changed, ${r.recompiles.unchanged} unchanged, ${r.recompiles.failed} failed`);
  return lines.join('\n');
}

const ABOUT: Record<RolloutCommand, string> = {
  pause: 'hold the rollout: no further wave starts (moved nodes stay on the new code)',
  resume: 'let a paused rollout go on; the health gate counts runs from now on',
  promote: 'start the next wave now, whatever the pace and the gate (after the last: complete)',
  abort: "move every moved node back: recompiled and pushed with the previous code's catalog",
};

/** `troupe rollout pause|resume|promote|abort`: an operator's step, recorded on `$rollouts`. */
function stepCommand(command: RolloutCommand): CliCommand {
  return defineCommand({
    name: `rollout ${command}`,
    summary: ABOUT[command],
    usage: '[--environment E] [--url URL]',
    about: 'Needs the deployer or admin role. Exit 0 when recorded, 1 when refused (no open rollout, or not now).',
    options: { ...ENVIRONMENT, ...TARGET_OPTIONS },
  }, async ({ values }, io) => {
    const res = await request(troupeTarget(values), 'POST', `/troupe/v1/rollouts/${encodeURIComponent(values.environment)}/${command}`);
    if (res.status !== 202) throw new CliError(`${command} refused (${res.status}): ${messageOf(res.json)}`);
    io.out(`${describe(res.json as RolloutStatus)}\n`);
    return 0;
  });
}

/** `troupe rollout …`: watch and steer staged rollouts (`troupe deploy --waves`). */
export const rolloutCommand = defineCommandGroup({
  name: 'rollout',
  summary: 'watch and steer staged rollouts: status, pause, resume, promote, abort',
  about: "A staged rollout is started with `troupe deploy --waves …`. Every step is an event on '$rollouts'\n"
    + "(`troupe events --node '$rollouts'`).",
}, [statusCommand, ...ROLLOUT_COMMANDS.map(stepCommand)]);
