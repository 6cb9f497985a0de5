import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ClientIdentity, RequestObserver } from '../http/http-router.js';
import { log as runtimeLog } from './logger.js';

export interface AccessLogOptions {
  /** How often the refusals (503) of the period are logged, as one line. @defaultValue 10_000 */
  readonly summaryEveryMs?: number;
  /** Routes whose successful requests are logged at `debug` instead of `info` (monitoring scrapes). @defaultValue none */
  readonly quietRoutes?: readonly string[];
  /** @defaultValue the runtime log */
  readonly logger?: Logger;
}

export const DEFAULT_ACCESS_LOG_OPTIONS = { summaryEveryMs: 10_000, quietRoutes: [] } as const;

/**
 * The HTTP access log: one `info` line per request (method, route, status,
 * ms, and the client's certname over TLS). Refusals (503 + Retry-After,
 * the answer to overload) are not logged one by one — under a herd they
 * are most of the requests — but counted, by route, and logged as one
 * line per period. `close()` logs the last period; it is idempotent.
 */
export class AccessLog implements RequestObserver {
  private readonly logger: Logger;
  private readonly quiet: ReadonlySet<string>;
  private readonly refusals = new Map<string, number>();
  private refusedTotal = 0;
  private periodStart = Date.now();
  private readonly timer: NodeJS.Timeout;

  constructor(options: AccessLogOptions = {}) {
    const o = { ...DEFAULT_ACCESS_LOG_OPTIONS, ...options };
    this.logger = options.logger ?? runtimeLog;
    this.quiet = new Set(o.quietRoutes);
    this.timer = setInterval(() => this.summarise(), o.summaryEveryMs);
    this.timer.unref();
  }

  finished(req: IncomingMessage, res: ServerResponse, route: string, ms: number, client: ClientIdentity): void {
    const status = res.headersSent ? res.statusCode : 0;
    if (status === 503) return this.refused(req.method ?? '', route);
    const level = status < 400 && this.quiet.has(route) ? 'debug' : 'info';
    if (!this.logger.isLevelEnabled(level)) return;
    const method = req.method ?? '';
    const fields = { method, route, status, ms: Math.round(ms * 100) / 100, ...(client.certname === null ? {} : { certname: client.certname }) };
    this.logger[level](fields, `${method} ${route} ${status === 0 ? 'closed before the answer' : status} ${fields.ms} ms`);
  }

  refused(_method: string, route: string): void {
    this.refusals.set(route, (this.refusals.get(route) ?? 0) + 1);
    this.refusedTotal++;
  }

  close(): void {
    clearInterval(this.timer);
    this.summarise();
  }

  private summarise(): void {
    const now = Date.now();
    if (this.refusedTotal > 0) {
      const seconds = Math.round((now - this.periodStart) / 100) / 10;
      this.logger.info({ refused: this.refusedTotal, seconds, routes: Object.fromEntries(this.refusals) },
        `refused ${this.refusedTotal} requests with 503 + Retry-After in the last ${seconds} s`);
    }
    this.refusals.clear();
    this.refusedTotal = 0;
    this.periodStart = now;
  }
}
