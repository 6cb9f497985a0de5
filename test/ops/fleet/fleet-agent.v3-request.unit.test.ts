import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeV3CatalogRequest } from '../../../core/wire/catalog-request.decoder.js';
import { decodePuppetReport } from '../../../core/wire/puppet-report.decoder.js';
import { AGENT_APIS } from '../../../ops/fleet/fleet-agent.js';
import { fleetNode } from '../../../ops/fleet/fleet-node.js';
import { puppetCatalogRequestBody, puppetInstalled } from '../../support/puppet/puppet-agent.fixture.js';

const UUID = '0b0f7d0e-5c1d-4f4e-9a6b-1f2e3d4c5b6a';
const fieldNames = (form: string): string[] => form.split('&').map((f) => f.split('=')[0]!);

describe('the v3 requests a simulated agent sends', () => {
  const node = fleetNode(7);
  const request = AGENT_APIS.v3.catalog(node, UUID);

  it('asks for its catalog as Puppet does: POST /puppet/v3/catalog/<certname>?environment=production, form-encoded', () => {
    assert.equal(request.method, 'POST');
    assert.equal(request.path, `/puppet/v3/catalog/${node.certname}?environment=production`);
    assert.equal(request.contentType, 'application/x-www-form-urlencoded');
    assert.match(request.accept!, /application\/json/);
  });

  it('sends a body the v3 door decodes to its facts, environment and transaction', () => {
    const [, query] = request.path.split('?');
    const decoded = decodeV3CatalogRequest({ certname: node.certname, query: query!, form: Buffer.from(request.body) });
    assert.ok(decoded.ok, decoded.ok ? '' : decoded.error.message);
    assert.deepEqual(decoded.value, {
      certname: node.certname, environment: 'production', facts: node.facts, transactionUuid: UUID, priority: 0, trusted: null, staticCatalog: 'sha256',
    });
  });

  it('sends the fields of a real Puppet 7 agent, in its order', { skip: !puppetInstalled && 'Puppet is not installed' }, () => {
    assert.deepEqual(fieldNames(request.body), fieldNames(puppetCatalogRequestBody(node.certname, node.facts)));
  });

  it('reports in format 12, as the v3 report door decodes it, for the same transaction', () => {
    const report = AGENT_APIS.v3.report(node, 1_795_969_914, UUID);
    assert.equal(report.method, 'PUT');
    assert.equal(report.path, `/puppet/v3/report/${node.certname}?environment=production`);
    const decoded = decodePuppetReport({ certname: node.certname, body: JSON.parse(report.body) }, { id: UUID, now: new Date().toISOString(), meta: { source: 'http' } });
    assert.ok(decoded.ok, decoded.ok ? '' : decoded.error.message);
    assert.equal(decoded.value.data.transactionUuid, UUID);
  });
});
