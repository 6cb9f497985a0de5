#!/usr/bin/env node
import { isTroupeError } from '../../core/errors/troupe-error.js';
import { parseArgs, type CliArgs } from './cli-args.js';
import { runAgentCommand } from './agent.command.js';
import { runCompileCommand } from './compile.command.js';
import { eventsCommand } from './events.command.js';
import { fleetCommand } from './fleet.command.js';
import { replayCommand } from './replay.command.js';
import { serveCommand } from './serve.command.js';
import { statusCommand } from './status.command.js';
import { submitCommand } from './submit.command.js';

const USAGE = `usage: troupe <command> [options]

commands:
  serve     run Troupe: event log, node actors, projections, HTTP on 127.0.0.1:8140
  submit    send a PuppetDB command, a Troupe event or a catalog request to a running Troupe
  events    print one node's timeline from the event log (--node NAME [--until POS|TIME])
  replay    rebuild the storeconfigs database from the log into a new file
  status    print a running Troupe's queue depths and admission state
  compile   compile one node's catalog with the built-in compiler
  fleet     simulate N Puppet agents against a running Troupe (--nodes N --interval 30m --splay 1m)
  agent     a node-side agent: receive catalogs over STOMP, apply them, report back

Run 'troupe <command> --help' for a command's options; docs/operations.md has them all.`;

const COMMANDS: Record<string, (args: CliArgs) => Promise<number>> = {
  serve: serveCommand,
  submit: submitCommand,
  events: eventsCommand,
  status: statusCommand,
  replay: replayCommand,
  fleet: fleetCommand,
  compile: () => runCompileCommand(process.argv.slice(3)),
  agent: () => runAgentCommand(process.argv.slice(3)),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    console.error(name && name !== '--help' ? `unknown command: ${name}\n\n${USAGE}` : USAGE);
    return name === '--help' ? 0 : 2;
  }
  return command(parseArgs(rest));
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    console.error(isTroupeError(e) ? `troupe: ${e.message}` : e);
    process.exitCode = 1;
  },
);
