import { statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isTroupeError } from '../../../core/errors/troupe-error.js';
import type { TroupeApp } from '../../app/troupe-app.js';
import { CsrRejectedError } from '../../ca/ca-errors.js';
import type { CertificateState } from '../../ca/policy/cert-status.js';
import type { CertificateAuthority } from '../../ca/certificate-authority.js';
import { readText } from '../../ca/storage/ca-files.js';
import { sendJson } from '../http-io.js';
import type { Route, RouteContext } from '../http-router.js';

/**
 * Puppet's CA API (`/puppet-ca/v1`) as puppetserver answers it: PEM and
 * messages as text/plain, a refused CSR 400 with puppetserver's reason,
 * `If-Modified-Since` honoured for certificates and the CRL. Agents
 * bootstrap through the public routes before they have a certificate;
 * the status routes are for admins.
 */
export function caRoutes(app: TroupeApp): Route[] {
  const ca = app.ca;
  return [
    caRoute('GET', /^\/puppet-ca\/v1\/certificate\/(?<name>[^/]+)$/, 'public', (ctx) => getCertificate(ca, ctx)),
    caRoute('GET', /^\/puppet-ca\/v1\/certificate_revocation_list\/[^/]+$/, 'public', (ctx) => getCrl(ca, ctx)),
    caRoute('PUT', /^\/puppet-ca\/v1\/certificate_request\/(?<name>[^/]+)$/, 'public', (ctx) => putCertificateRequest(ca, ctx)),
    caRoute('GET', /^\/puppet-ca\/v1\/certificate_request\/(?<name>[^/]+)$/, 'public', (ctx) => getCertificateRequest(ca, ctx)),
    caRoute('POST', /^\/puppet-ca\/v1\/certificate_renewal$/, 'public', (ctx) => postRenewal(ca, ctx)),
    caRoute('GET', /^\/puppet-ca\/v1\/certificate_status\/(?<name>[^/]+)$/, 'admin', (ctx) => getStatus(ca, ctx)),
    caRoute('PUT', /^\/puppet-ca\/v1\/certificate_status\/(?<name>[^/]+)$/, 'admin', (ctx) => putStatus(ca, ctx)),
    caRoute('GET', /^\/puppet-ca\/v1\/certificate_statuses\/[^/]*$/, 'admin', (ctx) => getStatuses(ca, ctx)),
  ];
}

type Handler = (ctx: RouteContext) => Promise<void>;

/** A route whose failures answer as puppetserver's do: text, with the status the failure calls for. */
function caRoute(method: Route['method'], pattern: RegExp, access: Route['access'], handle: Handler): Route {
  return {
    method, pattern, access,
    async handle(ctx) {
      try {
        await handle(ctx);
      } catch (e) {
        const status = failureStatus(e);
        if (status === undefined) throw e;
        sendText(ctx.res, status, (e as Error).message);
      }
    },
  };
}

/** A refused CSR 400, an unknown name 404, the CA locked by another process 503, a CA directory it cannot use 500. */
function failureStatus(e: unknown): number | undefined {
  if (e instanceof CsrRejectedError) return 400;
  if (!isTroupeError(e)) return undefined;
  return ({ not_found: 404, ca_busy: 503, ca_invalid: 500 } as Partial<Record<string, number>>)[e.code];
}

