import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, sendError } from './http-io.js';

export interface RouteContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  /** Named groups of the route's pattern, URI-decoded. */
  readonly params: Readonly<Record<string, string>>;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly pattern: RegExp;
  handle(ctx: RouteContext): Promise<void> | void;
}

/**
 * Runs before any routing; returns true when it answered the request
 * itself (the cheap refusal path under overload).
 */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Dispatches by method and path; unknown paths 404, wrong methods 405. */
export function createRequestListener(routes: readonly Route[], fastPath?: FastPath) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (fastPath?.(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://troupe.invalid');
    const matching = routes.filter((r) => r.pattern.test(url.pathname));
    const route = matching.find((r) => r.method === req.method);
    if (!route) {
      const e = matching.length > 0
        ? new HttpError(405, `${req.method} not allowed on ${url.pathname}`, { allow: matching.map((r) => r.method).join(', ') })
        : new HttpError(404, `no such endpoint: ${url.pathname}`);
      sendError(res, e);
      req.resume();
      return;
    }
    const groups = route.pattern.exec(url.pathname)?.groups ?? {};
    const params = Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, decodeURIComponent(v ?? '')]));
    Promise.resolve()
      .then(() => route.handle({ req, res, url, params }))
      .catch((e: unknown) => sendError(res, e));
  };
}
