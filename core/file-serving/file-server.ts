import { lstat, open, readdir, readlink, realpath, stat, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { moduleDirsOf, readEnvironmentConf } from '../compiler/puppet/loader/environment-code.js';
import { TroupeError } from '../errors/troupe-error.js';
import { directoryChecksum, fileChecksum, type ChecksumType } from './checksums.js';
import { globMatcher } from './glob.js';
import { MOUNTS, type ContentPath, type MountPath } from './mount-path.js';

/** How a metadata request wants its answer (Puppet's query parameters). */
export interface MetadataOptions {
  /** `manage`: links are reported as links; `follow`: as what they point to. */
  readonly links: 'manage' | 'follow';
  readonly checksumType: ChecksumType;
  /** `ignore`: owner/group are the server's, mode 0644, as Puppet reports them. */
  readonly sourcePermissions: 'ignore' | 'use' | 'use_when_creating';
}

export interface SearchOptions extends MetadataOptions {
  readonly recurse: boolean;
  /** Depth below the searched directory; null: unlimited. */
  readonly recurseLimit: number | null;
  /** `File.fnmatch` patterns matched against each name. */
  readonly ignore: readonly string[];
  /** Puppet's `max_files`: > 0 fails a listing with more entries. */
  readonly maxFiles: number;
}

/** Puppet's file metadata JSON (`Puppet::FileServing::Metadata#to_data_hash`). */
export interface FileMetadata {
  readonly path: string;
  readonly relative_path: string | null;
  readonly links: 'manage' | 'follow';
  readonly owner: number;
  readonly group: number;
  readonly mode: number;
  readonly checksum: { readonly type: string; readonly value: string | null };
  readonly type: 'file' | 'directory' | 'link' | 'fifo' | 'socket';
  readonly destination: string | null;
}

/** A regular file opened for streaming, with what `fstat` said of it. */
export interface OpenFile {
  readonly handle: FileHandle;
  readonly stat: Stats;
}

/** Entries one listing may hold, whatever `max_files` says. */
export const MAX_LISTED_FILES = 10_000;
/** `ignore` patterns one request may give. */
export const MAX_IGNORE_PATTERNS = 64;

/** A directory or file that serves a mount, with its real path (symlinks resolved). */
interface Base {
  readonly path: string;
  readonly real: string;
}

/**
 * Puppet's file server over one environment directory: mount points
 * `modules/<m>` (the module's `files/`), `plugins` (every module's `lib/`),
 * `pluginfacts` (`facts.d/`), `locales`. Nothing outside a mount is ever
 * named, listed or read: paths come parsed (`parseMountPath`), and every
 * entry's real path (symbolic links resolved) must lie inside the real
 * path of its mount directory, or it does not exist.
 */
export class FileServer {
  private readonly environmentDir: string;

  constructor(environmentDir: string, private readonly maxListed = MAX_LISTED_FILES) {
    this.environmentDir = resolve(environmentDir);
  }

  /** One file's metadata (`file_metadata`); `not_found` when there is none. */
  async metadata(target: MountPath, options: MetadataOptions): Promise<FileMetadata> {
    const found = await this.find(target);
    return collect(found.path, null, found, options);
  }

  /** A file or directory tree's metadata (`file_metadatas`), merged over every base of the mount. */
  async search(target: MountPath, options: SearchOptions): Promise<FileMetadata[]> {
    if (options.ignore.length > MAX_IGNORE_PATTERNS) throw new TroupeError('invalid_input', `more than ${MAX_IGNORE_PATTERNS} ignore patterns`);
    const bases = await this.bases(target);
    if (bases.length === 0) {
      if (target.module !== null || target.segments.length > 0) throw notFound(target);
      // No module has this directory: Puppet answers with the module path itself, not recursed.
      const dirs = await existing(this.moduleDirs());
      return dirs.length === 0 ? [] : [await collect(dirs[0]!.path, '.', dirs[0]!, options)];
    }
    const limit = options.maxFiles > 0 ? Math.min(options.maxFiles, this.maxListed) : this.maxListed;
    const ignored = options.ignore.map(globMatcher);
    const merged = new Map<string, Base>();
    for (const base of bases) {
      for (const rel of await walk(base, options, ignored, limit)) if (!merged.has(rel)) merged.set(rel, base);
      if (merged.size > limit) throw tooMany(target, limit);
    }
    const out: FileMetadata[] = [];
    for (const [rel, base] of merged) {
      const entry = rel === '.' ? base : await inside(base, join(base.path, rel));
      if (entry) out.push(await collect(base.path, rel, entry, options));
    }
    return out;
  }

  /** A regular file of the mount, opened for streaming (`file_content`). */
  async open(target: MountPath): Promise<OpenFile> {
    return openRegular(await this.find(target), describe(target));
  }

  /**
   * Where a found file or directory lies in the environment directory, as a
   * static catalog's `content_uri` names it (`modules/demo/files/a.txt`);
   * null unless it is below a module's `files/` in the environment, the only
   * files Puppet inlines (`inlineable_metadata?`).
   */
  contentPath(path: string): string | null {
    const rel = relative(this.environmentDir, path).split(sep).join('/');
    return /^[^/]+\/[^/]+\/files\/.+/.test(rel) && !rel.startsWith('../') ? rel : null;
  }

  /** Whether the environment serves static catalogs: `environment.conf`'s `static_catalogs`, true unless `false`, as in Puppet. */
  staticCatalogs(): boolean {
    return readEnvironmentConf(join(this.environmentDir, 'environment.conf'))['static_catalogs'] !== 'false';
  }

  /** The file a `content_uri` path names (`static_file_content`): in a module directory of the module path, inside the module's `files/`. */
  async openContent(target: ContentPath): Promise<OpenFile> {
    const name = [target.moduleDir, target.module, 'files', ...target.segments].join('/');
    const moduleDir = join(this.environmentDir, target.moduleDir);
    const [root] = this.moduleDirs().includes(moduleDir) ? await existing([join(moduleDir, target.module, 'files')]) : [];
    const found = root && await inside(root, join(root.path, ...target.segments));
    if (!found) throw new TroupeError('not_found', `Could not find ${name}`);
    return openRegular(found, name);
  }

  /** The first base that has the path, as Puppet's `find` takes the first module that has it. */
  private async find(target: MountPath): Promise<Base> {
    const [first] = await this.bases(target);
    if (!first) throw notFound(target);
    return first;
  }

  /** Where the mount's path exists, in module path order, each checked to stay inside its mount directory. */
  private async bases(target: MountPath): Promise<Base[]> {
    const roots = await this.mountRoots(target);
    const found: Base[] = [];
    for (const root of roots) {
      const base = await inside(root, join(root.path, ...target.segments));
      if (base) found.push(base);
    }
    return found;
  }

  /** The mount's directories: one module's, or every module's (first of a name in the module path wins). */
  private async mountRoots(target: MountPath): Promise<Base[]> {
    const sub = MOUNTS[target.mount];
    const modules = new Map<string, string>();
    for (const dir of this.moduleDirs()) {
      const names = target.module !== null ? [target.module] : await readdir(dir).catch(() => [] as string[]);
      for (const name of names.sort()) {
        if (!modules.has(name) && /^[a-z][a-z0-9_]*$/.test(name) && await isDirectory(join(dir, name))) modules.set(name, join(dir, name, sub));
      }
    }
    return existing([...modules.values()]);
  }

  private moduleDirs(): string[] {
    return moduleDirsOf(this.environmentDir);
  }
}

/** Opens a found entry, refusing (`not_found`) anything but a regular file. */
async function openRegular(found: Base, name: string): Promise<OpenFile> {
  const handle = await open(found.real, 'r');
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    throw new TroupeError('not_found', `${name} is not a file`);
  }
  return { handle, stat: info };
}

