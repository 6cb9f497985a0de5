import { ROLLOUT_COMMANDS, type RolloutCommand } from '../../../../core/rollout/rollout-state.js';
import type { TroupeApp } from '../../../app/troupe-app.js';
import { HttpError, sendJson } from '../../http-io.js';
import type { Route } from '../../http-router.js';

/**
 * `GET /troupe/v1/rollouts` (any operator): open rollouts (wave, moved
 * nodes, the gate's figures, pause reason), the last finished ones and
 * the version each environment settled on.
 * `POST /troupe/v1/rollouts/<environment>/<pause|resume|promote|abort>`
 * (deployers and admins): the operator's step, recorded on `$rollouts`;
 * 404 when the environment has no open rollout, 409 when the step does
 * not apply to it now (resume a running one, abort an aborting one), 503
 * (`not_leader`) on an instance that does not lead the fleet.
 * Answers 202 with the rollout's status.
 */
export function rolloutRoutes(app: TroupeApp): Route[] {
  return [
    {
      method: 'GET', pattern: /^\/troupe\/v1\/rollouts$/, access: 'read',
      handle: ({ res }) => sendJson(res, 200, app.rollouts.status()),
    },
    {
      method: 'POST', pattern: new RegExp(`^/troupe/v1/rollouts/(?<environment>[a-z0-9_]+)/(?<command>${ROLLOUT_COMMANDS.join('|')})$`), access: 'deploy',
      async handle({ res, params, client }) {
        app.requireFleetLeader();
        const done = await app.rollouts.command(params['environment']!, params['command'] as RolloutCommand, client.certname);
        if (!done.ok) throw new HttpError(done.error.status, done.error.message);
        sendJson(res, 202, done.value);
      },
    },
  ];
}
