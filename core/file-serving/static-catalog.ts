import type { PuppetCatalog, PuppetResource } from '../catalog/puppet-catalog.types.js';
import { TroupeError } from '../errors/troupe-error.js';
import { CHECKSUM_TYPES, type ChecksumType } from './checksums.js';
import type { FileMetadata, FileServer, MetadataOptions, SearchOptions } from './file-server.js';
import { parseMountPath, type MountPath } from './mount-path.js';

/** One file's metadata in a static catalog: Puppet's `Metadata#to_data_hash` with what the compiler adds. */
export interface InlinedMetadata extends FileMetadata {
  /** `puppet:///<path in the environment>`: where `static_file_content` serves it; absent without a `code_id`. */
  readonly content_uri?: string;
  /** The source it was found at (single files only, as Puppet sets it). */
  readonly source?: string;
}

/** What a static catalog adds: Puppet's `metadata` (title → metadata) and `recursive_metadata` (title → source → metadata). */
export interface StaticMetadata {
  readonly metadata: Readonly<Record<string, InlinedMetadata>>;
  readonly recursive_metadata: Readonly<Record<string, Readonly<Record<string, readonly InlinedMetadata[]>>>>;
}

/** How a `content_uri` begins: no server named, so the agent asks the server it got the catalog from. */
export const CONTENT_URI_PREFIX = 'puppet:///';

/** What inlining reads of the file server. */
export type MetadataLookup = Pick<FileServer, 'metadata' | 'search' | 'contentPath' | 'staticCatalogs'>;

/**
 * Metadata entries one catalog inlines at most; resources past it stay as
 * they are (the agent asks the file server for them, as for any other).
 */
export const MAX_INLINED_METADATA = 10_000;

/**
 * Puppet's `inline_metadata` (`Puppet::Resource::Catalog::Compiler`): the
 * metadata of every `file` whose sources are all `puppet:` URIs, found
 * here, below a module's `files/` in the environment. Single files get
 * `metadata` (with `source`), `recurse => true | remote` ones
 * `recursive_metadata` keyed by the (normalized) source. Each entry gets a
 * `content_uri` when the catalog has a `code_id`: without one the agent
 * fetches content with `file_content`. Unlike Puppet, a source found
 * nowhere leaves its resource as it is (Puppet fails the catalog): the
 * agent then reports that one resource. An environment with
 * `static_catalogs = false` in its `environment.conf` inlines nothing.
 */
export async function inlineMetadata(catalog: PuppetCatalog, checksumType: ChecksumType, files: MetadataLookup, limit = MAX_INLINED_METADATA): Promise<StaticMetadata> {
  const metadata: Record<string, InlinedMetadata> = {};
  const recursive: Record<string, Record<string, InlinedMetadata[]>> = {};
  const inliner = new Inliner(files, catalog.code_id ? CONTENT_URI_PREFIX : null);
  let left = files.staticCatalogs() ? limit : 0;
  for (const resource of catalog.resources) {
    if (left <= 0) break;
    const plan = inlinePlan(resource, checksumType);
    if (plan === null) continue;
    // A failure to read a file (permissions, a vanished file) leaves the resource to the agent, which reports it.
    if (plan.recurse) {
      const found = await inliner.recursive(plan).catch(() => null);
      const count = found === null ? 0 : Object.values(found).reduce((n, list) => n + list.length, 0);
      if (found !== null && count > 0 && count <= left) { recursive[resource.title] = found; left -= count; }
    } else {
      const found = await inliner.single(plan).catch(() => null);
      if (found !== null) { metadata[resource.title] = found; left -= 1; }
    }
  }
  return { metadata, recursive_metadata: recursive };
}

/**
 * A static catalog's JSON text: the compiled catalog's text with
 * `metadata` and `recursive_metadata` added, each only when not empty (as
 * `to_data_hash` does). The compiled text is a JSON object
 * (`JSON.stringify`'s, no trailing space), so the fields go before its
 * closing brace; the catalog is not serialized again.
 */
export function withStaticMetadata(catalogText: string, added: StaticMetadata): string {
  const fields = [
    ...(Object.keys(added.metadata).length > 0 ? [`"metadata":${JSON.stringify(added.metadata)}`] : []),
    ...(Object.keys(added.recursive_metadata).length > 0 ? [`"recursive_metadata":${JSON.stringify(added.recursive_metadata)}`] : []),
  ];
  return fields.length === 0 ? catalogText : `${catalogText.slice(0, -1)},${fields.join(',')}}`;
}

