import { catalogJson } from '../../../../core/catalog/catalog-text.js';
import type { PuppetCatalog } from '../../../../core/catalog/puppet-catalog.types.js';
import type { ChecksumType } from '../../../../core/file-serving/checksums.js';
import { withStaticMetadata } from '../../../../core/file-serving/static-catalog.js';
import { decodeV3CatalogRequest } from '../../../../core/wire/catalog-request.decoder.js';
import type { TroupeApp } from '../../../app/troupe-app.js';
import { HttpError, sendJson, sendJsonText } from '../../http-io.js';
import type { Route, RouteContext } from '../../http-router.js';
import { routeName } from '../../route-name.js';
import { sendRefusal, V3_CATALOG_REFUSAL } from './catalog-refusal.js';
import { CERTNAME_PARAM, puppetRoute, requireContentType, requireJsonAccepted } from './puppet-v3.js';

const PATTERN = new RegExp(`^/puppet/v3/catalog/${CERTNAME_PARAM}$`);
/** The v3 catalog routes' name, for the refusal fast path's metrics. */
export const V3_CATALOG_ROUTE_NAME = routeName({ pattern: PATTERN });

/**
 * Puppet agents' `POST /puppet/v3/catalog/<certname>` (form-encoded facts),
 * and `GET` with the same fields in the query: the check-in use case, as
 * the v4 door runs it, with `$trusted` from the client's certificate.
 * The catalog is answered as `application/json`, which every agent reads:
 * Troupe's catalogs are plain data, not Puppet's rich data
 * (docs/compiler.md), and rich JSON would read `__ptype` keys as types.
 * A static catalog (`static_catalog=true`) gets its file metadata inlined
 * here, after the compile: the compiled catalog stays the same for every
 * request (and in the log), and the metadata is as of this answer.
 */
export function puppetV3CatalogRoutes(app: TroupeApp): Route[] {
  const handle = (ctx: RouteContext) => checkIn(app, ctx);
  return [
    puppetRoute({ method: 'POST', pattern: PATTERN, access: 'node', handle }),
    puppetRoute({ method: 'GET', pattern: PATTERN, access: 'node', handle }),
  ];
}

async function checkIn(app: TroupeApp, { req, res, url, params, body, client }: RouteContext): Promise<void> {
  requireJsonAccepted(req);
  const post = req.method === 'POST';
  if (post) requireContentType(req, ['application/x-www-form-urlencoded']);
  let checksumType: ChecksumType | null = null;
  const outcome = await app.checkIn({
    read: async () => {
      const decoded = decodeV3CatalogRequest({ certname: params['certname']!, query: url.search.slice(1), form: post ? await body.read() : new Uint8Array() });
      if (decoded.ok) checksumType = decoded.value.staticCatalog;
      return decoded;
    },
    trusted: client.trusted,
    certname: params['certname']!,
  });
  switch (outcome.status) {
    case 'refused': return sendRefusal(res, V3_CATALOG_REFUSAL, outcome.retryAfterSeconds);
    case 'invalid': throw outcome.error;
    // The catalog's text as the worker serialized it: not parsed, not re-serialized here.
    case 'compiled': return sendJsonText(res, 200, await catalogText(app, outcome.event.data, checksumType));
    // Puppet's answer to a compile error: the agent prints the message and uses its cached catalog.
    case 'failed': throw new HttpError(500, outcome.event.data.error.message);
    // The request stays in the log and will still compile; the agent's retry finds it done sooner.
    case 'timeout': return sendJson(res, 503, { message: 'compile did not finish in time; retry', issue_kind: 'RUNTIME_ERROR' }, { 'retry-after': String(app.admission.retryAfterSeconds()) });
  }
}

/** The catalog's text as the worker serialized it; a static catalog's with its file metadata added. */
async function catalogText(app: TroupeApp, data: { readonly catalog: PuppetCatalog }, checksumType: ChecksumType | null): Promise<string> {
  const text = catalogJson(data);
  return checksumType === null ? text : withStaticMetadata(text, await app.staticContent(data.catalog.environment).inline(data.catalog, checksumType));
}
