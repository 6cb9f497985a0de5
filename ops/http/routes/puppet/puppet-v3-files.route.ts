import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { CHECKSUM_TYPES, type ChecksumType } from '../../../../core/file-serving/checksums.js';
import type { MetadataOptions, OpenFile, SearchOptions } from '../../../../core/file-serving/file-server.js';
import { parseContentPath, parseMountPath, type MountPath } from '../../../../core/file-serving/mount-path.js';
import type { TroupeApp } from '../../../app/troupe-app.js';
import { HttpError, sendJson } from '../../http-io.js';
import type { Route, RouteContext } from '../../http-router.js';
import { environmentParam, puppetRoute, requireJsonAccepted } from './puppet-v3.js';

/**
 * Puppet's file server over the environment's code directory:
 * `file_metadata/<mount>/<path>` (one file), `file_metadatas/…` (a tree:
 * pluginsync, `recurse => true` sources), `file_content/…` (streamed),
 * and static catalogs' `static_file_content/<content path>?code_id=…`.
 * Mounts: `modules/<module>`, `plugins`, `pluginfacts`, `locales`.
 * Access is `node` without a certname parameter: any node with a valid
 * certificate may read them, as in puppetserver's auth.conf.
 */
export function puppetV3FileRoutes(app: TroupeApp): Route[] {
  const filesOf = (url: URL) => app.staticContent(environmentParam(url)).files;
  return [
    puppetRoute({
      method: 'GET', pattern: /^\/puppet\/v3\/file_metadata\/(?<path>.+)$/, access: 'node',
      async handle(ctx) {
        const target = request(ctx);
        sendJson(ctx.res, 200, await filesOf(ctx.url).metadata(target, metadataOptions(ctx.url)));
      },
    }),
    puppetRoute({
      method: 'GET', pattern: /^\/puppet\/v3\/file_metadatas\/(?<path>.+)$/, access: 'node',
      async handle(ctx) {
        const target = request(ctx);
        sendJson(ctx.res, 200, await filesOf(ctx.url).search(target, searchOptions(ctx.url)));
      },
    }),
    puppetRoute({
      method: 'GET', pattern: /^\/puppet\/v3\/file_content\/(?<path>.+)$/, access: 'node',
      async handle({ res, url, params }) {
        await sendFile(res, await filesOf(url).open(mountPath(params['path']!)));
      },
    }),
    puppetRoute({
      method: 'GET', pattern: /^\/puppet\/v3\/static_file_content\/(?<path>.+)$/, access: 'node',
      async handle({ res, url, params }) {
        const environment = environmentParam(url);
        const parsed = parseContentPath(params['path']!);
        if (!parsed.ok) throw new HttpError(403, `A /static_file_content request must be a file within the files directory of a module: ${parsed.error.message}`);
        await sendFile(res, await app.staticContent(environment).open(environment, codeIdParam(url), parsed.value));
      },
    }),
  ];
}

/** A file's content, streamed from its open handle (closed when done, or when the client goes). */
async function sendFile(res: ServerResponse, { handle, stat }: OpenFile): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': stat.size });
  await pipeline(handle.createReadStream({ start: 0 }), res);
}

/** puppetserver's rule for a code_id: letters, digits, `_`, `-`, `:`, `;`. */
function codeIdParam(url: URL): string {
  const codeId = url.searchParams.get('code_id') ?? '';
  if (!/^[-_:;a-zA-Z0-9]{1,256}$/.test(codeId)) throw new HttpError(400, `A /static_file_content request requires a code_id of letters, digits, '-', '_', ';' or ':', not '${codeId.slice(0, 100)}'`);
  return codeId;
}

/** The metadata routes' common checks: JSON accepted, an environment, a path inside a mount. */
function request({ req, url, params }: RouteContext): MountPath {
  requireJsonAccepted(req);
  environmentParam(url);
  return mountPath(params['path']!);
}

function mountPath(path: string): MountPath {
  const parsed = parseMountPath(path);
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}

function metadataOptions(url: URL): MetadataOptions {
  const q = url.searchParams;
  const links = q.get('links') ?? 'manage';
  const checksumType = q.get('checksum_type') ?? 'sha256';
  const sourcePermissions = q.get('source_permissions') ?? 'ignore';
  // Puppet reads `ignore` as `manage`.
  if (!['manage', 'follow', 'ignore'].includes(links)) throw new HttpError(400, `links can only be manage or follow, not '${links}'`);
  if (!(CHECKSUM_TYPES as readonly string[]).includes(checksumType)) throw new HttpError(400, `Unsupported checksum type ${checksumType}`);
  if (!['ignore', 'use', 'use_when_creating'].includes(sourcePermissions)) throw new HttpError(400, `Unsupported source_permission ${sourcePermissions}`);
  return {
    links: links === 'follow' ? 'follow' : 'manage',
    checksumType: checksumType as ChecksumType,
    sourcePermissions: sourcePermissions as MetadataOptions['sourcePermissions'],
  };
}

/** Puppet's reading of `recurse` (any value but false/no), `recurselimit`, `ignore` (repeated), `max_files`. */
function searchOptions(url: URL): SearchOptions {
  const q = url.searchParams;
  const recurse = !['', 'false', 'no'].includes(q.get('recurse') ?? '');
  return {
    ...metadataOptions(url),
    recurse,
    recurseLimit: optionalInteger(q.get('recurselimit'), 'recurselimit', 0),
    ignore: q.getAll('ignore').filter((i) => i !== ''),
    maxFiles: optionalInteger(q.get('max_files'), 'max_files', -1) ?? 0,
  };
}

function optionalInteger(value: string | null, name: string, min: number): number | null {
  if (value === null || value === '' || value === 'infinite') return null;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new HttpError(400, `${name} must be an integer ≥ ${min}, not '${value}'`);
  return n;
}
