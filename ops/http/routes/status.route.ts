import type { TroupeApp } from '../../app/troupe-app.js';
import { sendJson } from '../http-io.js';
import type { Route } from '../http-router.js';
import { PUPPET_VERSION } from './puppet/puppet-v3.js';

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
      sendJson(res, 200, await puppetdbStatus(app));
    },
  };
}

async function puppetdbStatus(app: TroupeApp) {
  return {
    service_version: '7.12.1-troupe',
    service_status_version: 1,
    detail_level: 'info',
    // PuppetDB's own rule: `running` only while both databases are up, else `error`.
    state: app.degraded.length > 0 ? 'error' : 'running',
    status: { maintenance_mode: false, queue_depth: await app.queueDepth(), read_db_up: true, write_db_up: app.projectionWritable },
    active_alerts: [],
  };
}

/**
 * puppetserver's `GET /status/v1/services` (trapperkeeper's status service):
 * one entry per service, each `{service_version, service_status_version,
 * detail_level, state, status, active_alerts}`; Troupe is the server
 * (`server`, and `master` as older tooling asks) and PuppetDB at once.
 * Public, as in puppetserver's auth.conf.
 */
export function puppetserverStatusRoute(app: TroupeApp): Route {
  return {
    method: 'GET',
    pattern: /^\/status\/v1\/services$/,
    access: 'public',
    async handle({ res }) {
      const service = (status: Record<string, unknown>) => ({
        service_version: PUPPET_VERSION, service_status_version: 1, detail_level: 'info', state: serverState(app), status, active_alerts: [],
      });
      const { admission, compile } = await app.status();
      sendJson(res, 200, {
        server: service({ admission, compile }),
        master: service({}),
        'status-service': service({}),
        'puppetdb-status': await puppetdbStatus(app),
      });
    },
  };
}

/**
 * puppetserver's simple status (`/status/v1/simple`, `…/simple/server`),
 * which agents with a `server_list` ask to pick a server: plain `running`.
 */
export function simpleStatusRoute(app: TroupeApp): Route {
  return {
    method: 'GET',
    pattern: /^\/status\/v1\/simple(?:\/(?:server|master))?$/,
    name: '/status/v1/simple',
    access: 'public',
    handle({ res }) {
      const state = serverState(app);
      res.writeHead(state === 'running' ? 200 : 503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(state);
    },
  };
}

/** trapperkeeper's states: `running`, or `error` while a component cannot write. */
const serverState = (app: TroupeApp): 'running' | 'error' => (app.degraded.length > 0 ? 'error' : 'running');
