import { randomUUID } from 'node:crypto';
import { decodeTroupeEvent } from '../../../../core/events/event.decoder.js';
import type { TroupeEvent } from '../../../../core/events/event.types.js';
import { futureTimestampReason } from '../../../../core/events/producer-clock.js';
import type { TroupeApp } from '../../../app/troupe-app.js';
import { HttpError, sendJson } from '../../http-io.js';
import type { Route } from '../../http-router.js';

/**
 * `POST /troupe/v1/events`: one of Troupe's own events (or an array of
 * them, appended atomically). A missing `id`/`time` is filled in; a given
 * `id` makes the submission idempotent (a retry answers `duplicate`).
 * Compile requests in the batch pass admission together, all or none.
 * A `code_deployed` of an environment with an open rollout is refused (409),
 * as `POST /troupe/v1/deployments` refuses it.
 */
export function submitEventsRoute(app: TroupeApp): Route {
  return {
    method: 'POST',
    pattern: /^\/troupe\/v1\/events$/,
    async handle({ res, body }) {
      const parsed = await body.json();
      const items = Array.isArray(parsed) ? parsed : [parsed];
      if (items.length === 0) throw new HttpError(400, 'no events given');
      const now = Date.now();
      const events = items.map((item, i) => decodeSubmitted(item, i, now, app.config.maxClockSkewSeconds));
      const underRollout = events.find((e) => e.type === 'code_deployed' && app.rollouts.isOpen(e.data.environment));
      if (underRollout) throw new HttpError(409, `environment ${(underRollout.data as { environment: string }).environment} has an open rollout; a code_deployed for it waits until it is promoted or aborted (troupe rollout)`);
      const compileIds = events.filter((e) => e.type === 'catalog_requested').map((e) => e.id);
      admit(app, compileIds);
      let outcomes;
      try {
        outcomes = await app.commands.append(events.map((event) => ({ event })));
      } catch (e) {
        for (const id of compileIds) app.admission.release(id);
        throw e;
      }
      // A duplicate was logged before: the router will not see it again.
      outcomes.forEach((o, i) => { if (o.status !== 'appended' && events[i]!.type === 'catalog_requested') app.admission.release(events[i]!.id); });
      sendJson(res, 200, events.map((e, i) => ({ id: e.id, ...outcomes[i] })));
    },
  };
}

function decodeSubmitted(item: unknown, index: number, now: number, maxSkewSeconds: number): TroupeEvent {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new HttpError(400, `event ${index}: expected an object`);
  const decoded = decodeTroupeEvent({ id: randomUUID(), time: new Date(now).toISOString(), ...item }, 'http');
  if (!decoded.ok) throw new HttpError(400, `event ${index}: ${decoded.error.message}`);
  const future = futureTimestampReason(decoded.value, now, maxSkewSeconds);
  if (future) throw new HttpError(400, `event ${index}: ${future}`);
  return decoded.value;
}

function admit(app: TroupeApp, compileIds: readonly string[]): void {
  if (compileIds.length === 0) return;
  if (compileIds.length > app.admission.highWater) {
    throw new HttpError(413, `${compileIds.length} compile requests in one batch; at most ${app.admission.highWater} (admissionHighWater) are admitted at once`);
  }
  if (!app.admission.reserveAll(compileIds)) {
    const retry = app.admission.retryAfterSeconds();
    throw new HttpError(503, `compile queue is full (${app.admission.pending} pending); retry after ${retry}s`, { 'retry-after': String(retry) });
  }
}
