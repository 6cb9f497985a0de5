import { randomUUID } from 'node:crypto';
import type { CatalogRequested, FactsSubmitted, ReportSubmitted, TroupeEvent } from '../../core/events/event.types.js';

// Strictly increasing timestamps: events made in one millisecond must still
// have a definite producer-time order, as real producers' do.
let clock = Date.now();
const tick = (): string => new Date(++clock).toISOString();

/** Small, valid events for tests; every field overridable. */
export function factsEvent(certname: string, values: Record<string, unknown> = {}, id = randomUUID()): FactsSubmitted {
  const time = tick();
  return {
    type: 'facts_submitted', id, stream: certname, time, meta: { source: 'test' },
    data: { environment: 'production', producerTimestamp: time, producer: 'test', values: { os: { family: 'Debian' }, ...values } },
  };
}

export function requestEvent(certname: string, priority = 0, id = randomUUID()): CatalogRequested {
  return {
    type: 'catalog_requested', id, stream: certname, time: tick(), meta: { source: 'test' },
    data: { environment: 'production', reason: 'agent', priority, transactionUuid: null },
  };
}

export function reportEvent(certname: string, id = randomUUID()): ReportSubmitted {
  const time = tick();
  return {
    type: 'report_submitted', id, stream: certname, time, meta: { source: 'test' },
    data: {
      environment: 'production', producerTimestamp: time, status: 'changed', noop: false,
      configurationVersion: '1', transactionUuid: null, catalogUuid: null, startTime: time, endTime: time,
      puppetVersion: '7.23.0', body: { logs: [], metrics: [], resources: [] },
    },
  };
}

export const isEvent = (e: TroupeEvent): boolean => typeof e.id === 'string';
