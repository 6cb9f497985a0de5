import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cp, mkdir, rename, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { ValidationError } from '../../core/errors/troupe-error.js';

/** Code ids and environment names safe as one path segment. */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,255}$/;

/**
 * Copies of environments' code, one directory per version
 * (`<root>/<environment>/<codeId>/`), so a staged rollout compiles the
 * previous and the new code side by side whatever happens to the
 * environment's own directory meanwhile. Bounded by {@link retain}: the
 * rollout feeder keeps only the versions of open rollouts and the one each
 * environment settled on — at most two per environment.
 */
export class CodeVersions {
  constructor(private readonly root: string) {}

  /** Where a version's copy is (whether or not it exists). */
  dirOf(environment: string, codeId: string): string {
    if (!SEGMENT.test(environment) || !SEGMENT.test(codeId)) throw new ValidationError('codeId', `'${environment}/${codeId}' cannot name a code version directory`);
    return resolve(this.root, environment, codeId);
  }

  has(environment: string, codeId: string): boolean {
    return existsSync(this.dirOf(environment, codeId));
  }

  /**
   * Copies `source` (links followed, hidden directories such as `.git`
   * left out) as a version of the environment, unless that version is
   * there already. The copy appears whole or not at all (a temporary
   * directory renamed into place).
   */
  async snapshot(environment: string, codeId: string, source: string): Promise<string> {
    const dir = this.dirOf(environment, codeId);
    if (existsSync(dir)) return dir;
    const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
    await mkdir(join(this.root, environment), { recursive: true });
    try {
      await cp(source, tmp, { recursive: true, dereference: true, preserveTimestamps: true, filter: (src) => !isHiddenDir(src) });
      await rename(tmp, dir);
    } catch (e) {
      await rm(tmp, { recursive: true, force: true });
      throw e;
    }
    return dir;
  }

  /** Removes every version of `environment` not in `keep` (and copies left half-made by a crash). */
  retain(environment: string, keep: ReadonlySet<string>): string[] {
    const envDir = join(this.root, environment);
    if (!SEGMENT.test(environment) || !existsSync(envDir)) return [];
    const removed: string[] = [];
    for (const name of readdirSync(envDir)) {
      if (keep.has(name)) continue;
      rmSync(join(envDir, name), { recursive: true, force: true });
      removed.push(name);
    }
    return removed;
  }

  /** Environments that have versions on disk. */
  environments(): string[] {
    return existsSync(this.root) ? readdirSync(this.root).filter((n) => SEGMENT.test(n)) : [];
  }
}

/** Hidden directories (`.git`) are not code, as the fingerprint has it; hidden files can be. */
function isHiddenDir(path: string): boolean {
  return basename(path).startsWith('.') && statSync(path).isDirectory();
}
