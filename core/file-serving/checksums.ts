import { createHash } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/** Puppet's checksum types (`Puppet::Util::Checksums`). */
export const CHECKSUM_TYPES = [
  'sha256', 'sha256lite', 'md5', 'md5lite', 'sha1', 'sha1lite', 'sha224', 'sha384', 'sha512', 'mtime', 'ctime', 'none',
] as const;
export type ChecksumType = (typeof CHECKSUM_TYPES)[number];

/** What `*lite` checksums read of a file: its first 512 bytes, as Puppet does. */
const LITE_BYTES = 512;

/**
 * A file's checksum as Puppet writes it, `{type}value`. Digests stream the
 * file (never held whole in memory), named by path or already open (read
 * from its start, left open); `mtime`/`ctime` are the times in Ruby's
 * `Time#to_s` form; `none` is `{none}`.
 */
export async function fileChecksum(file: string | FileHandle, type: ChecksumType, stat: Stats): Promise<string> {
  switch (type) {
    case 'mtime': return `{mtime}${rubyTime(stat.mtime)}`;
    case 'ctime': return `{ctime}${rubyTime(stat.ctime)}`;
    case 'none': return '{none}';
    default: return `{${type}}${await digest(file, type)}`;
  }
}

/** The type of a checksum written `{type}value`; null when it names none Puppet knows. */
export function checksumTypeOf(checksum: string): ChecksumType | null {
  const type = /^\{([a-z0-9]+)\}/.exec(checksum)?.[1];
  return type !== undefined && (CHECKSUM_TYPES as readonly string[]).includes(type) ? type as ChecksumType : null;
}

/** A directory's checksum: always its ctime, whatever was asked. */
export const directoryChecksum = (stat: Stats): string => `{ctime}${rubyTime(stat.ctime)}`;

async function digest(file: string | FileHandle, type: Exclude<ChecksumType, 'mtime' | 'ctime' | 'none'>): Promise<string> {
  const lite = type.endsWith('lite');
  const hash = createHash(lite ? type.slice(0, -'lite'.length) : type);
  const range = { start: 0, ...(lite ? { end: LITE_BYTES - 1 } : {}) };
  const stream = typeof file === 'string' ? createReadStream(file, range) : file.createReadStream({ ...range, autoClose: false });
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** `2013-10-01 13:16:10 +0000`: Ruby's `Time#to_s`, in UTC. */
function rubyTime(t: Date): string {
  return `${t.toISOString().slice(0, 19).replace('T', ' ')} +0000`;
}