/** Paths that exist, with their real paths (the mount directories themselves). */
async function existing(paths: readonly string[]): Promise<Base[]> {
  const out: Base[] = [];
  for (const path of paths) {
    const real = await realpath(path).catch(() => null);
    if (real !== null) out.push({ path, real });
  }
  return out;
}

/** `path` when it exists and its real path lies inside `root`'s; else null (a link out, or a dangling one, is no file). */
async function inside(root: Base, path: string): Promise<Base | null> {
  const real = await realpath(path).catch(() => null);
  if (real === null) return null;
  return real === root.real || real.startsWith(root.real + sep) ? { path, real } : null;
}

/**
 * Puppet's `Fileset`: the base and, when recursing, everything below it,
 * breadth first (names sorted), without ignored names, as paths relative
 * to the base (`.` first). Directories already visited (links in a loop)
 * are not entered again; past `limit` entries the listing fails.
 */
async function walk(base: Base, options: SearchOptions, ignored: ReadonlyArray<(name: string) => boolean>, limit: number): Promise<string[]> {
  const out = ['.'];
  const visited = new Set([base.real]);
  let level: string[] = ['.'];
  for (let depth = 1; options.recurse && level.length > 0 && (options.recurseLimit === null || depth <= options.recurseLimit); depth++) {
    const next: string[] = [];
    for (const rel of level) {
      const dir = rel === '.' ? base.path : join(base.path, rel);
      if (!(await statOf(dir, options.links))?.isDirectory()) continue;
      for (const name of (await readdir(dir).catch(() => [] as string[])).sort()) {
        if (ignored.some((m) => m(name))) continue;
        const child = rel === '.' ? name : `${rel}/${name}`;
        const entry = await inside(base, join(base.path, child));
        if (!entry) continue;
        if (out.push(child) > limit) throw new TroupeError('too_large', `more than ${limit} files below ${base.path}`);
        if (!visited.has(entry.real)) { visited.add(entry.real); next.push(child); }
      }
    }
    level = next;
  }
  return out;
}

