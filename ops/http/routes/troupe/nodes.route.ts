import type { RecordedEvent } from '../../../../core/events/event.types.js';
import type { TroupeApp } from '../../../app/troupe-app.js';
import { HttpError, sendJson } from '../../http-io.js';
import type { Route } from '../../http-router.js';

const NODE = '(?<certname>[^/]+)';
const notFound = (certname: string, what = 'node'): HttpError => new HttpError(404, `no ${what} for ${certname}`);

/**
 * Troupe's read API over the storeconfigs database and the log:
 * nodes, a node's facts, its latest catalog (ETag = catalog hash, so a
 * client polling with If-None-Match gets a cheap 304), reports, events.
 */
export function nodeRoutes(app: TroupeApp): Route[] {
  return [
    {
      method: 'GET', access: 'read', pattern: /^\/troupe\/v1\/nodes$/,
      async handle({ res, url }) {
        const environment = url.searchParams.get('environment') ?? undefined;
        const includeDeactivated = url.searchParams.get('deactivated') !== 'false';
        sendJson(res, 200, await app.queries.listNodes({ includeDeactivated, ...(environment ? { environment } : {}) }));
      },
    },
    {
      method: 'GET', access: 'read', pattern: new RegExp(`^/troupe/v1/nodes/${NODE}$`),
      async handle({ res, params }) {
        const node = await app.queries.node(params['certname']!);
        if (!node) throw notFound(params['certname']!);
        sendJson(res, 200, node);
      },
    },
    {
      method: 'GET', access: 'read', pattern: new RegExp(`^/troupe/v1/nodes/${NODE}/facts$`),
      async handle({ res, params }) {
        const facts = await app.queries.facts(params['certname']!);
        if (!facts) throw notFound(params['certname']!, 'facts');
        sendJson(res, 200, facts);
      },
    },
    {
      method: 'GET', access: 'read', pattern: new RegExp(`^/troupe/v1/nodes/${NODE}/catalog$`),
      async handle({ req, res, params }) {
        const stored = await app.queries.catalog(params['certname']!);
        if (!stored) throw notFound(params['certname']!, 'catalog');
        const etag = `"${stored.hash}"`;
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, { etag });
          res.end();
          return;
        }
        sendJson(res, 200, stored, { etag });
      },
    },
    {
      method: 'GET', access: 'read', pattern: new RegExp(`^/troupe/v1/nodes/${NODE}/reports$`),
      async handle({ res, params, url }) {
        const limit = Math.min(1000, Number(url.searchParams.get('limit') ?? 20) || 20);
        sendJson(res, 200, await app.queries.reports(params['certname']!, limit));
      },
    },
    {
      method: 'GET', access: 'read', pattern: new RegExp(`^/troupe/v1/nodes/${NODE}/events$`),
      async handle({ res, params, url }) {
        const from = Number(url.searchParams.get('from') ?? 0) || 0;
        const limit = Math.min(1000, Number(url.searchParams.get('limit') ?? 100) || 100);
        const order = url.searchParams.get('order') ?? 'asc';
        if (order !== 'asc' && order !== 'desc') throw new HttpError(400, `order must be 'asc' or 'desc', not '${order.slice(0, 20)}'`);
        // `desc`: the newest events first (the operator page's timeline), `from` unused.
        const events = order === 'desc'
          ? await app.log.readStreamBackward(params['certname']!, { limit })
          : await app.log.readStream(params['certname']!, from, { limit });
        sendJson(res, 200, url.searchParams.get('brief') === 'true' ? events.map(briefEvent) : events);
      },
    },
    {
      // The operator page's "failed compiles": each node's newest failure, newest first.
      method: 'GET', access: 'read', pattern: /^\/troupe\/v1\/compile-failures$/,
      async handle({ res, url }) {
        const limit = Math.min(1000, Number(url.searchParams.get('limit') ?? 100) || 100);
        sendJson(res, 200, await app.queries.compileFailures(limit));
      },
    },
  ];
}

/**
 * An event without its bulk (`?brief=true`): a timeline needs what
 * happened, not each catalog, fact set and report body, which can be
 * megabytes apiece. They are replaced by their sizes.
 */
export function briefEvent(e: RecordedEvent): RecordedEvent {
  switch (e.type) {
    case 'catalog_compiled': {
      const { catalog, ...rest } = e.data;
      return { ...e, data: { ...rest, resourceCount: catalog.resources.length } } as unknown as RecordedEvent;
    }
    case 'catalog_submitted': {
      // One recorded by reference (`bodyOf`) has no body to count.
      const { catalog, ...rest } = e.data;
      return { ...e, data: { ...rest, ...('resources' in catalog ? { resourceCount: catalog.resources.length } : {}) } } as unknown as RecordedEvent;
    }
    case 'facts_submitted': {
      const { values, ...rest } = e.data;
      return { ...e, data: { ...rest, factCount: Object.keys(values).length } } as unknown as RecordedEvent;
    }
    case 'report_submitted': {
      const { body: _body, ...rest } = e.data;
      return { ...e, data: rest } as unknown as RecordedEvent;
    }
    default:
      return e;
  }
}
