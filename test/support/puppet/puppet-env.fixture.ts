import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway environments directory (Puppet's `environmentpath`); remove it with `rmSync(dir, { recursive: true })`. */
export function tempEnvironments(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `troupe-${prefix}-`));
}

/** Writes `<dir>/<environment>/manifests/site.pp`; returns the environment's directory. */
export function writeSite(dir: string, environment: string, sitePp: string): string {
  const envDir = join(dir, environment);
  mkdirSync(join(envDir, 'manifests'), { recursive: true });
  writeFileSync(join(envDir, 'manifests', 'site.pp'), sitePp);
  return envDir;
}
