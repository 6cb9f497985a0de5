import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { StoreCatalog, StoreResource } from '../../core/catalog/puppet-catalog.types.js';
import type {
  CatalogSubmitted, NodeDeactivated, RecordedEvent, TroupeEvent,
} from '../../core/events/event.types.js';
import type { PackedText } from '../../core/codec/packed-text.js';
import { STORECONFIGS_TABLES } from '../../projections/storeconfigs/storeconfigs.schema.js';
import { storedCatalogBody } from '../../projections/rows/stored-catalog-body.js';
import type Database from 'better-sqlite3';

/** A temp directory removed after the file's tests; `path(name)` names files in it. */
export function tmpFiles(prefix: string): { dir: string; path: (name?: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  return { dir, path: (name) => join(dir, name ?? `db-${n++}.sqlite`) };
}

/** Gives events consecutive positions (and per-stream versions) from `from + 1`. */
export function recorded(events: readonly TroupeEvent[], from = 0): RecordedEvent[] {
  const versions = new Map<string, number>();
  return events.map((e, i) => {
    const version = (versions.get(e.stream) ?? 0) + 1;
    versions.set(e.stream, version);
    return { ...e, position: from + i + 1, version } as RecordedEvent;
  });
}

export function resource(type: string, title: string, extra: Partial<StoreResource> = {}): StoreResource {
  return { type, title, tags: [type.toLowerCase()], exported: false, parameters: {}, ...extra };
}

export function storeCatalog(resources: readonly StoreResource[], overrides: Partial<StoreCatalog> = {}): StoreCatalog {
  return {
    version: '1', environment: 'production', transactionUuid: 't-1', catalogUuid: 'c-1', codeId: null,
    producerTimestamp: '2026-01-01T00:00:00.000Z', producer: 'puppet', resources,
    edges: resources.slice(1).map((r) => ({ source: { type: 'Class', title: 'main' }, target: { type: r.type, title: r.title }, relationship: 'contains' })),
    ...overrides,
  };
}

export function catalogSubmitted(certname: string, catalog: StoreCatalog, id: string): CatalogSubmitted {
  return { type: 'catalog_submitted', id, stream: certname, time: catalog.producerTimestamp, meta: { source: 'test' }, data: { catalog } };
}

export function deactivated(certname: string, producerTimestamp: string, id: string): NodeDeactivated {
  return { type: 'node_deactivated', id, stream: certname, time: producerTimestamp, meta: { source: 'test' }, data: { producerTimestamp } };
}

/**
 * Every projected table, rows sorted, as one comparable value. A catalog's
 * body is compared as the resources and edges it holds: its stored form
 * (event data or `{resources, edges}`) depends on how the catalog came.
 */
export function dumpTables(raw: Database.Database): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const t of STORECONFIGS_TABLES) {
    const rows = raw.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[];
    out[t] = rows.map((r) => JSON.stringify(Object.values(t === 'catalogs' ? { ...r, body: storedCatalogBody(r['body'] as PackedText) } : r))).sort();
  }
  return out;
}

/** An event the facts handler cannot apply: its values are not an object. */
export function malformedEvent(n: number): TroupeEvent {
  return { type: 'facts_submitted', id: `malformed-${n}`, stream: 'z.example', time: '2026-01-01T00:00:00.000Z', meta: { source: 'test' },
    data: { environment: 'production', producerTimestamp: '2026-01-01T00:00:00.000Z', producer: null, values: null as never } };
}
