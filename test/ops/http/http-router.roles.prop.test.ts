import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ClientIdentities } from '../../../ops/http/tls/client-identity.js';
import { denial, OPERATOR_ROLES, type ClientIdentity, type OperatorRole, type RouteAccess } from '../../../ops/http/http-router.js';

const RANK: Record<OperatorRole, number> = { 'read-only': 1, deployer: 2, admin: 3 };
const NEEDS: Partial<Record<string, number>> = { read: 1, deploy: 2, admin: 3 };

const operator = fc.record({
  certname: fc.stringMatching(/^[a-z][a-z0-9.-]{0,15}$/),
  role: fc.option(fc.constantFrom(...OPERATOR_ROLES), { nil: undefined }),
}).map(({ certname, role }): ClientIdentity => ({ certname, trusted: null, admin: role === 'admin', ...(role ? { role } : {}) }));

describe('operator roles (deny by default)', () => {
  it('an operator reaches a route exactly when its role ranks at or above what the route needs', () => {
    fc.assert(fc.property(fc.constantFrom<RouteAccess>('read', 'deploy', 'admin'), operator, (access, client) => {
      const allowed = denial(access, undefined, client) === null;
      assert.equal(allowed, RANK[client.role ?? 'read-only'] >= NEEDS[access as string]! && client.role !== undefined, JSON.stringify({ access, client }));
    }), { numRuns: 1000 });
  });

  it('a read-only operator may read but not deploy or run, and is told why', () => {
    const reader: ClientIdentity = { certname: 'ops-ro.example.com', trusted: null, admin: false, role: 'read-only' };
    assert.equal(denial('read', undefined, reader), null);
    assert.match(denial('deploy', undefined, reader)!, /ops-ro\.example\.com is a read-only operator; deploying and running need the deployer or admin role/);
    assert.match(denial('admin', undefined, { ...reader, role: 'deployer' })!, /not on the admin allow-list \(it is a deployer operator\)/);
    assert.match(denial('read', undefined, { certname: 'web1', trusted: null, admin: false })!, /web1 has no operator role/);
  });

  it('configured lists give each certname its highest role; unlisted certificates none', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.constantFrom(...OPERATOR_ROLES)), { maxLength: 8 }), (grants) => {
      const of = (r: OperatorRole) => grants.filter(([, g]) => g === r).map(([c]) => c);
      const ids = new ClientIdentities({ adminCertnames: of('admin'), deployerCertnames: of('deployer'), readOnlyCertnames: of('read-only') });
      for (const c of ['a', 'b', 'c', 'd']) {
        const roles = grants.filter(([n]) => n === c).map(([, r]) => r).sort((x, y) => RANK[y] - RANK[x]);
        assert.equal(ids.roleOf(c), roles[0]);
      }
    }));
  });
});
