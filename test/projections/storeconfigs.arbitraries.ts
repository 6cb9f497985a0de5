import fc from 'fast-check';
import type { PuppetCatalog, StoreResource } from '../../core/catalog/puppet-catalog.types.js';
import { compiledCatalogHash } from '../../core/catalog/store-catalog.js';
import type { TroupeEvent } from '../../core/events/event.types.js';
import { storeCatalog } from './storeconfigs.fixture.js';

const CERTNAMES = ['a.example', 'b.example', 'c.example'] as const;
const ID_POOL = Array.from({ length: 40 }, (_, i) => eventId(i));
/** Request ids a compile may answer: any id of the sequence, earlier or not, existing or not. */
const requestIds = fc.subarray(ID_POOL, { maxLength: 3 });
const at = (minute: number): string => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

/** store_report v8 resources with events (every status; skipped resources without events). */
export const reportResources = fc.array(fc.record({
  type: fc.constantFrom('File', 'Package', 'Service'), title: fc.constantFrom('a', 'b'), skipped: fc.boolean(),
  cls: fc.constantFrom('Web', 'Db', null), statuses: fc.array(fc.constantFrom('success', 'failure', 'noop'), { maxLength: 3 }),
}), { maxLength: 4 }).map((rs) => rs.map((r) => ({
  skipped: r.skipped, timestamp: at(0), resource_type: r.type, resource_title: r.title, file: null, line: null,
  containment_path: ['Stage[main]', ...(r.cls === null ? [] : [r.cls]), `${r.type}[${r.title}]`], corrective_change: false,
  events: (r.skipped ? [] : r.statuses).map((status) => ({
    status, timestamp: at(0), name: null, property: 'ensure', new_value: 'present', old_value: null, corrective_change: null, message: null,
  })),
})));

const resourcePool: readonly StoreResource[] = [
  { type: 'Class', title: 'main', tags: ['class'], exported: false, parameters: {} },
  { type: 'File', title: '/etc/motd', tags: ['file', 'motd'], exported: false, parameters: { content: 'hi' } },
  { type: 'File', title: '/etc/issue', tags: ['file'], exported: false, parameters: { require: 'File[/etc/motd]' } },
  { type: 'Nagios_host', title: 'web', tags: ['nagios_host', 'web'], exported: true, parameters: { port: 80, alias: ['w', 'x'] } },
  { type: 'Sshkey', title: 'host', tags: ['sshkey'], exported: true, parameters: { key: 'AAA' }, file: '/m.pp', line: 3 },
];

/** Small, deliberately colliding events: three nodes, six instants, shared resources, so ties, stale commands and hash matches all happen. */
type Draft = (id: string) => TroupeEvent;

