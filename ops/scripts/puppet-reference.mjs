#!/usr/bin/env node
// Regenerates the builtin compiler's differential corpus with real Puppet 7:
// for every test/core/compiler/corpus/<case>/ it runs puppet-reference.rb
// (Puppet's own compiler, in process) and writes expected.json.
// With --forge it records the Forge-module node set instead
// (test/core/compiler/forge-site/nodes/<certname>/, docs/compiler.md).
// Usage: node ops/scripts/puppet-reference.mjs [--forge] [case-substring…]
// Needs `puppet` installed (its ruby); the normal test run does not.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const forge = process.argv[2] === '--forge';
const corpus = join(root, forge ? 'test/core/compiler/forge-site/nodes' : 'test/core/compiler/corpus');
const sharedModules = join(root, 'test/core/compiler/corpus-modules');
const script = join(root, 'ops/scripts/puppet-reference.rb');
const filters = process.argv.slice(forge ? 3 : 2);

/**
 * Real Puppet sees the environment through a symlink named as the case's `environment` (default `production`);
 * the script makes paths relative to it.
 * The shared modules a case names (`"modules": ["stdlib"]`) are symlinked into a basemodulepath directory,
 * whose paths are written as `$basemodulepath/` (the corpus test does the same).
 */
function reference(caseDir) {
  const spec = JSON.parse(readFileSync(join(caseDir, 'case.json'), 'utf8'));
  const envDir = resolve(caseDir, spec.code ?? 'production');
  const envs = mkdtempSync(join(tmpdir(), 'troupe-corpus-'));
  const environment = spec.environment ?? 'production';
  symlinkSync(envDir, join(envs, environment));
  const base = mkdtempSync(join(tmpdir(), 'troupe-corpus-modules-'));
  for (const m of spec.modules ?? []) symlinkSync(join(sharedModules, m), join(base, m));
  const opt = (f) => (existsSync(join(caseDir, f)) ? join(caseDir, f) : '-');
  const args = [script, envs, environment, spec.certname, join(caseDir, 'facts.json'), opt('trusted.json'), opt('exported.json'), '1', base];
  const r = spawnSync('ruby', args, { encoding: 'utf8' });
  rmSync(envs, { recursive: true, force: true });
  rmSync(base, { recursive: true, force: true });
  if (!r.stdout) throw new Error(`${caseDir}: ${r.stderr}`);
  // Floats are kept as Ruby wrote them (`2.0`), which JSON.parse and JSON.stringify would turn into `2`.
  const out = JSON.parse(r.stdout.split(base + '/').join('$basemodulepath/').replace(FLOAT_LINE, '$1"\\u0000float:$2"$3'));
  delete out.version; delete out.catalog_uuid; delete out.code_id;
  return out;
}

// pretty_generate writes one value a line (a string never spans lines): a line
// whose value is a Float is quoted with a marker, and unquoted when written.
const FLOAT_LINE = /^(\s*(?:"(?:[^"\\]|\\.)*": )?)(-?\d+(?:\.\d+(?:e[-+]\d+)?|e[-+]\d+))(,?)$/gm;
const FLOAT_MARKED = /"\\u0000float:([^"]+)"/g;
const write = (expected) => JSON.stringify(expected, null, 2).replace(FLOAT_MARKED, '$1');

for (const name of readdirSync(corpus).sort()) {
  if (filters.length && !filters.some((f) => name.includes(f))) continue;
  const caseDir = join(corpus, name);
  const expected = reference(caseDir);
  writeFileSync(join(caseDir, 'expected.json'), `${write(expected)}\n`);
  console.log(`${name}: ${expected.error ? 'error' : `${expected.resources.length} resources`}`);
}
