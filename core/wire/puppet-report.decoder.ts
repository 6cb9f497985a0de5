import { ValidationError } from '../errors/troupe-error.js';
import type { ReportSubmitted } from '../events/event.types.js';
import type { Result } from '../result.js';
import { array, boolean, certname, child, join, object, optString, string, timestamp, validated, type Obj } from '../schema/field-readers.js';
import { decodeStoreReport, type DecodeContext } from './pdb-command.decoder.js';

export interface PuppetReportInput {
  /** The `<name>` of `PUT /puppet/v3/report/<name>`; the report's `host` must be it. */
  readonly certname: string;
  readonly body: unknown;
}

/**
 * Decodes a report as Puppet agents send it (`PUT /puppet/v3/report`,
 * report format 12 in Puppet 7) into the `report_submitted` event the
 * PuppetDB `store_report` v8 command produces. The conversion is PuppetDB's
 * own report processor's: metrics flattened to `{category, name, value}`,
 * resource statuses with events or skipped become `resources`, times are
 * ISO-8601, `end_time` is `time` plus the run's total time, and
 * `producer_timestamp` is when the server received it.
 */
export function decodePuppetReport(input: PuppetReportInput, ctx: DecodeContext): Result<ReportSubmitted, ValidationError> {
  return validated(() => {
    const report = object(input.body, '');
    const node = certname(input.certname, 'certname');
    const host = string(report, 'host', '');
    if (host !== node) throw new ValidationError('host', `report for ${JSON.stringify(node)} names another host (${JSON.stringify(host)})`);
    const data = decodeStoreReport(toStoreReport(report, ctx.now));
    return { type: 'report_submitted', id: ctx.id, stream: node, time: ctx.now, meta: ctx.meta, data };
  });
}

/** The report as PuppetDB's report processor submits it (store_report v8). */
function toStoreReport(r: Obj, now: string): Obj {
  const start = wireTime(r, 'time', '');
  const resources = resourcesOf(r);
  const transactionUuid = optString(r, 'transaction_uuid', '');
  return {
    certname: r['host'],
    job_id: optString(r, 'job_id', ''),
    puppet_version: r['puppet_version'],
    report_format: r['report_format'],
    configuration_version: String(r['configuration_version'] ?? ''),
    producer_timestamp: now,
    start_time: start,
    // As the terminus: the agent's nanosecond start plus the run's seconds, then truncated to milliseconds.
    end_time: new Date(Math.floor(preciseMs(timestamp(r, 'time', '')) + totalSeconds(r) * 1000)).toISOString(),
    environment: r['environment'],
    transaction_uuid: transactionUuid,
    status: r['status'],
    noop: boolean(r, 'noop', '', false),
    noop_pending: r['noop_pending'] ?? null,
    corrective_change: r['corrective_change'] ?? null,
    logs: r['logs'] === undefined ? [] : array(r, 'logs', '').map((l, i) => logOf(object(l, join('logs', i)), join('logs', i))),
    metrics: metricsOf(r),
    resources,
    catalog_uuid: optString(r, 'catalog_uuid', '') ?? transactionUuid,
    code_id: optString(r, 'code_id', ''),
    cached_catalog_status: optString(r, 'cached_catalog_status', ''),
    producer: null,
  };
}

function logOf(l: Obj, path: string): Obj {
  return {
    file: l['file'] ?? null, line: l['line'] ?? null, level: string(l, 'level', path), message: string(l, 'message', path),
    source: l['source'] ?? null, tags: l['tags'] ?? [], time: wireTime(l, 'time', path),
  };
}

/** `{category: {name, label, values: [[name, label, value]]}}` → `[{category, name, value}]`. */
function metricsOf(r: Obj): Obj[] {
  if (r['metrics'] === undefined) return [];
  return Object.entries(child(r, 'metrics', '')).flatMap(([key, m]) => {
    const path = join('metrics', key);
    const metric = object(m, path);
    const category = string(metric, 'name', path);
    const values = array(metric, 'values', path).map((v, i) => {
      if (!Array.isArray(v) || v.length !== 3 || typeof v[0] !== 'string') {
        throw new ValidationError(join(join(path, 'values'), i), 'expected [name, label, value]');
      }
      return { label: String(v[1]), metric: { category, name: v[0], value: v[2] as unknown } };
    });
    // Puppet's `Metric#values` (which the terminus reads) sorts by label.
    return values.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)).map((v) => v.metric);
  });
}

/** The run's duration: `metrics.time` value `total` (0 when the run failed before it). */
function totalSeconds(r: Obj): number {
  const time = (r['metrics'] as Obj | undefined)?.['time'] as Obj | undefined;
  const values = Array.isArray(time?.['values']) ? (time['values'] as unknown[]) : [];
  const total = values.find((v) => Array.isArray(v) && v[0] === 'total') as unknown[] | undefined;
  return typeof total?.[2] === 'number' && Number.isFinite(total[2]) ? total[2] : 0;
}

/** Resource statuses that changed something or were skipped, as PuppetDB stores them by default. */
function resourcesOf(r: Obj): Obj[] {
  if (r['resource_statuses'] === undefined) return [];
  return Object.entries(child(r, 'resource_statuses', '')).flatMap(([key, s]) => {
    const path = join('resource_statuses', key);
    const status = object(s, path);
    const events = array(status, 'events', path).map((e, i) => eventOf(object(e, join(join(path, 'events'), i)), join(join(path, 'events'), i)));
    const skipped = boolean(status, 'skipped', path, false);
    if (events.length === 0 && !skipped) return [];
    return [{
      skipped,
      timestamp: wireTime(status, 'time', path),
      resource_type: string(status, 'resource_type', path),
      resource_title: string(status, 'title', path),
      file: status['file'] ?? null,
      line: status['line'] ?? null,
      containment_path: status['containment_path'] ?? null,
      corrective_change: status['corrective_change'] ?? null,
      events,
    }];
  });
}

function eventOf(e: Obj, path: string): Obj {
  return {
    status: string(e, 'status', path),
    timestamp: wireTime(e, 'time', path),
    name: e['name'] ?? null,
    property: e['property'] ?? null,
    new_value: valueText(e['desired_value']),
    old_value: valueText(e['previous_value']),
    corrective_change: e['corrective_change'] ?? null,
    message: e['message'] ?? null,
  };
}

/** PuppetDB stores event values as text (`to_s`); structured ones as JSON here. */
function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** An ISO-8601 instant in milliseconds, keeping the digits past the millisecond Date.parse drops. */
function preciseMs(text: string): number {
  const sub = /\.\d{3}(\d+)/.exec(text)?.[1];
  return Date.parse(text) + (sub === undefined ? 0 : Number(`0.${sub}`));
}

/** Puppet's nanosecond timestamps as ISO-8601 UTC with milliseconds. */
function wireTime(o: Obj, key: string, path: string): string {
  return new Date(Date.parse(timestamp(o, key, path))).toISOString();
}
