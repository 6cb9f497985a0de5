import { randomUUID } from 'node:crypto';
import { decodePuppetReport } from '../../../../core/wire/puppet-report.decoder.js';
import type { TroupeApp } from '../../../app/troupe-app.js';
import { sendJson } from '../../http-io.js';
import { refuseAboveQueueDepth } from '../pdb/pdb-command.route.js';
import type { Route } from '../../http-router.js';
import { CERTNAME_PARAM, environmentParam, puppetRoute, requireContentType } from './puppet-v3.js';

/**
 * Puppet agents' `PUT /puppet/v3/report/<certname>` (JSON, report format
 * 12): stored as PuppetDB's report processor would store it, one
 * `report_submitted` event, then in storeconfigs and `troupe events`.
 * Answered as puppetserver does with `reports = puppetdb`: the names of
 * the report processors that ran. Back-pressure is PuppetDB's: 503 while
 * storeconfigs lags `maxQueueDepth` events behind.
 */
export function puppetV3ReportRoute(app: TroupeApp): Route {
  return puppetRoute({
    method: 'PUT',
    pattern: new RegExp(`^/puppet/v3/report/${CERTNAME_PARAM}$`),
    access: 'node',
    async handle({ req, res, url, params, body }) {
      environmentParam(url);
      requireContentType(req, ['application/json']);
      refuseAboveQueueDepth(app);
      const now = new Date().toISOString();
      const decoded = decodePuppetReport({ certname: params['certname']!, body: await body.json() }, { id: randomUUID(), now, meta: { source: 'http' } });
      if (!decoded.ok) throw decoded.error;
      await app.log.append([{ event: decoded.value }]);
      sendJson(res, 200, ['puppetdb']);
    },
  });
}