/** Puppet's metadata of one entry (`Metadata#collect`). */
async function collect(basePath: string, rel: string | null, entry: Base, options: MetadataOptions): Promise<FileMetadata> {
  const path = rel === null || rel === '.' ? basePath : join(basePath, rel);
  const info = await statOf(path, options.links);
  if (!info) throw new TroupeError('not_found', `${path} vanished`);
  const type = fileType(info);
  const ignore = options.sourcePermissions === 'ignore';
  let checksumType: string = options.checksumType;
  let value: string | null;
  if (type === 'directory') { checksumType = 'ctime'; value = directoryChecksum(info); } else if (type === 'fifo' || type === 'socket') { checksumType = 'none'; value = '{none}'; } else {
    // A link's checksum is its target's content (links that resolve outside the mount never get here).
    const target = type === 'link' ? await stat(entry.real) : info;
    value = target.isFile() ? await fileChecksum(entry.real, options.checksumType, target) : null;
  }
  return {
    path: basePath,
    relative_path: rel,
    links: options.links,
    owner: ignore ? process.geteuid?.() ?? 0 : info.uid,
    group: ignore ? process.getegid?.() ?? 0 : info.gid,
    mode: ignore ? 0o644 : info.mode & 0o7777,
    checksum: { type: checksumType, value },
    type,
    destination: type === 'link' ? await readlink(path) : null,
  };
}

function fileType(info: Stats): FileMetadata['type'] {
  if (info.isDirectory()) return 'directory';
  if (info.isSymbolicLink()) return 'link';
  if (info.isFIFO()) return 'fifo';
  if (info.isSocket()) return 'socket';
  return 'file';
}

const statOf = (path: string, links: 'manage' | 'follow'): Promise<Stats | null> =>
  (links === 'manage' ? lstat(path) : stat(path)).catch(() => null);

const isDirectory = async (path: string): Promise<boolean> => (await stat(path).catch(() => null))?.isDirectory() ?? false;

const describe = (t: MountPath): string => [t.mount, ...(t.module ? [t.module] : []), ...t.segments].join('/');
const notFound = (t: MountPath): TroupeError => new TroupeError('not_found', `Could not find ${describe(t)}`);
const tooMany = (t: MountPath, limit: number): TroupeError => new TroupeError('too_large', `${describe(t)} holds more than ${limit} files`);
