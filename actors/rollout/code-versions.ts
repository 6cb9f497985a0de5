import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cp, mkdir, rename, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { TroupeError, ValidationError } from '../../core/errors/troupe-error.js';
import { DEFAULT_MAX_CODE_ARCHIVE_BYTES, packDirectory, unpackInto } from '../../core/rollout/code-archive.js';
import type { CodeVersionStore } from '../../core/rollout/code-version-store.js';

/** Code ids and environment names safe as one path segment. */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,255}$/;

/** Options of {@link CodeVersions}; defaults in {@link DEFAULT_CODE_VERSIONS_OPTIONS}. */
export interface CodeVersionsOptions {
  /**
   * Where versions are shared with the other instances (PostgreSQL): each
   * snapshot is stored there too, and a version missing here is unpacked
   * from it on first need. @defaultValue none (one instance)
   */
  readonly shared?: CodeVersionStore;
  /** A shared version's files at most, before compression; a larger snapshot fails (`too_large`). @defaultValue 128 MiB */
  readonly maxSharedBytes?: number;
  /** A shared store's removal failed (tried again at the next prune). @defaultValue ignored */
  readonly onSharedError?: (error: unknown) => void;
}

export const DEFAULT_CODE_VERSIONS_OPTIONS = { maxSharedBytes: DEFAULT_MAX_CODE_ARCHIVE_BYTES } as const satisfies CodeVersionsOptions;

/**
 * Copies of environments' code, one directory per version
 * (`<root>/<environment>/<codeId>/`), so a staged rollout compiles the
 * previous and the new code side by side whatever happens to the
 * environment's own directory meanwhile. Bounded by {@link retain}: the
 * rollout feeder keeps only the versions of open rollouts and the one each
 * environment settled on — at most two per environment. With a shared
 * store every instance reaches the leader's copies (`ensure`).
 */
export class CodeVersions {
  /** Versions being unpacked here, so concurrent compiles of one version share the work. */
  private readonly unpacking = new Map<string, Promise<string>>();

  constructor(private readonly root: string, private readonly options: CodeVersionsOptions = {}) {}

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
    const shared = this.options.shared;
    if (existsSync(dir)) {
      // Copied here before (by this leader, or unpacked as a follower): shared already, or stored now.
      if (shared) await shared.put(environment, codeId, await packDirectory(dir, this.maxSharedBytes));
      return dir;
    }
    return this.placed(environment, dir, async (tmp) => {
      await cp(source, tmp, { recursive: true, dereference: true, preserveTimestamps: true, filter: (src) => !isHiddenDir(src) });
      // Shared before it appears here, so no instance is told of a version it cannot fetch.
      if (shared) await shared.put(environment, codeId, await packDirectory(tmp, this.maxSharedBytes));
    });
  }

  /**
   * The directory of a version, unpacked from the shared store if it is
   * not here yet (an instance compiling a node of a rollout another
   * instance started); then the environment's local versions the store
   * no longer holds are removed. Without a shared store, the directory as
   * `dirOf` names it; a version in neither place is `not_found`.
   */
  async ensure(environment: string, codeId: string): Promise<string> {
    const dir = this.dirOf(environment, codeId);
    const shared = this.options.shared;
    if (!shared || existsSync(dir)) return dir;
    let unpacking = this.unpacking.get(dir);
    if (!unpacking) {
      unpacking = (async () => {
        const archive = await shared.get(environment, codeId);
        if (archive === undefined) throw new TroupeError('not_found', `code version ${codeId} of ${environment} is neither in ${this.root} nor in the shared store`);
        await this.placed(environment, dir, (tmp) => unpackInto(archive, tmp));
        // Alone: a prune now would take the temporary directory of another version being unpacked.
        if (this.unpacking.size === 1) this.retain(environment, new Set(await shared.codeIds(environment)), { local: true });
        return dir;
      })().finally(() => this.unpacking.delete(dir));
      this.unpacking.set(dir, unpacking);
    }
    return unpacking;
  }

  /** Fills a temporary directory and renames it to `dir`: the version appears whole or not at all (another's rename first is as good). */
  private async placed(environment: string, dir: string, fill: (tmp: string) => Promise<void>): Promise<string> {
    const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
    await mkdir(join(this.root, environment), { recursive: true });
    try {
      await fill(tmp);
      await rename(tmp, dir);
    } catch (e) {
      await rm(tmp, { recursive: true, force: true });
      if (!existsSync(dir)) throw e;
    }
    return dir;
  }

  private get maxSharedBytes(): number {
    return this.options.maxSharedBytes ?? DEFAULT_CODE_VERSIONS_OPTIONS.maxSharedBytes;
  }

  /**
   * Removes every version of `environment` not in `keep` (and copies left
   * half-made by a crash), here and, unless `local`, in the shared store
   * (in the background: a failed removal is tried at the next prune).
   */
  retain(environment: string, keep: ReadonlySet<string>, { local = false } = {}): string[] {
    if (!local) this.options.shared?.retain(environment, keep).catch((e: unknown) => this.options.onSharedError?.(e));
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