const draft: fc.Arbitrary<Draft> = fc.oneof(
  fc.record({ c: fc.constantFrom(...CERTNAMES), m: fc.nat(5), values: fc.dictionary(fc.constantFrom('os', 'kernel', 'uptime', 'role'), fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.constant(null))) })
    .map(({ c, m, values }): Draft => (id) => ({ type: 'facts_submitted', id, stream: c, time: at(m), meta: { source: 'test' }, data: { environment: 'production', producerTimestamp: at(m), producer: 'p', values } })),
  fc.record({ c: fc.constantFrom(...CERTNAMES), m: fc.nat(5), rs: fc.subarray([...resourcePool], { minLength: 1 }), v: fc.nat(3), env: fc.constantFrom('production', 'dev') })
    .map(({ c, m, rs, v, env }): Draft => (id) => ({ type: 'catalog_submitted', id, stream: c, time: at(m), meta: { source: 'test' }, data: { catalog: storeCatalog(rs, { version: String(v), environment: env, producerTimestamp: at(m), catalogUuid: id }) } })),
  fc.record({ c: fc.constantFrom(...CERTNAMES), m: fc.nat(5), rs: fc.subarray([...resourcePool], { minLength: 1 }), reqs: requestIds })
    .map(({ c, m, rs, reqs }): Draft => (id) => {
      const catalog: PuppetCatalog = {
        tags: [], name: c, version: m, code_id: null, catalog_uuid: id, catalog_format: 1, environment: 'production', classes: ['main'],
        resources: rs, edges: rs.slice(1).map((r) => ({ source: 'Class[main]', target: `${r.type}[${r.title}]` })),
      };
      return { type: 'catalog_compiled', id, stream: c, time: at(m), meta: { source: 'actor' }, data: { requestIds: reqs, hash: compiledCatalogHash(catalog), previousHash: null, compiler: 'static', durationMs: 1, catalog } };
    }),
  fc.record({ c: fc.constantFrom(...CERTNAMES), m: fc.nat(5), status: fc.constantFrom('changed', 'unchanged', 'failed'), resources: reportResources })
    .map(({ c, m, status, resources }): Draft => (id) => ({ type: 'report_submitted', id, stream: c, time: at(m), meta: { source: 'test' }, data: {
      environment: 'production', producerTimestamp: at(m), status, noop: false, configurationVersion: '1', transactionUuid: null,
      catalogUuid: null, startTime: at(m), endTime: at(m), puppetVersion: '7.23.0', body: { logs: [], resources } } })),
  fc.record({ c: fc.constantFrom(...CERTNAMES), m: fc.nat(5), inputs: fc.array(fc.tuple(fc.constant('hiera'), fc.constantFrom('a::b', 'c')), { maxLength: 3 }) })
    .map(({ c, m, inputs }): Draft => (id) => ({ type: 'catalog_inputs_submitted', id, stream: c, time: at(m), meta: { source: 'test' }, data: { producerTimestamp: at(m), catalogUuid: id, inputs } })),
  fc.record({ c: fc.constantFrom(...CERTNAMES), m: fc.nat(5) })
    .map(({ c, m }): Draft => (id) => ({ type: 'node_deactivated', id, stream: c, time: at(m), meta: { source: 'test' }, data: { producerTimestamp: at(m) } })),
  fc.record({ c: fc.constantFrom(...CERTNAMES), m: fc.nat(5), reqs: requestIds })
    .map(({ c, m, reqs }): Draft => (id) => ({ type: 'compile_failed', id, stream: c, time: at(m), meta: { source: 'actor' }, data: { requestIds: reqs, environment: 'production', compiler: 'static', durationMs: 1, error: { code: 'syntax', message: 'boom' } } })),
  fc.record({ m: fc.nat(5), env: fc.constantFrom('production', 'dev') })
    .map(({ m, env }): Draft => (id) => ({ type: 'code_deployed', id, stream: '$code', time: at(m), meta: { source: 'cli' }, data: { environment: env, codeId: `code-${m}` } })),
  fc.record({ c: fc.constantFrom(...CERTNAMES), t: fc.option(fc.constantFrom('t-1', 't-2')) })
    .map(({ c, t }): Draft => (id) => ({ type: 'catalog_requested', id, stream: c, time: at(0), meta: { source: 'test' }, data: { environment: 'production', reason: 'agent', priority: 0, transactionUuid: t } })),
  fc.constant<Draft>((id) => ({ type: 'command_rejected', id, stream: '$rejected', time: at(0), meta: { source: 'stomp' }, data: { reason: 'bad', command: null, excerpt: '{' } })),
);

/** A sequence of events with unique ids, every event type included in the mix. */
export const eventSequence = (maxLength = 40): fc.Arbitrary<TroupeEvent[]> =>
  fc.array(draft, { minLength: 1, maxLength }).map((ds) => ds.map((d, i) => d(eventId(i))));

function eventId(i: number): string {
  return `e${String(i).padStart(3, '0')}`;
}

/** Sorted cut points splitting `length` items into batches. */
export const cuts = (length: number): fc.Arbitrary<number[]> =>
  fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, length - 1) }), { maxLength: length }).map((a) => a.filter((x) => x < length).sort((x, y) => x - y));

export function splitAt<T>(items: readonly T[], points: readonly number[]): T[][] {
  const out: T[][] = [];
  let start = 0;
  for (const p of [...points, items.length]) {
    if (p > start) out.push(items.slice(start, p));
    start = p;
  }
  return out;
}
