import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, RequestBody, sendError, type BodyLimits } from './http-io.js';

/** Who is asking: the verified client certificate, when there is one. */
export interface ClientIdentity {
  /** The certificate's certname (CN); null without a verified client certificate. */
  readonly certname: string | null;
  /** `$trusted` as puppetserver builds it from the certificate; null without one. */
  readonly trusted: Readonly<Record<string, unknown>> | null;
  /** May call `admin` routes: an allow-listed certificate, or the loopback plain-HTTP listener. */
  readonly admin: boolean;
}

/** The plain-HTTP listener (loopback tooling and benchmarks): no certificate, the operator's own. */
export const PLAIN_OPERATOR: ClientIdentity = { certname: null, trusted: null, admin: true };

export interface RouteContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  /** Named groups of the route's pattern, URI-decoded. */
  readonly params: Readonly<Record<string, string>>;
  /** The request body, read under the size limits and the in-flight budget. */
  readonly body: RequestBody;
  readonly client: ClientIdentity;
}

/**
 * Who may call a route over HTTPS: `public` anyone (the CA's certificate,
 * CRL and certificate requests); `node` a node for itself (its certname is
 * the route's `certname` parameter) or an admin; `admin` the certificates
 * on the admin allow-list.
 */
export type RouteAccess = 'public' | 'node' | 'admin';

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  readonly pattern: RegExp;
  /** @defaultValue 'admin' (deny by default) */
  readonly access?: RouteAccess;
  /**
   * Answers the route's refusal (403) in the protocol its clients read, as
   * its handler answers its own failures (Puppet agents print a `message`).
   * @defaultValue Troupe's JSON `{error}`
   */
  readonly sendError?: (res: ServerResponse, e: unknown) => void;
  handle(ctx: RouteContext): Promise<void> | void;
}

/**
 * Runs before any routing; returns true when it answered the request
 * itself (the cheap refusal path under overload).
 */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface RequestListenerOptions {
  readonly fastPath?: FastPath;
  readonly body: BodyLimits;
  /** Who the request comes from. @defaultValue the plain listener's operator ({@link PLAIN_OPERATOR}) */
  readonly identify?: (req: IncomingMessage) => ClientIdentity;
}

const ORIGIN = 'http://troupe.invalid';

/**
 * Dispatches by method and path; unknown paths 404, wrong methods 405.
 * Total: whatever the request line holds, the answer is a response (a 400
 * for an unparsable target), never an exception out of the listener.
 */
export function createRequestListener(routes: readonly Route[], options: RequestListenerOptions) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (options.fastPath?.(req, res)) return;
    const body = new RequestBody(req, options.body);
    res.once('close', () => body.release());
    Promise.resolve()
      .then(() => dispatch(routes, req, res, body, options.identify?.(req) ?? PLAIN_OPERATOR))
      .catch((e: unknown) => {
        sendError(res, e);
        req.resume();
      });
  };
}

function dispatch(routes: readonly Route[], req: IncomingMessage, res: ServerResponse, body: RequestBody, client: ClientIdentity): Promise<void> | void {
  const url = parseTarget(req.url ?? '/');
  const matching = routes.filter((r) => r.pattern.test(url.pathname));
  const route = matching.find((r) => r.method === req.method);
  if (!route) {
    throw matching.length > 0
      ? new HttpError(405, `${req.method} not allowed on ${url.pathname}`, { allow: matching.map((r) => r.method).join(', ') })
      : new HttpError(404, `no such endpoint: ${url.pathname}`);
  }
  const groups = route.pattern.exec(url.pathname)?.groups ?? {};
  const params = Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, decodeSegment(v ?? '')]));
  const denied = denial(route.access ?? 'admin', params['certname'], client);
  if (denied) {
    console.error(`403 ${req.method} ${url.pathname} for ${client.certname ?? 'a client without a certificate'}: ${denied}`);
    const refusal = new HttpError(403, `Forbidden request: ${denied}`);
    if (!route.sendError) throw refusal;
    route.sendError(res, refusal);
    req.resume();
    return;
  }
  return route.handle({ req, res, url, params, body, client });
}

/**
 * Why `client` may not call a route with this access, or null when it may.
 * Deny by default: a route that says nothing is `admin`.
 */
export function denial(access: RouteAccess, certname: string | undefined, client: ClientIdentity): string | null {
  if (access === 'public' || client.admin) return null;
  if (client.certname === null) return 'this endpoint needs a client certificate signed by the Puppet CA';
  if (access === 'admin') return `${client.certname} is not on the admin allow-list`;
  if (certname !== undefined && certname !== client.certname) return `${client.certname} may only access its own data, not ${certname}'s`;
  return null;
}

/** The request target as a URL; origin-form paths never read as a host (`//[`). */
function parseTarget(target: string): URL {
  try {
    return new URL(target.startsWith('/') ? `${ORIGIN}${target}` : target, ORIGIN);
  } catch {
    throw new HttpError(400, 'request target is not a valid URL');
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, `malformed percent-encoding in path segment '${segment.slice(0, 200)}'`);
  }
}
