import type { FactsSubmitted, RecordedEvent } from '../../../../core/events/event.types.js';
import { certname } from '../../../../core/schema/field-readers.js';
import type { TroupeApp } from '../../../app/troupe-app.js';
import { sendJson } from '../../http-io.js';
import type { Route } from '../../http-router.js';
import { CERTNAME_PARAM, environmentParam, puppetRoute, requireJsonAccepted } from './puppet-v3.js';

/**
 * Puppet's `GET /puppet/v3/node/<certname>`, as puppetserver's `plain` node
 * terminus answers it: the node in the environment it asked for (Troupe has
 * no node classifier to say otherwise), its newest facts as parameters.
 * A node never seen is still a node: agents ask before their first facts.
 */
export function puppetV3NodeRoute(app: TroupeApp): Route {
  return puppetRoute({
    method: 'GET',
    pattern: new RegExp(`^/puppet/v3/node/${CERTNAME_PARAM}$`),
    access: 'node',
    async handle({ req, res, url, params }) {
      requireJsonAccepted(req);
      const environment = environmentParam(url);
      const name = certname(params['certname']!, 'certname');
      const [facts] = await app.log.readStreamBackward(name, { types: ['facts_submitted'], limit: 1 }) as RecordedEvent<FactsSubmitted>[];
      const parameters = facts?.data.values ?? {};
      // Puppet leaves `parameters` out when there are none (`Puppet::Node#to_data_hash`).
      sendJson(res, 200, { name, environment, ...(Object.keys(parameters).length > 0 ? { parameters } : {}) });
    },
  });
}
