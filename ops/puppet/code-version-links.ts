import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/** A code version as Puppet loads it: environment `<environment>` of environmentpath `environmentpath`. */
export interface CodeVersionLink {
  /** `<environment>@<codeDir>`: the version's key in caches (`PuppetProcess.loaded`, code ids). */
  readonly key: string;
  readonly environment: string;
  readonly environmentpath: string;
  /** The version's own directory, where `<environmentpath>/<environment>` links to. */
  readonly codeDir: string;
}

/**
 * Code versions given by a request's `codeDir` (a staged rollout's copies,
 * actors/rollout/code-versions.ts), each made loadable by Puppet's
 * directory environments: `<root>/versions/<hash of key>/<environment>`
 * is a link to the version's directory, so any directory can be compiled
 * as any environment. Bounded by `max`: past it the least recently used
 * version's link is removed and `onDrop` told (its caches are dropped);
 * it is linked again, and reloaded, when next compiled. `drop` does the
 * same for an environment's versions when its code is invalidated.
 */
export class CodeVersionLinks {
  private readonly links = new Map<string, CodeVersionLink>();

  constructor(
    private readonly root: () => string,
    private readonly max: number,
    private readonly onDrop: (link: CodeVersionLink) => void,
  ) {}

  /** The version's link, made on first use (`codeDir` resolved, `environment` a valid name). */
  use(environment: string, codeDir: string): CodeVersionLink {
    const key = versionKey(environment, codeDir);
    let link = this.links.get(key);
    if (link) {
      this.links.delete(key); // most recently used last
    } else {
      const environmentpath = join(this.root(), 'versions', createHash('sha256').update(key).digest('hex').slice(0, 16));
      mkdirSync(environmentpath, { recursive: true });
      const path = join(environmentpath, environment);
      if (!existsSync(path)) symlinkSync(codeDir, path);
      link = { key, environment, environmentpath, codeDir };
    }
    this.links.set(key, link);
    if (this.links.size > this.max) this.remove(this.links.values().next().value!);
    return link;
  }

  /** Versions linked now. */
  get size(): number {
    return this.links.size;
  }

  /** Drops the versions of `environment` (of every environment when undefined). */
  drop(environment?: string): void {
    for (const link of [...this.links.values()]) if (environment === undefined || link.environment === environment) this.remove(link);
  }

  private remove(link: CodeVersionLink): void {
    this.links.delete(link.key);
    rmSync(link.environmentpath, { recursive: true, force: true });
    this.onDrop(link);
  }
}

/** A code version's key: '@' is in no environment name, so it never equals one. */
export const versionKey = (environment: string, codeDir: string): string => `${environment}@${codeDir}`;
