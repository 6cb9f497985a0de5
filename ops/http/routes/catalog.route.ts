import { randomUUID } from 'node:crypto';
import { catalogJson } from '../../../core/catalog/catalog-text.js';
import type { TroupeEvent } from '../../../core/events/event.types.js';
import { ValidationError } from '../../../core/errors/troupe-error.js';
import { certname, child, integer, nonEmpty, object, optString } from '../../../core/schema/field-readers.js';
import type { TroupeApp } from '../../app/troupe-app.js';
import { HttpError, sendJson, sendJsonText } from '../http-io.js';
import type { FastPath, Route } from '../http-router.js';

const REFUSAL_BODY = Buffer.from(JSON.stringify({ message: 'compile queue is full; retry after the time in Retry-After' }));

/**
 * The refusal under overload, before URL parsing and routing: at ten times
 * capacity most requests take this path, so every microsecond here is
 * compile time lost. Static body, no JSON work, body left unread.
 */
export function catalogRefusal(app: TroupeApp): FastPath {
  return (req, res) => {
    if (app.admission.open || req.method !== 'POST' || !req.url?.startsWith('/puppet/v4/catalog')) return false;
    app.admission.refuse();
    res.writeHead(503, { 'content-type': 'application/json', 'content-length': REFUSAL_BODY.length, 'retry-after': String(app.admission.retryAfterSeconds()) });
    res.end(REFUSAL_BODY);
    req.resume();
    return true;
  };
}

/**
 * puppetserver's `POST /puppet/v4/catalog`: appends the node's facts and a
 * compile request, waits for the actor pipeline, answers `{catalog}`.
 * Admission is checked before the body is read, so refusing costs little.
 */
export function catalogRoute(app: TroupeApp): Route {
  return {
    method: 'POST',
    pattern: /^\/puppet\/v4\/catalog$/,
    async handle({ req, res, body }) {
      const requestId = randomUUID();
      if (!app.admission.reserve(requestId)) {
        const retry = app.admission.retryAfterSeconds();
        req.resume();
        return sendJson(res, 503, { message: `compile queue is full (${app.admission.pending} pending); retry after ${retry}s` }, { 'retry-after': String(retry) });
      }
      let events: TroupeEvent[];
      try {
        events = decodeCatalogRequest(await body.json(), requestId);
      } catch (e) {
        app.admission.release(requestId);
        throw e instanceof ValidationError ? new HttpError(400, e.message) : e;
      }
      const answer = app.waiters.wait(requestId, app.config.catalogTimeoutMs);
      try {
        await app.log.append(events.map((event) => ({ event })));
      } catch (e) {
        app.waiters.cancel(requestId);
        app.admission.release(requestId);
        throw e;
      }
      const outcome = await answer;
      // The catalog's text as the worker serialized it: not parsed, not re-serialized here.
      if (outcome.status === 'compiled') return sendJsonText(res, 200, `{"catalog":${catalogJson(outcome.event.data)}}`);
      if (outcome.status === 'failed') {
        const error = outcome.event.data.error;
        return sendJson(res, 500, { message: error.message, issue_kind: error.code, file: error.file, line: error.line, pos: error.column });
      }
      // The request stays in the log and will still compile; the retry finds it done sooner.
      return sendJson(res, 503, { message: 'compile did not finish in time; retry' }, { 'retry-after': String(app.admission.retryAfterSeconds()) });
    },
  };
}

/** The request body as puppetserver takes it; becomes facts + a compile request. */
function decodeCatalogRequest(body: unknown, requestId: string): TroupeEvent[] {
  const o = object(body, '');
  const node = certname(o['certname'], 'certname');
  const environment = o['environment'] === undefined ? 'production' : nonEmpty(o, 'environment', '');
  const facts = child(child(o, 'facts', ''), 'values', 'facts');
  const transactionUuid = optString(o, 'transaction_uuid', '');
  const priority = o['priority'] === undefined ? 0 : integer(o, 'priority', '', 0, 9);
  const now = new Date().toISOString();
  const meta = { source: 'http' as const, causationId: transactionUuid ?? requestId };
  return [
    { type: 'facts_submitted', id: randomUUID(), stream: node, time: now, meta, data: { environment, producerTimestamp: now, producer: null, values: facts } },
    { type: 'catalog_requested', id: requestId, stream: node, time: now, meta, data: { environment, reason: 'agent', priority, transactionUuid } },
  ];
}
