import type { TroupeApp } from '../../app/troupe-app.js';
import { sendJson } from '../http-io.js';
import type { Route } from '../http-router.js';

/**
 * Troupe's own status: queue depths, admission, actors, compile pool, and
 * `degraded` components (then `state: 'degraded'`) while a resource fault
 * keeps them from writing.
 */
export function statusRoute(app: TroupeApp): Route {
  return {
    method: 'GET',
    pattern: /^\/status$/,
    // Monitoring reads it without a certificate, as puppetserver's status service allows.
    access: 'public',
    async handle({ res }) {
      const degraded = app.degraded;
      sendJson(res, 200, { state: degraded.length > 0 ? 'degraded' : 'running', degraded, ...(await app.status()), queueDepth: await app.queueDepth() });
    },
  };
}

/**
 * PuppetDB's status shape, so PuppetDB tooling (and the shared load
 * generator) can watch Troupe drain its command queue. A degraded log or
 * projection is PuppetDB's `error` state; `write_db_up` is the projection's.
 */
export function puppetdbStatusRoute(app: TroupeApp): Route {
  return {
    method: 'GET',
    pattern: /^\/status\/v1\/services\/puppetdb-status$/,
    access: 'public',
    async handle({ res }) {
      sendJson(res, 200, {
        service_version: '7.12.1-troupe',
        service_status_version: 1,
        detail_level: 'info',
        // PuppetDB's own rule: `running` only while both databases are up, else `error`.
        state: app.degraded.length > 0 ? 'error' : 'running',
        status: { maintenance_mode: false, queue_depth: await app.queueDepth(), read_db_up: true, write_db_up: app.projectionWritable },
      });
    },
  };
}
