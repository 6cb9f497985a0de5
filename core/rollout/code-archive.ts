import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { TroupeError } from '../errors/troupe-error.js';

/*
 * A code version's directory as one gzipped archive, for a database row:
 * directories and regular files (links followed) with their mode and
 * modification time, paths relative to the root. Entries: kind (1 byte:
 * 0 directory, 1 file), mode (u32), mtime ms (f64), path length (u32),
 * path (UTF-8), then for a file its size (u32) and bytes.
 */

/** The most file bytes (before compression) one archive holds by default. */
export const DEFAULT_MAX_CODE_ARCHIVE_BYTES = 128 * 1024 * 1024;

const DIR = 0;
const FILE = 1;

/** Packs `root`; `too_large` once its files pass `maxBytes` (before compression), read no further. */
export async function packDirectory(root: string, maxBytes = DEFAULT_MAX_CODE_ARCHIVE_BYTES): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  const walk = async (relative: string): Promise<void> => {
    for (const name of (await readdir(join(root, relative))).sort()) {
      const path = relative === '' ? name : `${relative}/${name}`;
      const s = await stat(join(root, path));
      if (s.isDirectory()) {
        parts.push(header(DIR, s.mode, s.mtimeMs, path));
        await walk(path);
      } else if (s.isFile()) {
        total += s.size;
        if (total > maxBytes) throw new TroupeError('too_large', `the code in ${root} is larger than ${maxBytes} bytes, the most a code version shared between instances may hold`);
        const size = Buffer.alloc(4);
        size.writeUInt32BE(s.size);
        parts.push(header(FILE, s.mode, s.mtimeMs, path), size, await readFile(join(root, path)));
      }
    }
  };
  await walk('');
  return gzipSync(Buffer.concat(parts));
}

/** Writes an archive's entries under `root` (which must not exist yet or be empty); a path leaving `root` is refused. */
export async function unpackInto(archive: Uint8Array, root: string): Promise<void> {
  const bytes = gunzipSync(archive);
  const times: [string, number][] = [];
  await mkdir(root, { recursive: true });
  for (let at = 0; at < bytes.length;) {
    const kind = bytes.readUInt8(at);
    const mode = bytes.readUInt32BE(at + 1);
    const mtimeMs = bytes.readDoubleBE(at + 5);
    const length = bytes.readUInt32BE(at + 13);
    const path = safePath(bytes.subarray(at + 17, at + 17 + length).toString('utf8'));
    at += 17 + length;
    const target = join(root, path);
    if (kind === DIR) {
      await mkdir(target, { recursive: true, mode: mode & 0o7777 });
    } else {
      const size = bytes.readUInt32BE(at);
      await writeFile(target, bytes.subarray(at + 4, at + 4 + size), { mode: mode & 0o7777 });
      at += 4 + size;
    }
    times.push([target, mtimeMs]);
  }
  // Directories' times last: writing their files changed them.
  for (const [target, mtimeMs] of times.reverse()) await utimes(target, mtimeMs / 1000, mtimeMs / 1000);
}

function header(kind: number, mode: number, mtimeMs: number, path: string): Buffer {
  const name = Buffer.from(path, 'utf8');
  const h = Buffer.alloc(17);
  h.writeUInt8(kind, 0);
  h.writeUInt32BE(mode, 1);
  h.writeDoubleBE(mtimeMs, 5);
  h.writeUInt32BE(name.length, 13);
  return Buffer.concat([h, name]);
}

function safePath(path: string): string {
  const normal = normalize(path);
  if (path === '' || isAbsolute(path) || normal.split(sep).includes('..')) throw new TroupeError('invalid_input', `a code archive entry leaves its directory: '${path}'`);
  return normal;
}
