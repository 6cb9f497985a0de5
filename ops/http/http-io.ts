import type { IncomingMessage, ServerResponse } from 'node:http';
import { TroupeError } from '../../core/errors/troupe-error.js';

/** An HTTP failure with its status; the body says why in JSON. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

/**
 * Reads a request body up to `limit` bytes; larger bodies are refused with
 * 413 before they are buffered.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, `body of ${declared} bytes exceeds the limit of ${limit}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `body exceeds the limit of ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const body = await readBody(req, limit);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw new HttpError(400, `body is not valid JSON: ${(e as Error).message}`);
  }
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  sendJsonText(res, status, JSON.stringify(value), headers);
}

/** A body that is JSON text already. */
export function sendJsonText(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** Maps any thrown value to a JSON error response; never leaks a stack. */
export function sendError(res: ServerResponse, e: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (e instanceof HttpError) return sendJson(res, e.status, { error: e.message }, e.headers);
  if (e instanceof TroupeError) {
    const status = e.code === 'invalid_input' ? 400 : e.code === 'not_found' ? 404 : e.code === 'overloaded' || e.code === 'log_busy' || e.code === 'log_write_failed' ? 503 : 500;
    return sendJson(res, status, { error: e.message, code: e.code }, status === 503 ? { 'retry-after': '5' } : {});
  }
  console.error('unexpected error in HTTP handler:', e);
  sendJson(res, 500, { error: 'internal error' });
}
