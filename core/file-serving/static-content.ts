import type { PuppetCatalog } from '../catalog/puppet-catalog.types.js';
import { TroupeError } from '../errors/troupe-error.js';
import { checksumTypeOf, fileChecksum, type ChecksumType } from './checksums.js';
import type { FileServer, OpenFile } from './file-server.js';
import type { ContentPath } from './mount-path.js';
import { CONTENT_URI_PREFIX, inlineMetadata, type InlinedMetadata, type StaticMetadata } from './static-catalog.js';

/**
 * Checksums remembered, `(environment, code_id, content path)` each: about
 * 200 bytes apiece for real paths (10 MB in all), a few KB at the longest
 * path `parseContentPath` takes.
 */
export const MAX_REMEMBERED_CONTENT = 50_000;

interface Remembered {
  readonly type: ChecksumType;
  readonly value: string;
}

/**
 * Static catalogs and their content (`static_file_content`). Inlining
 * remembers, by environment, `code_id` and content path, the checksum the
 * catalog gave each file; the content is served only while the file still
 * has that checksum — computed on the very handle that is then streamed —
 * else `not_found`, as puppetserver answers content it cannot produce for
 * a code_id. So an agent never gets content its catalog did not describe,
 * whatever changed since, and a file unchanged across code versions is
 * still served for the older ones. Bounded: the least recently used go
 * first; a forgotten entry (or one from before a restart) is `not_found`,
 * that resource fails for this run, and the next run's catalog is fresh.
 */
export class StaticContent {
  private readonly checksums = new Map<string, Remembered>();

  constructor(readonly files: FileServer, private readonly capacity = MAX_REMEMBERED_CONTENT) {}

  /** The catalog's file metadata (`inlineMetadata`), each file's checksum remembered under the catalog's code_id. */
  async inline(catalog: PuppetCatalog, checksumType: ChecksumType): Promise<StaticMetadata> {
    const added = await inlineMetadata(catalog, checksumType, this.files);
    for (const [path, value] of contentChecksums(added)) {
      const type = checksumTypeOf(value);
      // Entries get a content_uri only when the catalog has a code_id.
      if (type !== null && catalog.code_id) this.remember(key(catalog.environment, catalog.code_id, path), { type, value });
    }
    return added;
  }

  /** The file at a content path, opened, when it still has the content the catalogs of that code_id describe. */
  async open(environment: string, codeId: string, target: ContentPath): Promise<OpenFile> {
    const name = [target.moduleDir, target.module, 'files', ...target.segments].join('/');
    const k = key(environment, codeId, name);
    const expected = this.checksums.get(k);
    if (expected === undefined) throw new TroupeError('not_found', `No content of ${name} for code_id ${codeId} in environment ${environment}`);
    const file = await this.files.openContent(target);
    if (await fileChecksum(file.handle, expected.type, file.stat) !== expected.value) {
      await file.handle.close();
      throw new TroupeError('not_found', `${name} has changed since code_id ${codeId}`);
    }
    this.remember(k, expected);
    return file;
  }

  /** Remembers (or refreshes) an entry as the most recently used; the least recently used go past capacity. */
  private remember(k: string, checksum: Remembered): void {
    this.checksums.delete(k);
    this.checksums.set(k, checksum);
    for (const oldest of this.checksums.keys()) {
      if (this.checksums.size <= this.capacity) break;
      this.checksums.delete(oldest);
    }
  }
}

const key = (environment: string, codeId: string, path: string): string => `${environment}\0${codeId}\0${path}`;

/** `[content path, checksum]` of each inlined entry an agent may fetch the content of: a regular file with a `content_uri`. */
function contentChecksums(added: StaticMetadata): Array<[string, string]> {
  const all: InlinedMetadata[] = [...Object.values(added.metadata), ...Object.values(added.recursive_metadata).flatMap((bySource) => Object.values(bySource).flat())];
  return all.flatMap((m): Array<[string, string]> =>
    m.type === 'file' && m.content_uri !== undefined && m.checksum.value !== null ? [[m.content_uri.slice(CONTENT_URI_PREFIX.length), m.checksum.value]] : []);
}
