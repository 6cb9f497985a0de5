import { randomUUID } from 'node:crypto';
import { CODE_STREAM, type CodeDeployed } from '../../../core/events/event.types.js';
import { decodeDeploymentRequest } from '../../../core/wire/deployment-request.decoder.js';
import type { TroupeApp } from '../../app/troupe-app.js';
import { HttpError, sendJson } from '../http-io.js';
import type { Route } from '../http-router.js';
import { selectionOf } from './node-selection.js';

/** The environment's code version as it is on disk now, not as the compiler last cached it. */
function codeOnDisk(app: TroupeApp, environment: string): Promise<string> {
  app.compiler.invalidate(environment);
  return app.compiler.codeId(environment);
}

/**
 * `POST /troupe/v1/deployments` (deployers and admins):
 * `{environment?, codeId?, select?}` records `code_deployed` and answers
 * 202 with the deployment's id (the event's); the deploy feeder recompiles
 * and the pusher pushes in the background. `select` (a selector condition,
 * core/selector) narrows the recompiles to the nodes it picks; it is
 * checked first (400 with the query engine's reason) and the answer says
 * how many nodes it picks now (`selected`). Without `codeId` the version is read
 * from the environment's code as compiles see it.
 * `GET /troupe/v1/deployments` (any operator): open and recently finished deployments.
 */
export function deploymentRoutes(app: TroupeApp): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/troupe\/v1\/deployments$/,
      access: 'deploy',
      async handle({ res, body }) {
        const decoded = decodeDeploymentRequest(await body.json());
        if (!decoded.ok) throw new HttpError(400, decoded.error.message);
        const { environment, select } = decoded.value;
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
