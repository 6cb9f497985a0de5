import { decodeRunRequest } from '../../../../core/wire/run-request.decoder.js';
import type { TroupeApp } from '../../../app/troupe-app.js';
import { HttpError, sendJson } from '../../http-io.js';
import type { Route } from '../../http-router.js';
import { selectionOf } from './node-selection.js';

/**
 * `POST /troupe/v1/runs` (deployers and admins): `{select?, batch?,
 * timeoutSeconds?}` asks the selected nodes' `troupe agent`s to apply
 * their current catalog now, `batch` at once, and answers 202 with the
 * run's status (its `runId`). Checked before anything is recorded or
 * published: the role (403), the body and the selector (400), a broker to
 * publish to (409), this instance leading the fleet (503 `not_leader`).
 * `GET /troupe/v1/runs` and `/troupe/v1/runs/:id` (any operator): open and
 * recent runs, each node's outcome.
 */
export function runRoutes(app: TroupeApp): Route[] {
  return [
    {
      method: 'POST', pattern: /^\/troupe\/v1\/runs$/, access: 'deploy',
      async handle({ res, body, client }) {
        const decoded = decodeRunRequest(await body.json());
        if (!decoded.ok) throw new HttpError(400, decoded.error.message);
        if (!app.config.stompUrl) throw new HttpError(409, 'runs reach agents over STOMP and this Troupe has no stompUrl');
        app.requireFleetLeader();
        const { select, batch, timeoutSeconds } = decoded.value;
        const certnames = await selectionOf(app.pdbQuery, select);
        const run = await app.runs.request({ certnames, batch, timeoutMs: timeoutSeconds * 1000, select, requestedBy: client.certname });
        sendJson(res, 202, run);
      },
    },
    {
      method: 'GET', pattern: /^\/troupe\/v1\/runs$/, access: 'read',
      handle: ({ res }) => sendJson(res, 200, app.runs.list()),
    },
    {
      method: 'GET', pattern: /^\/troupe\/v1\/runs\/(?<id>[0-9a-f-]{1,64})$/, access: 'read',
      handle({ res, params }) {
        const run = app.runs.status(params['id']!);
        if (!run) throw new HttpError(404, `no such run: ${params['id']} (finished runs are kept a while, then only the log has them)`);
        sendJson(res, 200, run);
      },
    },
  ];
}
