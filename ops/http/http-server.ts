import { createServer } from 'node:http';
import { listen, type Listening } from './listen.js';
import type { TroupeApp } from '../app/troupe-app.js';
import { createRequestListener, type Route } from './http-router.js';
import { caRoutes } from './routes/ca.route.js';
import { catalogRefusal, catalogRoute } from './routes/puppet/catalog.route.js';
import { submitEventsRoute } from './routes/troupe/events.route.js';
import { deploymentRoutes } from './routes/troupe/deployments.route.js';
import { rolloutRoutes } from './routes/troupe/rollouts.route.js';
import { runRoutes } from './routes/troupe/runs.route.js';
import { nodeRoutes } from './routes/troupe/nodes.route.js';
import { pdbCommandRoute } from './routes/pdb/pdb-command.route.js';
import { pdbQueryRoutes } from './routes/pdb/pdb-query.route.js';
import { puppetV3CatalogRoutes } from './routes/puppet/puppet-v3-catalog.route.js';
import { puppetV3EnvironmentsRoute } from './routes/puppet/puppet-v3-environments.route.js';
import { puppetV3FileRoutes } from './routes/puppet/puppet-v3-files.route.js';
import { puppetV3NodeRoute } from './routes/puppet/puppet-v3-node.route.js';
import { puppetV3ReportRoute } from './routes/puppet/puppet-v3-report.route.js';
import { operatorPageRoutes } from './routes/ui.route.js';
import { metricsRoute } from './routes/metrics.route.js';
import { pdbMetricsRoutes } from './routes/pdb/pdb-metrics.route.js';
import { puppetdbStatusRoute, puppetserverStatusRoute, simpleStatusRoute, statusRoute } from './routes/status.route.js';

export type RunningHttpServer = Listening;

export function troupeRoutes(app: TroupeApp): Route[] {
  return [
    catalogRoute(app), pdbCommandRoute(app), statusRoute(app), puppetdbStatusRoute(app), submitEventsRoute(app), ...deploymentRoutes(app), ...rolloutRoutes(app), ...runRoutes(app), ...nodeRoutes(app),
    ...puppetV3CatalogRoutes(app), puppetV3NodeRoute(app), puppetV3ReportRoute(app), puppetV3EnvironmentsRoute(app), ...puppetV3FileRoutes(app),
    puppetserverStatusRoute(app), simpleStatusRoute(app), ...caRoutes(app), ...pdbQueryRoutes(app), ...pdbMetricsRoutes(app), metricsRoute(app),
    ...operatorPageRoutes(),
  ];
}

/** Serves Troupe's routes on plain HTTP (tests and in-process tools), with metrics and no access log; resolves once it listens. */
export function startHttpServer(app: TroupeApp, host: string, port: number): Promise<RunningHttpServer> {
  const server = createServer({ keepAliveTimeout: 5000 }, createRequestListener(troupeRoutes(app), { fastPath: catalogRefusal(app), body: app.bodies, observer: app.metrics.http }));
  return listen([server], host, port, 'http');
}
