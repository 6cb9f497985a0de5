import { randomUUID } from 'node:crypto';
import { decodeTroupeEvent } from '../../../core/events/event.decoder.js';
import type { TroupeApp } from '../../app/troupe-app.js';
import { HttpError, readJson, sendJson } from '../http-io.js';
import type { Route } from '../http-router.js';

/**
 * `POST /troupe/v1/events`: one of Troupe's own events (or an array of
 * them, appended atomically). A missing `id`/`time` is filled in; a given
 * `id` makes the submission idempotent (a retry answers `duplicate`).
 */
export function submitEventsRoute(app: TroupeApp): Route {
  return {
    method: 'POST',
    pattern: /^\/troupe\/v1\/events$/,
    async handle({ req, res }) {
      const body = await readJson(req, app.config.maxBodyBytes);
      const items = Array.isArray(body) ? body : [body];
      if (items.length === 0) throw new HttpError(400, 'no events given');
      const events = items.map((item, i) => {
        const filled = { id: randomUUID(), time: new Date().toISOString(), meta: { source: 'http' }, ...(item as object) };
        const decoded = decodeTroupeEvent(filled);
        if (!decoded.ok) throw new HttpError(400, `event ${i}: ${decoded.error.message}`);
        return decoded.value;
      });
      const outcomes = await app.log.append(events.map((event) => ({ event })));
      sendJson(res, 200, events.map((e, i) => ({ id: e.id, ...outcomes[i] })));
    },
  };
}
