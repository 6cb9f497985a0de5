import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { routeName } from '../../../ops/http/route-name.js';

describe('route names (metrics labels, access log)', () => {
  it('write named groups as :name and drop the anchors and escapes', () => {
    assert.equal(routeName({ pattern: /^\/puppet\/v4\/catalog$/ }), '/puppet/v4/catalog');
    assert.equal(routeName({ pattern: new RegExp('^/puppet/v3/catalog/(?<certname>[^/]+)$') }), '/puppet/v3/catalog/:certname');
    assert.equal(routeName({ pattern: /^\/puppet\/v3\/file_content\/(?<path>.+)$/ }), '/puppet/v3/file_content/:path');
    assert.equal(routeName({ pattern: /^\/a\/(?<x>(?:[a-z]|\))+)\/b$/ }), '/a/:x/b');
    assert.equal(routeName({ pattern: /^\/x$/, name: 'custom' }), 'custom');
    assert.equal(routeName({ pattern: /^\/puppet-ca\/v1\/certificate_revocation_list\/[^/]+$/ }), '/puppet-ca/v1/certificate_revocation_list/*');
  });
});