/** A file resource to inline: its sources (all `puppet:`) and the options Puppet's compiler passes for it. */
interface Plan {
  readonly sources: readonly string[];
  readonly recurse: boolean;
  readonly all: boolean;
  readonly options: SearchOptions;
}

/** Puppet's `inlineable?` and its options for the resource (the File type's defaults where unset); null: not inlined. */
function inlinePlan(resource: PuppetResource, agentChecksum: ChecksumType): Plan | null {
  const p = resource.parameters ?? {};
  const sources = [p['source']].flat().filter((s) => s !== undefined && s !== null);
  if (resource.type !== 'File' || p['ensure'] === 'absent' || sources.length === 0) return null;
  if (!sources.every((s): s is string => typeof s === 'string' && s.startsWith('puppet:'))) return null;
  const checksumType = p['checksum'] ?? agentChecksum;
  const sourcePermissions = p['source_permissions'] ?? 'ignore';
  if (!(CHECKSUM_TYPES as readonly unknown[]).includes(checksumType) || !['ignore', 'use', 'use_when_creating'].includes(String(sourcePermissions))) return null;
  return {
    // Puppet's `normalize`: trailing slashes go; the agent looks recursive metadata up by this form.
    sources: sources.map((s) => s.replace(/\/+$/, '')),
    recurse: p['recurse'] === true || p['recurse'] === 'true' || p['recurse'] === 'remote',
    all: p['sourceselect'] === 'all',
    options: {
      links: p['links'] === 'follow' ? 'follow' : 'manage',
      checksumType: checksumType as ChecksumType,
      sourcePermissions: sourcePermissions as MetadataOptions['sourcePermissions'],
      recurse: true,
      recurseLimit: count(p['recurselimit']),
      ignore: [p['ignore'] ?? []].flat().map(String),
      maxFiles: count(p['max_files']) ?? 0,
    },
  };
}

/** A count parameter (`recurselimit`, `max_files`), a number or its text; null when unset or not one. */
function count(value: unknown): number | null {
  const n = typeof value === 'string' && value !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : null;
}

/** Looks sources up as Puppet's compiler does: in order, the first found (or, for `sourceselect => all`, each). */
class Inliner {
  constructor(private readonly files: MetadataLookup, private readonly contentPrefix: string | null) {}

  /** The first source found; null when one is not this server's `modules` mount, or none is found, or it lies outside the environment. */
  async single(plan: Plan): Promise<InlinedMetadata | null> {
    for (const source of plan.sources) {
      const target = ourSource(source);
      if (target === null) return null;
      const found = await orNull(this.files.metadata(target, plan.options));
      if (found === null) continue;
      const uri = this.contentUri(found.path);
      return uri === null ? null : { ...found, ...uri, source };
    }
    return null;
  }

  /** Each source's tree, by source; null when a source is not inlineable (then the whole resource is not, as in Puppet). */
  async recursive(plan: Plan): Promise<Record<string, InlinedMetadata[]> | null> {
    const out: Record<string, InlinedMetadata[]> = {};
    for (const source of plan.sources) {
      const target = ourSource(source);
      if (target === null) return null;
      const list = await orNull(this.files.search(target, plan.options));
      if (list === null || list.length === 0) continue;
      const base = this.contentUri(list[0]!.path);
      if (base === null) return null;
      out[source] = list.map((m) => ({ ...m, ...(base.content_uri === undefined ? {} : { content_uri: m.relative_path === '.' ? base.content_uri : `${base.content_uri}/${m.relative_path}` }) }));
      if (!plan.all) break;
    }
    return out;
  }

  /** `{content_uri}` for a path below a module's `files/` (`{}` without a code_id); null for any other path. */
  private contentUri(path: string): { content_uri?: string } | null {
    const rel = this.files.contentPath(path);
    if (rel === null) return null;
    return this.contentPrefix === null ? {} : { content_uri: `${this.contentPrefix}${rel}` };
  }
}

/**
 * The mount path of a `puppet:///modules/…` source, the only sources this
 * server inlines; null for any other (another server's `puppet://host/…`,
 * another mount), which the agent resolves itself.
 */
function ourSource(source: string): MountPath | null {
  if (!source.startsWith('puppet:///modules/')) return null;
  const parsed = parseMountPath(source.slice('puppet:///'.length));
  return parsed.ok ? parsed.value : null;
}

/** A lookup's result; null when there is nothing there (Puppet's `find`/`search` answering nil). */
async function orNull<T>(lookup: Promise<T>): Promise<T | null> {
  try {
    return await lookup;
  } catch (e) {
    if (e instanceof TroupeError && e.code === 'not_found') return null;
    throw e;
  }
}
