import type { IncomingMessage, ServerResponse } from 'node:http';
import { TroupeError, type ErrorCode } from '../../core/errors/troupe-error.js';
import { decodeBoundedJson, type JsonDecodeOptions } from '../../core/wire/bounded-json.js';
import type { BodyBudget } from './body-budget.js';
import { log } from '../log/logger.js';
import { writeJson } from '../../core/json/json-float.js';
import type { JsonChunks } from '../../projections/query/pdb-query.engine.js';

/** An HTTP failure with its status; the body says why in JSON. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

export interface BodyLimits {
  /** Largest single body; larger ones get 413 before they are buffered. */
  readonly maxBytes: number;
  /** Bytes of all bodies held at once; beyond it 503 + Retry-After. */
  readonly budget: BodyBudget;
  /** Seconds a client refused by the budget should wait. */
  retryAfterSeconds(): number;
}

/**
 * One request's body, read at most once under the limits; `release()`
 * gives its bytes back to the budget once the request has been answered.
 */
export class RequestBody {
  private held = 0;

  constructor(private readonly req: IncomingMessage, private readonly limits: BodyLimits) {}

  async read(): Promise<Buffer> {
    const { maxBytes } = this.limits;
    const declared = Number(this.req.headers['content-length'] ?? 0);
    if (declared > maxBytes) throw new HttpError(413, `body of ${declared} bytes exceeds the limit of ${maxBytes}`);
    if (declared > 0) this.hold(declared);
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of this.req) {
        size += (chunk as Buffer).length;
        if (size > maxBytes) throw new HttpError(413, `body exceeds the limit of ${maxBytes} bytes`);
        if (size > this.held) this.hold(size - this.held);
        chunks.push(chunk as Buffer);
      }
    } catch (e) {
      // A client that hangs up mid-body is the client's failure, not ours.
      throw e instanceof HttpError ? e : new HttpError(400, `request body not received: ${(e as Error).message}`);
    }
    return Buffer.concat(chunks);
  }

  /** The body as JSON: strict UTF-8, bounded depth, or a 400 saying why (`options`: decodeBoundedJson's). */
  async json(options?: JsonDecodeOptions): Promise<unknown> {
    const decoded = decodeBoundedJson(await this.read(), options);
    if (!decoded.ok) throw new HttpError(400, `body ${decoded.error.message}`);
    return decoded.value;
  }

  release(): void {
    this.limits.budget.give(this.held);
    this.held = 0;
  }

  private hold(bytes: number): void {
    if (!this.limits.budget.take(bytes)) {
      const retry = this.limits.retryAfterSeconds();
      throw new HttpError(503, `too many request bodies in flight (${this.limits.budget.inFlightBytes} bytes); retry after ${retry}s`, { 'retry-after': String(retry) });
    }
    this.held += bytes;
  }
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  sendJsonText(res, status, writeJson(value), headers);
}

/** A body that is JSON text already (or its UTF-8 bytes). */
export function sendJsonText(res: ServerResponse, status: number, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/**
 * A body of JSON written a chunk at a time (a streamed query answer): its
 * length is sent up front, so a client reading a body cut short sees it
 * incomplete. When the chunks stop coming (their thread stopped) or the
 * socket fails, the connection is cut and the returned promise rejects:
 * never a shorter answer that looks whole.
 */
export async function sendJsonChunks(res: ServerResponse, status: number, body: JsonChunks, headers: Record<string, string> = {}): Promise<void> {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.byteLength, ...headers });
  try {
    await body.writeTo(res);
  } catch (e) {
    res.destroy();
    throw e;
  }
  res.end();
}

/** A thrown value as an HTTP answer: status, reason, stable code (when it has one), headers. */
export interface ErrorAnswer {
  readonly status: number;
  readonly message: string;
  readonly code?: string;
  readonly headers: Record<string, string>;
}

/**
 * The HTTP status of an error code the caller can act on; the rest are 500.
 * `too_large` stays 500: Puppet's file server answers a listing past
 * `max_files` so, and the v3 routes copy it (routes with a better answer,
 * such as a rollout's code past its bound, map it themselves).
 */
const STATUS_OF_CODE: Partial<Record<ErrorCode, number>> = {
  invalid_input: 400,
  forbidden: 403,
  not_found: 404,
  overloaded: 503,
  not_leader: 503,
  log_busy: 503,
  log_write_failed: 503,
  log_read_failed: 503,
};

/** Maps any thrown value to its answer; never leaks a stack (unexpected ones are logged). */
export function errorAnswer(e: unknown): ErrorAnswer {
  if (e instanceof HttpError) return { status: e.status, message: e.message, headers: e.headers };
  if (e instanceof TroupeError) {
    const status = STATUS_OF_CODE[e.code] ?? 500;
    return { status, message: e.message, code: e.code, headers: status === 503 ? { 'retry-after': '5' } : {} };
  }
  log.error({ err: e }, 'unexpected error in HTTP handler');
  return { status: 500, message: 'internal error', headers: {} };
}

/** Any thrown value as a JSON error response; a response already under way is cut off. */
export function sendError(res: ServerResponse, e: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const a = errorAnswer(e);
  sendJson(res, a.status, a.code === undefined ? { error: a.message } : { error: a.message, code: a.code }, a.headers);
}
