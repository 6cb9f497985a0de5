import type { ServerResponse } from 'node:http';

/** A catalog door's answer while admission is shut: static, so refusing costs next to nothing. */
export interface CatalogRefusal {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export const V4_CATALOG_REFUSAL: CatalogRefusal = {
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify({ message: 'compile queue is full; retry after the time in Retry-After' })),
};

/**
 * puppetserver's answer when its JRuby queue is full (`max-queued-requests`):
 * plain text, Retry-After, and the connection closed. Puppet agents (≥ 5.3.1)
 * sleep for Retry-After and try again.
 */
export const V3_CATALOG_REFUSAL: CatalogRefusal = {
  headers: { 'content-type': 'text/plain; charset=utf-8', connection: 'close' },
  body: Buffer.from('The number of catalog requests waiting for a compile has exceeded the admission limit; retry after the time in Retry-After.'),
};

/** Whether a request line is the v3 catalog door's (`GET` or `POST /puppet/v3/catalog/<name>`). */
export function isV3CatalogTarget(method: string | undefined, url: string): boolean {
  return (method === 'POST' || method === 'GET') && url.startsWith('/puppet/v3/catalog/');
}

/** 503 with a jittered Retry-After; the unread body is drained. */
export function sendRefusal(res: ServerResponse, refusal: CatalogRefusal, retryAfterSeconds: number): void {
  res.writeHead(503, { ...refusal.headers, 'content-length': refusal.body.length, 'retry-after': String(retryAfterSeconds) });
  res.end(refusal.body);
  res.req.resume();
}
