import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { RequestObserver } from '../http/http-router.js';

const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** Fast-path refusals of one route and method, counted here and added to the counter at scrape time. */
interface Refusals {
  readonly series: Counter.Internal;
  pending: number;
}

interface Series {
  readonly count: Counter.Internal;
  readonly duration: Histogram.Internal<'method' | 'route' | 'status'>;
}

/**
 * Per-endpoint request counts and latencies, labelled by method, route
 * (its pattern's name, never the raw path) and status. The labelled
 * series are looked up through nested maps, so observing a request
 * allocates nothing once its series exists; the label values are
 * bounded (routes of the table, methods Node's parser accepts, status
 * codes), and so is the number of series. The overload fast path's
 * refusals are only counted (a plain increment, folded into
 * `troupe_http_requests_total` at scrape time): they take microseconds,
 * and at ten times capacity they are most requests, so they stay out of
 * the latency histogram.
 */
export class HttpMetrics implements RequestObserver {
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly durations: Histogram<'method' | 'route' | 'status'>;
  private readonly series = new Map<string, Map<string, Map<number, Series>>>();
  private readonly refusals = new Map<string, Map<string, Refusals>>();

  constructor(registry: Registry) {
    const labelNames = ['method', 'route', 'status'] as const;
    const flush = (): void => this.flushRefusals();
    this.requests = new Counter({
      name: 'troupe_http_requests_total', help: 'HTTP requests answered, by method, route and status (0: the client left before the answer)',
      labelNames, registers: [registry], collect: flush,
    });
    this.durations = new Histogram({
      name: 'troupe_http_request_duration_seconds', help: 'HTTP requests from their arrival to the end of the answer, by method, route and status',
      labelNames, buckets: BUCKETS, registers: [registry],
    });
  }

  finished(req: IncomingMessage, res: ServerResponse, route: string, ms: number): void {
    this.observe(req.method ?? '', route, res.headersSent ? res.statusCode : 0, ms / 1000);
  }

  refused(method: string, route: string): void {
    let byMethod = this.refusals.get(route);
    if (!byMethod) this.refusals.set(route, byMethod = new Map());
    let r = byMethod.get(method);
    if (!r) byMethod.set(method, r = { series: this.requests.labels({ method, route, status: '503' }), pending: 0 });
    r.pending++;
  }

  private flushRefusals(): void {
    for (const byMethod of this.refusals.values()) {
      for (const r of byMethod.values()) {
        if (r.pending > 0) r.series.inc(r.pending);
        r.pending = 0;
      }
    }
  }

  private observe(method: string, route: string, status: number, seconds: number): void {
    const s = this.seriesOf(method, route, status);
    s.count.inc();
    s.duration.observe(seconds);
  }

  private seriesOf(method: string, route: string, status: number): Series {
    let byMethod = this.series.get(route);
    if (!byMethod) this.series.set(route, byMethod = new Map());
    let byStatus = byMethod.get(method);
    if (!byStatus) byMethod.set(method, byStatus = new Map());
    let s = byStatus.get(status);
    if (!s) {
      const labels = { method, route, status: String(status) };
      byStatus.set(status, s = { count: this.requests.labels(labels), duration: this.durations.labels(labels) });
    }
    return s;
  }
}
