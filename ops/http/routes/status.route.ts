import type { TroupeApp } from '../../app/troupe-app.js';
import { sendJson } from '../http-io.js';
import type { Route } from '../http-router.js';

/** Troupe's own status: queue depths, admission, actors, compile pool. */
export function statusRoute(app: TroupeApp): Route {
  return {
    method: 'GET',
    pattern: /^\/status$/,
    async handle({ res }) {
      sendJson(res, 200, { state: 'running', ...(await app.status()), queueDepth: await app.queueDepth() });
    },
  };
}

/**
 * PuppetDB's status shape, so PuppetDB tooling (and the shared load
 * generator) can watch Troupe drain its command queue.
 */
export function puppetdbStatusRoute(app: TroupeApp): Route {
  return {
    method: 'GET',
    pattern: /^\/status\/v1\/services\/puppetdb-status$/,
    async handle({ res }) {
      sendJson(res, 200, {
        service_version: '7.12.1-troupe',
        service_status_version: 1,
        detail_level: 'info',
        state: 'running',
        status: { maintenance_mode: false, queue_depth: await app.queueDepth(), read_db_up: true, write_db_up: true },
      });
    },
  };
}
