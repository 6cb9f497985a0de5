import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TroupeConfig } from '../../config/troupe.config.js';
import { CliError } from '../cli-command.js';

// What `troupe serve` says when it cannot start: one sentence naming the
// port or the directory and what to do, instead of an errno dump.

/** Errors from the log and projection threads arrive as plain `{ code }` objects: go by the code. */
const codeOf = (e: unknown): string | undefined => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

const PERMISSION: Readonly<Record<string, string>> = {
  EACCES: 'permission denied', EPERM: 'permission denied', EROFS: 'read-only file system',
  SQLITE_READONLY: 'read-only', SQLITE_CANTOPEN: 'cannot open its files', SQLITE_PERM: 'permission denied',
};

function dataDirProblem(code: string | undefined, dir: string): string | undefined {
  const fix = 'or choose another with --data-dir';
  if (code === 'EEXIST' || code === 'ENOTDIR') return `data directory ${dir} is not a directory (a file is in the way); move the file ${fix}`;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return `the disk holding data directory ${dir} is full; free some space ${fix}`;
  const why = code === undefined ? undefined : PERMISSION[code];
  return why && `cannot create or write data directory ${dir} (${why}); make it writable ${fix}`;
}

function listenProblem(code: string | undefined, { host, port }: TroupeConfig): string | undefined {
  if (code === 'EADDRINUSE') return `port ${port} on ${host} is already in use (another troupe or puppetserver?); stop it or choose another with --port`;
  if (code === 'EACCES') return `not allowed to listen on port ${port} on ${host} (ports below 1024 need privileges); choose another with --port`;
  if (code === 'EADDRNOTAVAIL') return `${host} is not an address of this machine; choose another with --host`;
  if (code === 'ENOTFOUND') return `cannot resolve host ${host}; choose another with --host`;
  return undefined;
}

/** Creates the data directory up front, so that an unusable one is refused before anything starts. */
export function prepareDataDir(dir: string): void {
  try {
    // Checked first because a recursive mkdir reports a read-only file system as ENOENT.
    accessSync(nearestExisting(dir), constants.W_OK);
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new CliError(dataDirProblem(codeOf(e), dir) ?? `cannot use data directory ${dir}: ${(e as Error).message}`, { cause: e });
  }
}

function nearestExisting(path: string): string {
  while (!existsSync(path) && dirname(path) !== path) path = dirname(path);
  return path;
}

/**
 * A start-up failure as a CliError when it is one we can explain; anything
 * else unchanged. By now the data directory has been checked, so only
 * SQLite's own codes and a full disk are taken to be about it.
 */
export function explainStartFailure(e: unknown, config: TroupeConfig): unknown {
  const code = codeOf(e);
  const syscall = (e as { syscall?: unknown } | null)?.syscall;
  const sentence = syscall === 'listen' || syscall === 'getaddrinfo' ? listenProblem(code, config)
    : code?.startsWith('SQLITE_') || code === 'ENOSPC' || code === 'EDQUOT' ? dataDirProblem(code, config.dataDir)
    : undefined;
  return sentence === undefined ? e : new CliError(sentence, { cause: e });
}
