import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBuiltinCompiler } from '../../../core/compiler/builtin.compiler.js';
import { NO_EXPORTED_RESOURCES, type ExportedResource } from '../../../core/compiler/catalog-compiler.js';
import { inMemoryExportedResources } from '../../../core/compiler/exported-resources.memory.js';
import { UsageError } from '../cli-args.js';
import { defineCommand } from '../cli-command.js';

/** The example environment, found from source (`ops/cli/fleet`) and from the build (`dist/ops/cli/fleet`). */
export function defaultCodeDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '../../../docs/examples/environment'), resolve(here, '../../../../docs/examples/environment')];
  return candidates.find((c) => existsSync(c)) ?? candidates[0]!;
}

/**
 * `troupe compile`: compiles one node's catalog with the builtin compiler
 * and prints it as Puppet's catalog JSON. Exit 0 on success, 1 when the
 * code fails to compile (Puppet's message on stderr), 2 on bad usage.
 */
export const runCompileCommand = defineCommand({
  name: 'compile',
  summary: "compile one node's catalog with the built-in compiler",
  usage: '--node NAME --facts FILE [--code ENVDIR] [--environment NAME] [--trusted FILE] [--exported FILE]',
  about: "Prints the catalog as Puppet's catalog JSON; a failed compile prints Puppet's message on stderr, exit 1.",
  options: {
    node: { type: 'string', value: 'NAME', description: 'the certname (required)' },
    facts: { type: 'string', value: 'FILE', description: 'its facts, plain or `puppet facts` output (required)' },
    code: { type: 'string', value: 'ENVDIR', description: 'the Puppet environment', defaultText: 'docs/examples/environment' },
    environment: { type: 'string', value: 'NAME', description: 'the environment name', default: 'production' },
    trusted: { type: 'string', value: 'FILE', description: 'trusted facts (JSON)' },
    exported: { type: 'string', value: 'FILE', description: 'exported resources to collect (JSON array)' },
  },
}, async ({ values }, io) => {
  if (!values.node || !values.facts) throw new UsageError('--node and --facts are required');
  let facts = readJson('facts', values.facts) as Record<string, unknown>;
  // `puppet facts` output wraps the facts in `values`.
  if (facts['values'] && typeof facts['values'] === 'object' && facts['name']) facts = facts['values'] as Record<string, unknown>;
  const trusted = values.trusted ? (readJson('trusted', values.trusted) as Record<string, unknown>) : undefined;
  const exported = values.exported ? (readJson('exported', values.exported) as ExportedResource[]) : undefined;
  const compiler = createBuiltinCompiler({ codeDir: resolve(values.code ?? defaultCodeDir()) });
  const r = await compiler.compile({
    certname: values.node,
    environment: values.environment,
    facts,
    ...(trusted ? { trusted } : {}),
    exported: exported ? inMemoryExportedResources(exported) : NO_EXPORTED_RESOURCES,
    catalogUuid: randomUUID(),
  });
  if (!r.ok) { io.err(`Error: ${r.error.message}\n`); return 1; }
  io.out(`${JSON.stringify(r.value, null, 2)}\n`);
  return 0;
});

function readJson(flag: string, path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`--${flag}: cannot read ${path}: ${(e as Error).message}`);
  }
}
