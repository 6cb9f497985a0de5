import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBuiltinCompiler } from '../../core/compiler/builtin.compiler.js';
import { NO_EXPORTED_RESOURCES, type ExportedResource } from '../../core/compiler/catalog-compiler.js';
import { inMemoryExportedResources } from '../../core/compiler/exported-resources.memory.js';

const USAGE = 'usage: troupe compile --node NAME --facts FILE [--code ENVDIR] [--environment NAME] [--trusted FILE] [--exported FILE]';

/** The example environment, found from source (`ops/cli`) and from the build (`dist/ops/cli`). */
export function defaultCodeDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '../../docs/examples/environment'), resolve(here, '../../../docs/examples/environment')];
  return candidates.find((c) => existsSync(c)) ?? candidates[0]!;
}

/** Where the command writes; the process's streams unless a test passes its own. */
export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const PROCESS_IO: CommandIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/**
 * `troupe compile`: compiles one node's catalog with the builtin compiler
 * and prints it as Puppet's catalog JSON. Exit 0 on success, 1 when the
 * code fails to compile (Puppet's message on stderr), 2 on bad usage.
 */
export async function runCompileCommand(argv: string[], io: CommandIo = PROCESS_IO): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        node: { type: 'string' }, facts: { type: 'string' }, code: { type: 'string' }, environment: { type: 'string' },
        trusted: { type: 'string' }, exported: { type: 'string' },
      },
      strict: true,
    }));
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!values.node || !values.facts) { io.err(`--node and --facts are required\n${USAGE}\n`); return 2; }
  let facts: Record<string, unknown>;
  let trusted: Record<string, unknown> | undefined;
  let exported: ExportedResource[] | undefined;
  try {
    facts = readJson(values.facts) as Record<string, unknown>;
    // `puppet facts` output wraps the facts in `values`.
    if (facts['values'] && typeof facts['values'] === 'object' && facts['name']) facts = facts['values'] as Record<string, unknown>;
    trusted = values.trusted ? (readJson(values.trusted) as Record<string, unknown>) : undefined;
    exported = values.exported ? (readJson(values.exported) as ExportedResource[]) : undefined;
  } catch (e) {
    io.err(`${(e as Error).message}\n`);
    return 2;
  }
  const compiler = createBuiltinCompiler({ codeDir: resolve(values.code ?? defaultCodeDir()) });
  const r = await compiler.compile({
    certname: values.node,
    environment: values.environment ?? 'production',
    facts,
    ...(trusted ? { trusted } : {}),
    exported: exported ? inMemoryExportedResources(exported) : NO_EXPORTED_RESOURCES,
    catalogUuid: randomUUID(),
  });
  if (!r.ok) { io.err(`Error: ${r.error.message}\n`); return 1; }
  io.out(`${JSON.stringify(r.value, null, 2)}\n`);
  return 0;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as Error).message}`);
  }
}
