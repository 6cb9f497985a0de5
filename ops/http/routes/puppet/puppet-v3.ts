import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_BUILTIN_COMPILER_OPTIONS } from '../../../../core/compiler/builtin.compiler.js';
import { errorAnswer, HttpError, sendJson } from '../../http-io.js';
import type { Route } from '../../http-router.js';

/**
 * The Puppet version Troupe answers as (`X-Puppet-Version`): agents decide
 * from it what the server supports (the `locales` mount, JSON).
 */
export const PUPPET_VERSION = DEFAULT_BUILTIN_COMPILER_OPTIONS.serverVersion;

/** A certname as a route parameter (`node` access compares it with the client's certificate). */
export const CERTNAME_PARAM = '(?<certname>[^/]+)';

/** How Puppet's server prefixes an error message by status (`Puppet::Network::HTTP::Error`). */
const PREFIX: Readonly<Record<number, string>> = {
  400: 'Bad Request: ', 403: 'Not Authorized: ', 404: 'Not Found: ', 405: 'Method Not Allowed: ',
  406: 'Not Acceptable: ', 415: 'Unsupported Media Type: ', 500: 'Server Error: ',
};
const ISSUE_KIND: Readonly<Record<number, string>> = { 404: 'RESOURCE_NOT_FOUND', 406: 'UNSUPPORTED_FORMAT', 415: 'UNSUPPORTED_MEDIA_TYPE' };

/**
 * A route of Puppet's agent API: answers carry `X-Puppet-Version`, and
 * failures are Puppet's error body, `{message, issue_kind}` (agents print
 * the message as "Error 404 on SERVER: …").
 */
export function puppetRoute(route: Route): Route {
  return {
    ...route,
    sendError: sendPuppetError,
    async handle(ctx) {
      ctx.res.setHeader('x-puppet-version', PUPPET_VERSION);
      try {
        await route.handle(ctx);
      } catch (e) {
        sendPuppetError(ctx.res, e);
        ctx.req.resume();
      }
    },
  };
}

function sendPuppetError(res: ServerResponse, e: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.setHeader('x-puppet-version', PUPPET_VERSION);
  const a = errorAnswer(e);
  sendJson(res, a.status, { message: `${PREFIX[a.status] ?? ''}${a.message}`, issue_kind: ISSUE_KIND[a.status] ?? 'RUNTIME_ERROR' }, a.headers);
}

/** Puppet's rule for environment names (`Puppet::Node::Environment.valid_name?`). */
const ENVIRONMENT = /^[a-z0-9_]+$/;

/** The `environment` query parameter every indirected v3 route requires, checked as Puppet does. */
export function environmentParam(url: URL): string {
  const environment = url.searchParams.get('environment');
  if (environment === null) throw new HttpError(400, 'An environment parameter must be specified');
  if (!ENVIRONMENT.test(environment)) throw new HttpError(400, `The environment must be purely alphanumeric, not '${environment}'`);
  return environment;
}

/** JSON (and PSON, which JSON is) media ranges; no Accept header accepts anything. */
const JSON_RANGES: ReadonlySet<string> = new Set(['application/json', 'application/*', '*/*', 'text/pson', 'pson']);

/** Refuses (406, as Puppet does) a client that accepts no JSON: Troupe answers nothing else. */
export function requireJsonAccepted(req: IncomingMessage): void {
  const accept = req.headers.accept;
  if (accept === undefined) return;
  const ranges = accept.split(',').map((r) => r.split(';')[0]!.trim().toLowerCase());
  if (!ranges.some((r) => JSON_RANGES.has(r))) throw new HttpError(406, `No supported formats are acceptable (Accept: ${accept.slice(0, 200)})`);
}

/** Refuses (415) a body that is not the media type the route reads. */
export function requireContentType(req: IncomingMessage, expected: readonly string[]): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!expected.includes(type)) {
    throw new HttpError(415, `Client sent a mime-type (${type || 'none'}) that doesn't correspond to a format we support (${expected.join(', ')})`);
  }
}
