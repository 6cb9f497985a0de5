import { ValidationError } from '../errors/troupe-error.js';
import { err, ok, type Result } from '../result.js';

/** The mount points Troupe serves, each a directory of every module (or of one). */
export const MOUNTS = {
  /** `modules/<module>/<path>`: the module's `files/`. */
  modules: 'files',
  /** Every module's `lib/`, merged (pluginsync). */
  plugins: 'lib',
  /** Every module's `facts.d/`, merged (external facts). */
  pluginfacts: 'facts.d',
  /** Every module's `locales/`, merged. */
  locales: 'locales',
} as const;
export type MountName = keyof typeof MOUNTS;

/** A request path resolved to its mount; `segments` never leave it. */
export interface MountPath {
  readonly mount: MountName;
  /** The module of a `modules/<module>/…` path; null for merged mounts. */
  readonly module: string | null;
  /** Path inside the mount's directory: no `..`, `.`, empty or NUL-holding segment. */
  readonly segments: readonly string[];
}

const MODULE_NAME = /^[a-z][a-z0-9_]*$/;
const MAX_PATH_LENGTH = 4096;
const MAX_SEGMENTS = 64;

/**
 * Parses what follows `/file_metadata/` (or `file_content`, `file_metadatas`):
 * the mount, the module for `modules`, the path inside. Refuses anything that
 * could name a file outside the mount (`safeSegments`) and unknown mounts.
 * Symbolic links are the file server's to check: this is the lexical guard.
 */
export function parseMountPath(path: string): Result<MountPath, ValidationError> {
  const parts = safeSegments(path);
  if (!parts.ok) return parts;
  const [mount, ...rest] = parts.value;
  if (mount === undefined || !Object.hasOwn(MOUNTS, mount)) return err(new ValidationError('path', `no mount point ${JSON.stringify(mount ?? '')}`));
  if (mount !== 'modules') return ok({ mount: mount as MountName, module: null, segments: rest });
  const [module, ...segments] = rest;
  if (module === undefined || !MODULE_NAME.test(module)) return err(new ValidationError('path', `not a module name: ${JSON.stringify(module ?? '')}`));
  return ok({ mount: 'modules', module, segments });
}

/**
 * A static catalog's `content_uri` path, as puppetserver's
 * `static_file_content` takes it: the file's path in the environment
 * directory, `<module dir>/<module>/files/<path>` (`modules/demo/files/a.txt`).
 */
export interface ContentPath {
  /** The directory of the module path holding the module, relative to the environment (`modules`). */
  readonly moduleDir: string;
  readonly module: string;
  /** Path inside the module's `files/`: at least one segment, none `..`. */
  readonly segments: readonly string[];
}

/** Parses a `content_uri` path with `safeSegments`' guard; only a module's `files/` is content. */
export function parseContentPath(path: string): Result<ContentPath, ValidationError> {
  const parts = safeSegments(path);
  if (!parts.ok) return parts;
  const [moduleDir, module, files, ...segments] = parts.value;
  if (moduleDir === undefined || module === undefined || !MODULE_NAME.test(module) || files !== 'files' || segments.length === 0) {
    return err(new ValidationError('path', "must be a file in a module's files directory: <module dir>/<module>/files/<path>"));
  }
  return ok({ moduleDir, module, segments });
}

/**
 * A request path's segments, refusing anything that could name a file
 * outside the directory it is joined to: a `..` segment, a NUL byte, too
 * long a path. `.` and empty segments are dropped, as a path join would.
 */
function safeSegments(path: string): Result<string[], ValidationError> {
  if (path.length > MAX_PATH_LENGTH) return err(new ValidationError('path', `longer than ${MAX_PATH_LENGTH} characters`));
  if (path.includes('\0')) return err(new ValidationError('path', 'holds a NUL byte'));
  const parts = path.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.length > MAX_SEGMENTS) return err(new ValidationError('path', `more than ${MAX_SEGMENTS} segments`));
  if (parts.includes('..')) return err(new ValidationError('path', "a '..' segment may not leave its mount"));
  return ok(parts);
}
