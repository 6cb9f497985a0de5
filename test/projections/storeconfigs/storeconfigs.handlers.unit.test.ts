import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveNode } from '../../../projections/storeconfigs/storeconfigs.handlers.js';
import { later, supersedes } from '../../../projections/storeconfigs/producer-time.js';
import type { NodesTable } from '../../../projections/storeconfigs/storeconfigs.schema.js';

const node = (over: Partial<NodesTable>): NodesTable => ({
  certname: 'a', environment: null, facts_environment: null, facts_timestamp: null, facts_event_id: null, facts_producer: null,
  catalog_environment: null, catalog_timestamp: null, catalog_event_id: null, catalog_hash: null,
  report_environment: null, report_timestamp: null, last_deactivation: null, deactivated: null, updated_position: 1, ...over,
});

describe('producer time', () => {
  it('supersedes by instant, not by string, and breaks ties by event id', () => {
    assert.equal(supersedes('2026-01-01T01:00:00+01:00', 'x', '2026-01-01T00:30:00Z', 'y'), false, 'same day, earlier instant');
    assert.equal(supersedes('2026-01-01T00:00:01Z', 'a', '2026-01-01T00:00:00Z', 'z'), true);
    assert.equal(supersedes('2026-01-01T00:00:00Z', 'b', '2026-01-01T00:00:00.000Z', 'a'), true);
    assert.equal(supersedes('2026-01-01T00:00:00Z', 'a', '2026-01-01T00:00:00Z', 'a'), false, 'the same command again');
    assert.equal(supersedes('2026-01-01T00:00:00Z', 'a', null, null), true);
  });
  it('picks the later timestamp regardless of argument order', () => {
    const x = '2026-01-01T00:00:00Z';
    const y = '2026-01-01T00:00:00.000Z';
    assert.equal(later(x, y), later(y, x));
    assert.equal(later('2026-01-02T00:00:00Z', x), '2026-01-02T00:00:00Z');
  });
});

describe('deriveNode', () => {
  it('is deactivated while the deactivation is at or after all activity', () => {
    const n = node({ facts_timestamp: '2026-01-01T00:00:00Z', last_deactivation: '2026-01-01T00:00:00Z' });
    deriveNode(n);
    assert.equal(n.deactivated, '2026-01-01T00:00:00Z', 'equal instants: stays deactivated, as PuppetDB');
    n.report_timestamp = '2026-01-01T00:00:01Z';
    deriveNode(n);
    assert.equal(n.deactivated, null);
  });
  it('takes the environment from the catalog, else facts, else report', () => {
    const n = node({ facts_environment: 'dev', report_environment: 'old' });
    deriveNode(n);
    assert.equal(n.environment, 'dev');
    n.catalog_environment = 'production';
    deriveNode(n);
    assert.equal(n.environment, 'production');
  });
});
