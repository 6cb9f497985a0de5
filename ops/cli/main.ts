#!/usr/bin/env node
import { COMMANDS } from './commands.js';

const USAGE = `usage: troupe <command> [options]

commands:
${COMMANDS.map(({ spec }) => `  ${spec.name.padEnd(10)}${spec.summary}`).join('\n')}

Run 'troupe <command> --help' for a command's options; docs/operations.md has them all.
Exit codes: 0 done, 1 failed, 2 wrong command line or configuration (nothing was run).
`;

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  const command = COMMANDS.find((c) => c.spec.name === name);
  if (!command) {
    process.stderr.write(name === undefined ? USAGE : `unknown command: ${name}\n\n${USAGE}`);
    return 2;
  }
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
