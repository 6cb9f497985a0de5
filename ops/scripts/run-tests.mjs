#!/usr/bin/env node
// Runs every test/**/*.test.ts with node's own test runner (TypeScript via
// tsx). Node 20's --test takes no globs, so the files are listed here.
// Usage: npm test [-- substring…]  (only files whose path contains one of them)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.test.ts') ? [join(dir, d.name)] : []);
}

const filters = process.argv.slice(2);
const files = walk('test').filter((f) => filters.length === 0 || filters.some((s) => f.includes(s))).sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
// A run never hangs: a test taking longer than the timeout fails, and a
// file whose tests are done exits even if something it started lingers.
const timeoutMs = process.env.TEST_TIMEOUT_MS ?? '300000';
const r = spawnSync(process.execPath, [
  '--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, `--test-timeout=${timeoutMs}`, '--test-force-exit',
  '--test-reporter=spec', ...files,
], { stdio: 'inherit' });
process.exit(r.status ?? 1);
