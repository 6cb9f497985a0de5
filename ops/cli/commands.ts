import { runAgentCommand } from './fleet/agent.command.js';
import { caCommand } from './ca/ca.command.js';
import type { CliCommand } from './cli-command.js';
import { runCompileCommand } from './fleet/compile.command.js';
import { deployCommand } from './deploy/deploy.command.js';
import { eventsCommand } from './data/events.command.js';
import { fleetCommand } from './fleet/fleet.command.js';
import { nodesCommand } from './data/nodes.command.js';
import { queryCommand } from './data/query.command.js';
import { replayCommand } from './data/replay.command.js';
import { rolloutCommand } from './deploy/rollout.command.js';
import { runCommand } from './deploy/run.command.js';
import { serveCommand } from './server/serve.command.js';
import { statusCommand } from './server/status.command.js';
import { submitCommand } from './fleet/submit.command.js';

/** Every `troupe` command, in the order `troupe --help` lists them (apart from main.ts so tests can load them). */
export const COMMANDS: readonly CliCommand[] = [
  serveCommand, submitCommand, deployCommand, rolloutCommand, runCommand, eventsCommand, replayCommand, statusCommand, queryCommand, nodesCommand, runCompileCommand, fleetCommand, runAgentCommand, caCommand,
];
