import type { TroupeEvent } from '../../../core/events/event.types.js';
import { reportSubmitted } from './query.fixture.js';

type Row = Record<string, unknown>;

/** A store_report v8 resource with its events. */
export const res = (type: string, title: string, events: Row[], extra: Row = {}): Row => ({
  skipped: false, timestamp: '2026-02-01T10:00:00.000Z', resource_type: type, resource_title: title, file: '/etc/puppet/site.pp', line: 7,
  containment_path: ['Stage[main]', 'Web', `${type}[${title}]`], corrective_change: false, events, ...extra,
});
export const ev = (status: string, property: string | null = 'ensure', extra: Row = {}): Row => ({
  status, timestamp: '2026-02-01T10:00:01.000Z', name: property === null ? null : `${property}_changed`, property,
  new_value: 'present', old_value: 'absent', corrective_change: false, message: `${status} of ${property}`, ...extra,
});

/**
 * Reports with events: web1's older run failed a file and changed a
 * package; its newest run is noop (a pending service change) with a
 * skipped resource; db1's only run changed a file in class Db.
 */
export const REPORTS: readonly TroupeEvent[] = [
  reportSubmitted('web1', '2026-02-01T10:00:00.000Z', 'failed', {
    resources: [res('File', '/etc/motd', [ev('failure', 'content')]), res('Package', 'nginx', [ev('success')])],
    metrics: [{ category: 'time', name: 'total', value: 3.5 }], logs: [{ level: 'err', message: 'boom', source: 'File[/etc/motd]', tags: ['err'], time: '2026-02-01T10:00:01.000Z', file: null, line: null }],
    job_id: null, code_id: 'abc', producer: 'puppet.example', report_format: 12, type: 'agent',
  }),
  reportSubmitted('web1', '2026-02-01T11:00:00.000Z', 'unchanged', {
    resources: [res('Service', 'nginx', [ev('noop')]), res('Exec', 'later', [], { skipped: true })],
    noop_pending: true, corrective_change: false, job_id: 'job-7', producer: 'puppet.example', report_format: 12,
  }),
  reportSubmitted('db1', '2026-02-01T12:00:00.000Z', 'changed', {
    resources: [res('File', '/etc/motd', [ev('success', 'content'), ev('success', 'mode')], { containment_path: ['Stage[main]', 'Db', 'File[/etc/motd]'] })],
    corrective_change: true,
  }),
];

