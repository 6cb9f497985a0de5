import type { FactsSubmitted, ReportSubmitted, TroupeEvent } from '../../../core/events/event.types.js';
import { createPdbQueryEngine, type PdbQueryEngine } from '../../../projections/query/pdb-query.engine.js';
import { StoreconfigsProjection } from '../../../projections/storeconfigs/storeconfigs.projection.js';
import { catalogSubmitted, deactivated, recorded, resource, storeCatalog, tmpFiles } from '../storeconfigs.fixture.js';

export function factsSubmitted(certname: string, values: Record<string, unknown>, at: string, environment = 'production', producer = 'puppet.example'): FactsSubmitted {
  return {
    type: 'facts_submitted', id: `f-${certname}-${at}`, stream: certname, time: at, meta: { source: 'test' },
    data: { environment, producerTimestamp: at, producer, values },
  };
}

export function reportSubmitted(certname: string, at: string, status: string, extra: Record<string, unknown> = {}): ReportSubmitted {
  return {
    type: 'report_submitted', id: `r-${certname}-${at}`, stream: certname, time: at, meta: { source: 'test' },
    data: {
      environment: 'production', producerTimestamp: at, status, noop: false, configurationVersion: '1',
      transactionUuid: null, catalogUuid: null, startTime: at, endTime: at, puppetVersion: '7.23.0',
      body: { logs: [], metrics: [], resources: [], noop_pending: false, corrective_change: false, cached_catalog_status: 'not_used', ...extra },
    },
  };
}

const nagios = (title: string, port: number, tags: string[]) =>
  resource('Nagios_host', title, { exported: true, tags: ['nagios_host', ...tags], parameters: { port, address: `${title}.example` } });

/**
 * A small fleet, as PuppetDB's documentation examples query it:
 * web1, web2 (production, Debian), db1 (dev, RedHat), gone (deactivated).
 */
export const FLEET: readonly TroupeEvent[] = [
  factsSubmitted('web1', {
    os: { family: 'Debian', release: { major: '12' } }, kernel: 'Linux', uptime_days: 40, is_virtual: true,
    processors: { count: 4, models: ['Xeon A', 'Xeon B'] }, trusted: { certname: 'web1', extensions: { pp_role: 'web' } },
  }, '2026-01-01T10:00:00.000Z'),
  factsSubmitted('web2', {
    os: { family: 'Debian', release: { major: '11' } }, kernel: 'Linux', uptime_days: 10, is_virtual: false,
    processors: { count: 2, models: ['Xeon A'] }, trusted: { certname: 'web2', extensions: { pp_role: 'web' } },
  }, '2026-01-01T11:00:00.000Z'),
  factsSubmitted('db1', {
    os: { family: 'RedHat', release: { major: '9' } }, kernel: 'Linux', uptime_days: 100, is_virtual: true,
    processors: { count: 16, models: ['Epyc'] }, trusted: { certname: 'db1', extensions: { pp_role: 'db' } },
  }, '2026-01-01T12:00:00.000Z', 'dev', 'other.example'),
  factsSubmitted('gone', { os: { family: 'Debian' }, kernel: 'Linux', uptime_days: 1 }, '2026-01-01T09:00:00.000Z'),
  catalogSubmitted('web1', storeCatalog([
    resource('Class', 'main'), resource('Class', 'Nginx', { tags: ['class', 'nginx'] }),
    resource('File', '/etc/nginx/nginx.conf', { tags: ['file', 'nginx'], parameters: { ensure: 'file', mode: '0644' }, file: '/etc/puppet/site.pp', line: 3 }),
    nagios('web1', 80, ['web']),
  ], { producerTimestamp: '2026-01-01T10:01:00.000Z', producer: 'puppet.example' }), 'c-web1'),
  catalogSubmitted('web2', storeCatalog([
    resource('Class', 'main'), resource('Class', 'Nginx', { tags: ['class', 'nginx'] }), nagios('web2', 8080, ['web', 'eu']),
  ], { producerTimestamp: '2026-01-01T11:01:00.000Z', producer: 'puppet.example' }), 'c-web2'),
  catalogSubmitted('db1', storeCatalog([
    resource('Class', 'main'), resource('Class', 'Postgresql', { tags: ['class', 'postgresql'] }), nagios('db1', 5432, ['db']),
  ], { environment: 'dev', producerTimestamp: '2026-01-01T12:01:00.000Z', producer: 'other.example' }), 'c-db1'),
  catalogSubmitted('gone', storeCatalog([resource('Class', 'main'), nagios('gone', 80, ['web'])], { producerTimestamp: '2026-01-01T09:01:00.000Z' }), 'c-gone'),
  reportSubmitted('web1', '2026-01-01T10:02:00.000Z', 'unchanged'),
  reportSubmitted('web1', '2026-01-01T10:30:00.000Z', 'changed', { corrective_change: true }),
  reportSubmitted('db1', '2026-01-01T12:02:00.000Z', 'failed'),
  deactivated('gone', '2026-01-02T00:00:00.000Z', 'd-gone'),
];

/** A storeconfigs file loaded through the real projection, and the engine on it. */
export function loadedEngine(events: readonly TroupeEvent[] = FLEET): { engine: PdbQueryEngine; projection: StoreconfigsProjection } {
  const projection = StoreconfigsProjection.open({ path: tmpFiles('troupe-query-').path() });
  projection.apply(recorded(events));
  return { engine: createPdbQueryEngine(projection.database), projection };
}
