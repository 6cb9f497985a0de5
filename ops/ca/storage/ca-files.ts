import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** puppetserver's CA directory (`cadir`), file for file, so either can open the other's. */
export interface CaPaths {
  readonly dir: string;
  readonly caCert: string;
  readonly caKey: string;
  readonly caPub: string;
  readonly caCrl: string;
  readonly serial: string;
  readonly inventory: string;
  readonly signedDir: string;
  readonly requestsDir: string;
}

export function caPaths(dir: string): CaPaths {
  return {
    dir,
    caCert: join(dir, 'ca_crt.pem'),
    caKey: join(dir, 'ca_key.pem'),
    caPub: join(dir, 'ca_pub.pem'),
    caCrl: join(dir, 'ca_crl.pem'),
    serial: join(dir, 'serial'),
    inventory: join(dir, 'inventory.txt'),
    signedDir: join(dir, 'signed'),
    requestsDir: join(dir, 'requests'),
  };
}

/** The files puppetserver requires of a CA directory: all present, or none (a new CA). */
export const REQUIRED_CA_FILES = ['caCert', 'caKey', 'caCrl', 'serial', 'inventory'] as const;

export const signedPath = (paths: CaPaths, certname: string): string => join(paths.signedDir, `${certname}.pem`);
export const requestPath = (paths: CaPaths, certname: string): string => join(paths.requestsDir, `${certname}.pem`);

/** A host's own key and certificate in Puppet's ssldir layout (`certs/`, `private_keys/`). */
export function hostPaths(sslDir: string, certname: string): { readonly cert: string; readonly key: string } {
  return { cert: join(sslDir, 'certs', `${certname}.pem`), key: join(sslDir, 'private_keys', `${certname}.pem`) };
}

/** Private keys: owner only. */
export const PRIVATE_MODE = 0o600;
export const PUBLIC_MODE = 0o644;

/**
 * Replaces `path` whole or not at all (temporary file, fsync, rename), with
 * its mode set from the start, so a crash never leaves a torn serial or CRL
 * and a private key is never readable by others, not even for a moment.
 */
export function writeFileAtomic(path: string, data: string, mode: number): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o750 });
  const tmp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', mode);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export function readText(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}
