import { catalogJson } from '../../../core/catalog/catalog-text.js';
import { decodeV3CatalogRequest } from '../../../core/wire/catalog-request.decoder.js';
import type { TroupeApp } from '../../app/troupe-app.js';
import { HttpError, sendJson, sendJsonText } from '../http-io.js';
import type { Route, RouteContext } from '../http-router.js';
import { sendRefusal, V3_CATALOG_REFUSAL } from './catalog-refusal.js';
import { CERTNAME_PARAM, puppetRoute, requireContentType, requireJsonAccepted } from './puppet-v3.js';

const PATTERN = new RegExp(`^/puppet/v3/catalog/${CERTNAME_PARAM}$`);

/**
 * Puppet agents' `POST /puppet/v3/catalog/<certname>` (form-encoded facts),
 * and `GET` with the same fields in the query: the check-in use case, as
 * the v4 door runs it, with `$trusted` from the client's certificate.
 * The catalog is answered as `application/json`, which every agent reads:
 * Troupe's catalogs are plain data, not Puppet's rich data
 * (docs/compiler.md), and rich JSON would read `__ptype` keys as types.
 * Catalogs are not static: agents fetch `puppet:///` sources from the file
 * server.
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
  const outcome = await app.checkIn({
    read: async () => decodeV3CatalogRequest({ certname: params['certname']!, query: url.search.slice(1), form: post ? await body.read() : new Uint8Array() }),
    trusted: client.trusted,
  });
  switch (outcome.status) {
    case 'refused': return sendRefusal(res, V3_CATALOG_REFUSAL, outcome.retryAfterSeconds);
    case 'invalid': throw outcome.error;
    // The catalog's text as the worker serialized it: not parsed, not re-serialized here.
    case 'compiled': return sendJsonText(res, 200, catalogJson(outcome.event.data));
    // Puppet's answer to a compile error: the agent prints the message and uses its cached catalog.
    case 'failed': throw new HttpError(500, outcome.event.data.error.message);
    // The request stays in the log and will still compile; the agent's retry finds it done sooner.
    case 'timeout': return sendJson(res, 503, { message: 'compile did not finish in time; retry', issue_kind: 'RUNTIME_ERROR' }, { 'retry-after': String(app.admission.retryAfterSeconds()) });
  }
}
