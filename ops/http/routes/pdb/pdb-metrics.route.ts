import type { PdbQueryEngine } from '../../../../projections/query/pdb-query.engine.js';
import { sendJsonText } from '../../http-io.js';
import type { Route } from '../../http-router.js';

/** What the routes need of the app. */
export interface PdbMetricsApp {
  readonly pdbQuery: PdbQueryEngine;
}

const POPULATION = 'puppetlabs.puppetdb.population';

/**
 * The MBeans served, as PuppetDB names them: the fleet's population, which
 * Puppetboard's overview reads (`num-nodes`, `num-resources`,
 * `avg-resources-per-node`). Each is computed from the storeconfigs
 * database when asked.
 */
const MBEANS: Readonly<Record<string, { readonly desc: string; value(q: PdbQueryEngine): Promise<number> }>> = {
  [`${POPULATION}:name=num-nodes`]: { desc: 'active nodes', value: (q) => count(q, 'nodes') },
  [`${POPULATION}:name=num-resources`]: { desc: 'resources in active nodes\' catalogs', value: (q) => count(q, 'resources') },
  [`${POPULATION}:name=avg-resources-per-node`]: {
    desc: 'resources per active node',
    value: async (q) => {
      const [nodes, resources] = await Promise.all([count(q, 'nodes'), count(q, 'resources')]);
      return nodes === 0 ? 0 : resources / nodes;
    },
  },
};

async function count(q: PdbQueryEngine, entity: string): Promise<number> {
  const { rows } = await q.query(['from', entity, ['extract', [['function', 'count']]]], { activeOnly: true });
  return Number((rows[0] as { count?: number } | undefined)?.count ?? 0);
}

/**
 * Jolokia's GET escapes in a path: `!/` is `/`, `!!` is `!`, `!"` is `"`
 * (pypuppetdb's `escape_metric_name`).
 */
export function unescapeJolokia(path: string): string {
  return path.replace(/!(.)/g, '$1');
}

/**
 * PuppetDB's metrics API v2 (Jolokia) for the MBeans in {@link MBEANS}:
 * `GET /metrics/v2/list` and `GET /metrics/v2/read/MBEAN[/ATTRIBUTE]`.
 * An unknown MBean or attribute is a 404 whose body is Jolokia's error
 * (`status: 404`, `error`): clients that probe for PuppetDB's queue
 * metrics (the shared load generator) then fall back, as they do where
 * the metrics API is off.
 * Admin routes, as PuppetDB's query API.
 */
export function pdbMetricsRoutes(app: PdbMetricsApp): Route[] {
  return [
    {
      method: 'GET', pattern: /^\/metrics\/v2\/list\/?$/, name: '/metrics/v2/list',
      handle: ({ res }) => {
        const value: Record<string, Record<string, unknown>> = {};
        for (const [mbean, { desc }] of Object.entries(MBEANS)) {
          const [domain, props] = mbean.split(':') as [string, string];
          (value[domain] ??= {})[props] = { desc, attr: { Value: { rw: false, type: 'java.lang.Object', desc } } };
        }
        sendJolokia(res, { request: { type: 'list' }, value });
      },
    },
    {
      method: 'GET', pattern: /^\/metrics\/v2\/read\/(.+)$/, name: '/metrics/v2/read/*',
      handle: async ({ res, url }) => {
        const [mbean = '', attribute] = decodeURIComponent(url.pathname.slice('/metrics/v2/read/'.length)).split(/(?<!!)\//).map(unescapeJolokia);
        const request = { type: 'read', mbean, ...(attribute ? { attribute } : {}) };
        const bean = MBEANS[mbean];
        if (!bean || (attribute !== undefined && attribute !== 'Value')) {
          const error = bean ? `javax.management.AttributeNotFoundException : No such attribute: ${attribute}` : `javax.management.InstanceNotFoundException : ${mbean}`;
          sendJolokia(res, { request, error_type: error.split(' ')[0], error, status: 404 }, 404);
          return;
        }
        const v = await bean.value(app.pdbQuery);
        sendJolokia(res, { request, value: attribute ? v : { Value: v } });
      },
    },
  ];
}

function sendJolokia(res: Parameters<typeof sendJsonText>[0], body: Record<string, unknown>, status = 200): void {
  sendJsonText(res, status, JSON.stringify({ timestamp: Math.floor(Date.now() / 1000), status, ...body }));
}
