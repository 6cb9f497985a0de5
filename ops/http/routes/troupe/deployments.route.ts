import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { CODE_STREAM, type CodeDeployed } from '../../../../core/events/event.types.js';
import { decodeDeploymentRequest, type StagedDeployment } from '../../../../core/wire/deployment-request.decoder.js';
import type { TroupeApp } from '../../../app/troupe-app.js';
import { HttpError, sendJson } from '../../http-io.js';
import { TroupeError } from '../../../../core/errors/troupe-error.js';
import type { Route } from '../../http-router.js';
import { selectionOf } from './node-selection.js';

/** The environment's code version as it is on disk now, not as the compiler last cached it. */
function codeOnDisk(app: TroupeApp, environment: string): Promise<string> {
  app.compiler.invalidate(environment);
  return app.compiler.codeId(environment);
}

/**
 * A staged deployment (`waves`): refused (409) where code versions cannot
 * be compiled side by side (`static`: catalogs are files) or the code
 * directory is missing (400), 503 (`not_leader`) on an instance that does not lead the fleet; else the rollout feeder copies both versions and records
 * `rollout_started`. Answers 202 with the rollout's id.
 */
async function startRollout(app: TroupeApp, environment: string, staged: StagedDeployment, by: string | null, res: ServerResponse): Promise<void> {
  if (!app.compiler.codeVersions) {
    throw new HttpError(409, `staged rollouts need a compiler that compiles code versions side by side (auto, builtin or puppet); this Troupe runs ${app.compiler.name}${app.compiler.name === 'static' ? ', whose catalogs are files, not compiled from code' : ''}`);
  }
  if (!existsSync(staged.codeDir) || !statSync(staged.codeDir).isDirectory()) throw new HttpError(400, `codeDir: ${staged.codeDir} is not a directory on Troupe's host`);
  app.requireFleetLeader();
  const started = await app.rollouts.begin({ environment, codeDir: staged.codeDir, plan: staged.plan, requestedBy: by }).catch((e: unknown) => {
    // The code named is past the bound of a version shared between instances: nothing was recorded.
    if (e instanceof TroupeError && e.code === 'too_large') throw new HttpError(422, e.message);
    throw e;
  });
  if (!started.ok) throw new HttpError(started.error.status, started.error.message);
  sendJson(res, 202, { deploymentId: started.value.rolloutId, rolloutId: started.value.rolloutId, environment, codeId: started.value.codeId, previousCodeId: started.value.previousCodeId, nodes: started.value.nodes });
}

/**
 * `POST /troupe/v1/deployments` (deployers and admins):
 * `{environment?, codeId?, select?}` records `code_deployed` and answers
 * 202 with the deployment's id (the event's); the deploy feeder recompiles
 * and the pusher pushes in the background. `select` (a selector condition,
 * core/selector) narrows the recompiles to the nodes it picks; it is
 * checked first (400 with the query engine's reason) and the answer says
 * how many nodes it picks now (`selected`). Without `codeId` the version is read
 * from the environment's code as compiles see it. With `waves` (and `pace`,
 * `gate`, `codeDir`) it is a staged rollout (see {@link startRollout}); a
 * plain deployment of an environment with an open rollout is refused (409).
 * `GET /troupe/v1/deployments` (any operator): open and recently finished deployments.
 */
export function deploymentRoutes(app: TroupeApp): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/troupe\/v1\/deployments$/,
      access: 'deploy',
      async handle({ res, body, client }) {
        const decoded = decodeDeploymentRequest(await body.json());
        if (!decoded.ok) throw new HttpError(400, decoded.error.message);
        const { environment, select, staged } = decoded.value;
        if (staged !== null) return startRollout(app, environment, staged, client.certname, res);
        if (app.rollouts.isOpen(environment)) throw new HttpError(409, `environment ${environment} has an open rollout; promote or abort it first (troupe rollout)`);
        const selected = select === null ? null : (await selectionOf(app.pdbQuery, select)).length;
        const codeId = decoded.value.codeId ?? await codeOnDisk(app, environment);
        const event: CodeDeployed = {
          type: 'code_deployed', id: randomUUID(), stream: CODE_STREAM, time: new Date().toISOString(),
          meta: { source: 'http' }, data: { environment, codeId, ...(select === null ? {} : { select }) },
        };
        await app.log.append([{ event }]);
        sendJson(res, 202, { deploymentId: event.id, environment, codeId, ...(selected === null ? {} : { selected }) });
      },
    },
    {
      method: 'GET',
      pattern: /^\/troupe\/v1\/deployments$/,
      access: 'read',
      async handle({ res }) {
        sendJson(res, 200, app.deploys.status());
      },
    },
  ];
}
