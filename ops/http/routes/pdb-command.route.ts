import { randomUUID } from 'node:crypto';
import { decodePdbCommand } from '../../../core/wire/pdb-command.decoder.js';
import type { TroupeApp } from '../../app/troupe-app.js';
import { HttpError, readJson, sendJson } from '../http-io.js';
import type { Route } from '../http-router.js';

/**
 * PuppetDB's command endpoint, the asynchronous storeconfigs path:
 * validate, append durably, answer `{uuid}`; projections store it later.
 * Above `maxQueueDepth` unprojected events it answers 503 with Retry-After.
 */
export function pdbCommandRoute(app: TroupeApp): Route {
  return {
    method: 'POST',
    pattern: /^\/pdb\/cmd\/v1$/,
    async handle({ req, res, url }) {
      const depth = app.queueDepthNow();
      if (depth >= app.config.maxQueueDepth) {
        req.resume();
        const retry = app.admission.retryAfterSeconds();
        return sendJson(res, 503, { error: `command queue is full (${depth} unprocessed)` }, { 'retry-after': String(retry) });
      }
      const command = url.searchParams.get('command');
      const version = Number(url.searchParams.get('version'));
      if (!command || !Number.isInteger(version)) {
        req.resume();
        throw new HttpError(400, 'query parameters command and version are required');
      }
      const id = randomUUID();
      const decoded = decodePdbCommand(
        { command, version, certname: url.searchParams.get('certname'), body: await readJson(req, app.config.maxBodyBytes) },
        { id, now: new Date().toISOString(), meta: { source: 'http' } },
      );
      if (!decoded.ok) throw new HttpError(400, decoded.error.message);
      await app.log.append([{ event: decoded.value }]);
      sendJson(res, 200, { uuid: id });
    },
  };
}
