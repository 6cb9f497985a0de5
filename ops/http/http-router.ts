import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, RequestBody, sendError, type BodyLimits } from './http-io.js';
import { routeName } from './route-name.js';
import { log } from '../log/logger.js';

/** Who is asking: the verified client certificate, when there is one. */
export interface ClientIdentity {
  /** The certificate's certname (CN); null without a verified client certificate. */
  readonly certname: string | null;
  /** `$trusted` as puppetserver builds it from the certificate; null without one. */
  readonly trusted: Readonly<Record<string, unknown>> | null;
  /** May call `admin` routes: an allow-listed certificate, or the loopback plain-HTTP listener. */
  readonly admin: boolean;
  /** The operator role of an operator's certificate (`admin` when `admin`). @defaultValue none: not an operator */
  readonly role?: OperatorRole;
}

/**
 * What an operator may do: `read-only` read (queries, node data, the
 * status of deployments and runs), `deployer` also deploy and run,
 * `admin` everything. Configured by certname like admins.
 */
export const OPERATOR_ROLES = ['read-only', 'deployer', 'admin'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** The plain-HTTP listener (loopback tooling and benchmarks): no certificate, the operator's own. */
export const PLAIN_OPERATOR: ClientIdentity = { certname: null, trusted: null, admin: true, role: 'admin' };

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
 * on the admin allow-list; `{ certnames }` an admin or these certificates
 * (a monitoring system's, for `/metrics`, without admin rights elsewhere);
 * `read` any operator role; `deploy` deployers and admins (deploy, run).
 */
export type RouteAccess = 'public' | 'node' | 'read' | 'deploy' | 'admin' | { readonly certnames: readonly string[] };

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  readonly pattern: RegExp;
  /**
   * The route in metrics and the access log.
   * @defaultValue its pattern with named groups as `:name` ({@link routeName})
   */
  readonly name?: string;
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
 * Runs before any routing; when it answered the request itself (the cheap
 * refusal path under overload) it returns the name of the route it
 * answered for, else null.
 */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => string | null;

/** Sees every request's end: metrics and the access log. */
export interface RequestObserver {
  /**
   * A request is answered, or its connection closed first (`res.headersSent`
   * false). `route` is the route's name ({@link NO_ROUTE} when none
   * matched); `ms` counts from the request's arrival.
   */
  finished(req: IncomingMessage, res: ServerResponse, route: string, ms: number, client: ClientIdentity): void;
  /**
   * The fast path refused a request (503 + Retry-After) for this route.
   * Called on the overload path, so it must cost next to nothing (no clock
   * is read for it).
   */
  refused(method: string, route: string): void;
}

/** Several observers as one. */
export function observeAll(observers: readonly RequestObserver[]): RequestObserver {
  return {
    finished: (req, res, route, ms, client) => { for (const o of observers) o.finished(req, res, route, ms, client); },
    refused: (method, route) => { for (const o of observers) o.refused(method, route); },
  };
}

/** The route name of requests no route took (404, 405, 400 for an unreadable target). */
export const NO_ROUTE = 'unmatched';

export interface RequestListenerOptions {
  readonly fastPath?: FastPath;
  readonly body: BodyLimits;
  /** Who the request comes from. @defaultValue the plain listener's operator ({@link PLAIN_OPERATOR}) */
  readonly identify?: (req: IncomingMessage) => ClientIdentity;
  /** @defaultValue none */
  readonly observer?: RequestObserver;
}

const ORIGIN = 'http://troupe.invalid';

/**
 * Dispatches by method and path; unknown paths 404, wrong methods 405.
 * Total: whatever the request line holds, the answer is a response (a 400
 * for an unparsable target), never an exception out of the listener.
 */
export function createRequestListener(routes: readonly Route[], options: RequestListenerOptions) {
  const names = new Map(routes.map((r) => [r, routeName(r)]));
  const observer = options.observer;
  return (req: IncomingMessage, res: ServerResponse): void => {
    const refusedFor = options.fastPath?.(req, res) ?? null;
    if (refusedFor !== null) {
      observer?.refused(req.method ?? '', refusedFor);
      return;
    }
    const arrived = performance.now();
    const body = new RequestBody(req, options.body);
    let route: Route | undefined;
    let client = PLAIN_OPERATOR;
    res.once('close', () => {
      body.release();
      observer?.finished(req, res, route ? names.get(route)! : NO_ROUTE, performance.now() - arrived, client);
    });
    Promise.resolve()
      .then(() => {
        client = options.identify?.(req) ?? PLAIN_OPERATOR;
        const url = parseTarget(req.url ?? '/');
        route = match(routes, req.method, url);
        return dispatch(route, req, res, url, body, client);
      })
      .catch((e: unknown) => {
        sendError(res, e);
        req.resume();
      });
  };
}

/** The route for this method and path; 405 when only other methods have one, else 404. */
function match(routes: readonly Route[], method: string | undefined, url: URL): Route {
  const matching = routes.filter((r) => r.pattern.test(url.pathname));
  const route = matching.find((r) => r.method === method);
  if (!route) {
    throw matching.length > 0
      ? new HttpError(405, `${method} not allowed on ${url.pathname}`, { allow: matching.map((r) => r.method).join(', ') })
      : new HttpError(404, `no such endpoint: ${url.pathname}`);
  }
  return route;
}

function dispatch(route: Route, req: IncomingMessage, res: ServerResponse, url: URL, body: RequestBody, client: ClientIdentity): Promise<void> | void {
  const groups = route.pattern.exec(url.pathname)?.groups ?? {};
  const params = Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, decodeSegment(v ?? '')]));
  const denied = denial(route.access ?? 'admin', params['certname'], client);
  if (denied) {
    log.warn({ method: req.method, path: url.pathname, certname: client.certname, reason: denied }, `403 ${req.method} ${url.pathname} for ${client.certname ?? 'a client without a certificate'}: ${denied}`);
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
  if (access === 'read') return client.role ? null : `${client.certname} has no operator role (readOnlyCertnames, deployerCertnames, adminCertnames)`;
  if (access === 'deploy') {
    if (client.role === 'deployer') return null;
    return client.role ? `${client.certname} is a ${client.role} operator; deploying and running need the deployer or admin role`
      : `${client.certname} has no operator role; deploying and running need the deployer or admin role`;
  }
  if (access === 'admin') return `${client.certname} is not on the admin allow-list${client.role ? ` (it is a ${client.role} operator)` : ''}`;
  if (typeof access === 'object') return access.certnames.includes(client.certname) ? null : `${client.certname} is neither an admin nor allowed on this endpoint`;
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