function sendText(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * The file, or 304 when the client's copy (`If-Modified-Since`, the date
 * of its own file) is not older than ours; an unreadable date asks for the
 * file (puppetserver's `format-http-date`).
 */
function sendFileIfModified(req: IncomingMessage, res: ServerResponse, path: string, text: string): void {
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  if (!Number.isNaN(since) && statSync(path).mtimeMs <= since) return sendText(res, 304, '');
  sendText(res, 200, text);
}

async function getCertificate(ca: CertificateAuthority, { req, res, params }: RouteContext): Promise<void> {
  const name = params['name']!;
  const path = await ca.certificatePath(name);
  const pem = path === undefined ? undefined : readText(path);
  if (path === undefined || pem === undefined) return sendText(res, 404, `Could not find certificate ${name}`);
  sendFileIfModified(req, res, path, pem);
}

async function getCrl(ca: CertificateAuthority, { req, res }: RouteContext): Promise<void> {
  const crl = await ca.crlSnapshot();
  sendFileIfModified(req, res, ca.paths.caCrl, crl.pem);
}

async function putCertificateRequest(ca: CertificateAuthority, { res, params, body }: RouteContext): Promise<void> {
  await ca.submit(params['name']!, (await body.read()).toString('utf8'));
  sendText(res, 200, '');
}

async function getCertificateRequest(ca: CertificateAuthority, { res, params }: RouteContext): Promise<void> {
  const name = params['name']!;
  const pem = await ca.requestPem(name);
  sendText(res, pem === undefined ? 404 : 200, pem ?? `Could not find certificate_request ${name}`);
}

/**
 * Renews the presenting client's own certificate. Without a client
 * certificate puppetserver answers 400; a certificate this CA has no
 * record of is one it did not sign (403).
 */
async function postRenewal(ca: CertificateAuthority, { res, client }: RouteContext): Promise<void> {
  if (client.certname === null) return sendText(res, 400, 'No valid certificate found in renewal request');
  let pem: string;
  try {
    pem = await ca.renew(client.certname);
  } catch (e) {
    if (isTroupeError(e) && e.code === 'not_found') return sendText(res, 403, 'Certificate present, but does not match signature');
    throw e;
  }
  sendText(res, 200, pem);
}

async function getStatus(ca: CertificateAuthority, { res, params }: RouteContext): Promise<void> {
  const status = await ca.status(params['name']!);
  // liberator's answer for a resource that does not exist, which puppetserver keeps.
  if (status === undefined) return sendText(res, 404, 'Resource not found.');
  sendJson(res, 200, status);
}

const STATES: readonly string[] = ['requested', 'signed', 'revoked'] satisfies CertificateState[];

/** Every request and certificate; `?state=requested|signed|revoked` narrows it down. */
async function getStatuses(ca: CertificateAuthority, { res, url }: RouteContext): Promise<void> {
  if (url.pathname.endsWith('/')) return sendText(res, 400, 'Missing URL Segment');
  const listing = await ca.list();
  const state = url.searchParams.get('state') ?? '';
  sendJson(res, 200, STATES.includes(state) ? listing[state as CertificateState] : [...listing.requested, ...listing.signed, ...listing.revoked]);
}

/** `{"desired_state": "signed"|"revoked"}`: signs the pending request or revokes the certificate; 204. */
async function putStatus(ca: CertificateAuthority, { res, params, body }: RouteContext): Promise<void> {
  const name = params['name']!;
  const wanted = desiredState(await body.read(), name);
  if (typeof wanted === 'string') return sendText(res, 400, wanted);
  if ((await ca.status(name)) === undefined) return sendText(res, 404, 'Invalid certificate subject.');
  try {
    await (wanted.desired === 'signed' ? ca.sign(name) : ca.revoke(name));
  } catch (e) {
    // puppetserver answers a state change it cannot make with 409 and the reason.
    if (e instanceof CsrRejectedError || (isTroupeError(e) && e.code === 'not_found')) return sendText(res, 409, (e as Error).message);
    throw e;
  }
  res.writeHead(204).end();
}

/** The wanted state, or puppetserver's message for a body that does not say one. */
function desiredState(raw: Buffer, name: string): string | { desired: 'signed' | 'revoked' } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    return 'Request body is not JSON.';
  }
  const desired = (parsed as { desired_state?: unknown } | null)?.desired_state;
  if (desired === undefined) return 'Missing required parameter "desired_state"';
  if (desired !== 'signed' && desired !== 'revoked') return `State ${String(desired)} invalid; Must specify desired state of 'signed' or 'revoked' for host ${name}.`;
  return { desired };
}
