import { runAgentCommand } from './agent.command.js';
import { caCommand } from './ca.command.js';
import type { CliCommand } from './cli-command.js';
import { runCompileCommand } from './compile.command.js';
import { deployCommand } from './deploy.command.js';
import { eventsCommand } from './events.command.js';
import { fleetCommand } from './fleet.command.js';
import { nodesCommand } from './nodes.command.js';
import { queryCommand } from './query.command.js';
import { replayCommand } from './replay.command.js';
import { rolloutCommand } from './rollout.command.js';
import { runCommand } from './run.command.js';
import { serveCommand } from './serve.command.js';
import { statusCommand } from './status.command.js';
import { submitCommand } from './submit.command.js';

/** Every `troupe` command, in the order `troupe --help` lists them (apart from main.ts so tests can load them). */
export const COMMANDS: readonly CliCommand[] = [
  serveCommand, submitCommand, deployCommand, rolloutCommand, runCommand, eventsCommand, replayCommand, statusCommand, queryCommand, nodesCommand, runCompileCommand, fleetCommand, runAgentCommand, caCommand,
];
