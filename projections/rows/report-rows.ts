import { createHash } from 'node:crypto';
import type { ResourceEventsTable } from '../storeconfigs/storeconfigs.schema.js';

/**
 * How a stored report becomes rows: its queryable columns and its resource
 * events, from the store_report v8 payload kept in `reports.body`. One pure
 * function for the projection and the schema upgrade of older files, so
 * both give the same rows.
 */

/**
 * The report's `hash`: SHA-1 of the `report_submitted` event id. PuppetDB
 * hashes the report's content; an event id is unique per accepted report
 * and stable across replays, which is what clients rely on (a URL
 * segment, a join key).
 */
export const reportHash = (eventId: string): string => createHash('sha1').update(eventId).digest('hex');

/** The `reports` columns read from the payload's body (those without a column of their own in `ReportData`). */
export interface ReportExtras {
  readonly noop_pending: number | null;
  readonly corrective_change: number | null;
  readonly cached_catalog_status: string | null;
  readonly code_id: string | null;
  readonly job_id: string | null;
  readonly producer: string | null;
  readonly report_format: number | null;
  readonly type: string;
}

export function reportExtras(body: Readonly<Record<string, unknown>>): ReportExtras {
  return {
    noop_pending: flag(body['noop_pending']),
    corrective_change: flag(body['corrective_change']),
    cached_catalog_status: text(body['cached_catalog_status']),
    code_id: text(body['code_id']),
    job_id: text(body['job_id']),
    producer: text(body['producer']),
    report_format: typeof body['report_format'] === 'number' && Number.isInteger(body['report_format']) ? body['report_format'] : null,
    // PuppetDB's default for commands without one (`puppet apply` sends "agent" too).
    type: text(body['type']) ?? 'agent',
  };
}

/**
 * PuppetDB's resource events of a report: each resource's events with the
 * resource's type, title, file, line and containment path; a skipped
 * resource becomes one `skipped` event, its listed events ignored (as
 * PuppetDB fabricates it). Malformed entries are skipped, not guessed at.
 */
export function reportEvents(reportId: string, certname: string, body: Readonly<Record<string, unknown>>): ResourceEventsTable[] {
  const resources = Array.isArray(body['resources']) ? body['resources'] : [];
  const out: ResourceEventsTable[] = [];
  for (const r of resources) {
    if (!isObject(r) || typeof r['resource_type'] !== 'string' || typeof r['resource_title'] !== 'string') continue;
    const path = Array.isArray(r['containment_path']) ? r['containment_path'].filter((s): s is string => typeof s === 'string') : null;
    const common = {
      report_id: reportId, certname, resource_type: r['resource_type'], resource_title: r['resource_title'],
      file: text(r['file']), line: typeof r['line'] === 'number' ? r['line'] : null,
      containment_path: path === null ? null : JSON.stringify(path), containing_class: containingClass(path),
    };
    const events = Array.isArray(r['events']) ? r['events'].filter(isObject) : [];
    // PuppetDB fabricates the one event of a skipped resource whatever events it lists (reports.clj).
    if (r['skipped'] === true) {
      out.push({
        ...common, seq: out.length, status: 'skipped', timestamp: iso(r['timestamp']), property: null, name: null,
        new_value: 'null', old_value: 'null', message: null, corrective_change: 0,
      });
      continue;
    }
    for (const e of events) {
      out.push({
        ...common, seq: out.length, status: text(e['status']) ?? 'unknown', timestamp: iso(e['timestamp'] ?? r['timestamp']),
        property: text(e['property']), name: text(e['name']),
        new_value: JSON.stringify(e['new_value'] ?? null), old_value: JSON.stringify(e['old_value'] ?? null),
        message: text(e['message']), corrective_change: flag(e['corrective_change']),
      });
    }
  }
  return out;
}

/**
 * PuppetDB's `find-containing-class`: the innermost containment path entry
 * that is a class (`Foo::Bar`), not a resource (`File[/x]`).
 */
export function containingClass(path: readonly string[] | null): string | null {
  if (path === null) return null;
  for (let i = path.length - 1; i >= 0; i--) {
    const p = path[i]!;
    if (p !== '' && !p.includes('[')) return p;
  }
  return null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * An event's time as ISO-8601 UTC with milliseconds, however the producer
 * wrote it (the terminus writes `+00:00`), so both report doors store the
 * same text; unparseable text is kept as given.
 */
export function iso(v: unknown): string {
  if (typeof v !== 'string') return '';
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : v;
}
const flag = (v: unknown): number | null => (typeof v === 'boolean' ? (v ? 1 : 0) : null);
