import type { TroupeApp } from '../../app/troupe-app.js';
import type { Route } from '../http-router.js';

/** The route's name, which the access log leaves out (scrapes every few seconds are no news). */
export const METRICS_ROUTE_NAME = '/metrics';

/**
 * Prometheus' `GET /metrics` (text exposition format 0.0.4). Over HTTPS an
 * admin's or a `metricsCertnames` certificate may scrape it; the loopback
 * plain listener is the operator's, as for every admin route.
 */
export function metricsRoute(app: TroupeApp): Route {
  return {
    method: 'GET',
    pattern: /^\/metrics$/,
    name: METRICS_ROUTE_NAME,
    access: { certnames: app.config.metricsCertnames },
    async handle({ res }) {
      const text = await app.metrics.scrape();
      res.writeHead(200, { 'content-type': app.metrics.contentType, 'content-length': Buffer.byteLength(text) });
      res.end(text);
    },
  };
}
