import { randomUUID } from 'node:crypto';
import { futureTimestampReason } from '../../../../core/events/producer-clock.js';
import { decodePdbCommand, keepsFloats } from '../../../../core/wire/pdb-command.decoder.js';
import type { TroupeApp } from '../../../app/troupe-app.js';
import { HttpError, sendJson } from '../../http-io.js';
import { denial, type ClientIdentity, type Route } from '../../http-router.js';

/**
 * PuppetDB's command endpoint, the asynchronous storeconfigs path:
 * validate, append durably, answer `{uuid}`; projections store it later.
 * Above `maxQueueDepth` unprojected events it answers 503 with Retry-After.
 * Admins submit for any node; a node's own certificate for itself only (a
 * masterless `puppet apply` with the PuppetDB terminus stores its facts,
 * catalog and report so).
 */
export function pdbCommandRoute(app: TroupeApp): Route {
  return {
    method: 'POST',
    pattern: /^\/pdb\/cmd\/v1$/,
    access: 'node',
    async handle({ req, res, url, body, client }) {
      refuseForeignCommand(client, url.searchParams.get('certname'));
      refuseAboveQueueDepth(app);
      const command = url.searchParams.get('command');
      const version = Number(url.searchParams.get('version'));
      if (!command || !Number.isInteger(version)) {
        req.resume();
        throw new HttpError(400, 'query parameters command and version are required');
      }
      const id = randomUUID();
      const now = new Date();
      const decoded = decodePdbCommand(
        { command, version, certname: url.searchParams.get('certname'), body: await body.json({ keepFloats: keepsFloats(command) }) },
        { id, now: now.toISOString(), meta: { source: 'http' } },
      );
      if (!decoded.ok) throw new HttpError(400, decoded.error.message);
      const future = futureTimestampReason(decoded.value, now.getTime(), app.config.maxClockSkewSeconds);
      if (future) throw new HttpError(400, future);
      await app.commands.append([{ event: decoded.value }]);
      sendJson(res, 200, { uuid: id });
    },
  };
}

/**
 * A node's command must name it in the query string; the decoder then
 * holds the payload's certname to that one.
 */
function refuseForeignCommand(client: ClientIdentity, certname: string | null): void {
  if (client.admin) return;
  const why = certname === null ? `${client.certname} must name itself in the certname query parameter` : denial('node', certname, client);
  if (why === null) return;
  console.error(`403 POST /pdb/cmd/v1 for ${client.certname ?? 'a client without a certificate'}: ${why}`);
  throw new HttpError(403, `Forbidden request: ${why}`);
}

/**
 * Back-pressure of every door that only feeds storeconfigs (PuppetDB
 * commands, agents' reports): 503 + Retry-After while the projection is
 * `maxQueueDepth` events or more behind the log.
 */
export function refuseAboveQueueDepth(app: TroupeApp): void {
  const depth = app.queueDepthNow();
  if (depth >= app.config.maxQueueDepth) {
    throw new HttpError(503, `command queue is full (${depth} unprocessed)`, { 'retry-after': String(app.admission.retryAfterSeconds()) });
  }
}
