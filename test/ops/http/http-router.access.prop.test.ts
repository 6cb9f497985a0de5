import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { denial, type ClientIdentity, type RouteAccess } from '../../../ops/http/http-router.js';

const name = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,20}$/);
const access = fc.constantFrom<RouteAccess>('public', 'node', 'admin');
const client = fc.record({
  certname: fc.option(name, { nil: null }),
  admin: fc.boolean(),
}).map((c): ClientIdentity => ({ ...c, trusted: null }));

describe('route access (deny by default)', () => {
  it('lets a node reach only public routes and its own data; admins and public routes are open', () => {
    fc.assert(fc.property(access, fc.option(name, { nil: undefined }), client, (a, certname, c) => {
      const allowed = denial(a, certname, c) === null;
      const expected = a === 'public' || c.admin
        || (a === 'node' && c.certname !== null && (certname === undefined || certname === c.certname));
      assert.equal(allowed, expected, JSON.stringify({ a, certname, c }));
    }), { numRuns: 2000 });
  });

  it('says why it refuses', () => {
    const node = { certname: 'web01.example.com', trusted: null, admin: false };
    assert.match(denial('node', 'db01.example.com', node)!, /web01\.example\.com may only access its own data, not db01\.example\.com's/);
    assert.match(denial('admin', undefined, node)!, /not on the admin allow-list/);
    assert.match(denial('node', 'web01.example.com', { certname: null, trusted: null, admin: false })!, /needs a client certificate/);
  });
});
