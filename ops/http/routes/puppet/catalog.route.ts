import { CRITICAL_PRIORITY } from '../../../../core/priority/priority-classes.js';
import { catalogJson } from '../../../../core/catalog/catalog-text.js';
import { decodeV4CatalogRequest } from '../../../../core/wire/catalog-request.decoder.js';
import type { TroupeApp } from '../../../app/troupe-app.js';
import { HttpError, sendJson, sendJsonText } from '../../http-io.js';
import type { FastPath, Route } from '../../http-router.js';
import { routeName } from '../../route-name.js';
import { isV3CatalogTarget, sendRefusal, V3_CATALOG_REFUSAL, V4_CATALOG_REFUSAL } from './catalog-refusal.js';
import { V3_CATALOG_ROUTE_NAME } from './puppet-v3-catalog.route.js';

const V4_PATTERN = /^\/puppet\/v4\/catalog$/;
const V4_ROUTE_NAME = routeName({ pattern: V4_PATTERN });

/**
 * The refusal under overload, before URL parsing and routing, for both
 * catalog doors (v4 and v3): at ten times capacity most requests take this
 * path, so every microsecond here is compile time lost. Static body, no
 * JSON work, body left unread. A critical node's v3 check-in (its
 * certname is in the path) goes on to the critical reserve while it has room.
 */
export function catalogRefusal(app: TroupeApp): FastPath {
  return (req, res) => {
    if (app.admission.open) return null;
    const url = req.url ?? '';
    const v4 = req.method === 'POST' && url.startsWith('/puppet/v4/catalog');
    if (!v4 && !isV3CatalogTarget(req.method, url)) return null;
    if (!v4 && app.admission.criticalRoom && app.priorities.of(v3Certname(url)) >= CRITICAL_PRIORITY) return null;
    app.admission.refuse();
    sendRefusal(res, v4 ? V4_CATALOG_REFUSAL : V3_CATALOG_REFUSAL, app.admission.retryAfterSeconds());
    return v4 ? V4_ROUTE_NAME : V3_CATALOG_ROUTE_NAME;
  };
}

/** The certname of a v3 catalog path, undecoded (certnames need no escaping). */
function v3Certname(url: string): string {
  const rest = url.slice(V3_PREFIX.length);
  const end = rest.search(/[?/#]/);
  return end < 0 ? rest : rest.slice(0, end);
}
const V3_PREFIX = '/puppet/v3/catalog/';

/**
 * puppetserver's `POST /puppet/v4/catalog` (admins and compile servers ask
 * for any node's catalog, hence the default `admin` access): the check-in
 * use case, answered `{catalog}`.
 */
export function catalogRoute(app: TroupeApp): Route {
  return {
    method: 'POST',
    pattern: V4_PATTERN,
    async handle({ res, body }) {
      const outcome = await app.checkIn({ read: async () => decodeV4CatalogRequest(await body.json({ keepFloats: true })) });
      switch (outcome.status) {
        case 'refused': return sendRefusal(res, V4_CATALOG_REFUSAL, outcome.retryAfterSeconds);
        case 'invalid': throw new HttpError(400, outcome.error.message);
        // The catalog's text as the worker serialized it: not parsed, not re-serialized here.
        case 'compiled': return sendJsonText(res, 200, `{"catalog":${catalogJson(outcome.event.data)}}`);
        case 'failed': {
          const error = outcome.event.data.error;
          return sendJson(res, 500, { message: error.message, issue_kind: error.code, file: error.file, line: error.line, pos: error.column });
        }
        // The request stays in the log and will still compile; the retry finds it done sooner.
        case 'timeout': return sendJson(res, 503, { message: 'compile did not finish in time; retry' }, { 'retry-after': String(app.admission.retryAfterSeconds()) });
      }
    },
  };
}
