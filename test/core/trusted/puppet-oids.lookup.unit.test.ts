import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isUnderArc, oidForName, PP_AUTH_CERT_EXT, PP_REG_CERT_EXT, PUPPET_OIDS, shortNameForOid } from '../../../core/trusted/puppet-oids.js';

describe('Puppet certificate-extension OIDs', () => {
  it('maps short names and OIDs both ways, as Puppet registers them', () => {
    assert.equal(shortNameForOid('1.3.6.1.4.1.34380.1.1.13'), 'pp_role');
    assert.equal(oidForName('pp_role'), '1.3.6.1.4.1.34380.1.1.13');
    assert.equal(oidForName('pp_environment'), '1.3.6.1.4.1.34380.1.1.12');
    assert.equal(oidForName('pp_datacenter'), '1.3.6.1.4.1.34380.1.1.19');
    assert.equal(oidForName('pp_cli_auth'), '1.3.6.1.4.1.34380.1.3.39');
    assert.equal(shortNameForOid('1.3.6.1.4.1.34380.1.2.7'), undefined);
    assert.equal(oidForName('1.3.6.1.4.1.34380.1.2.7'), '1.3.6.1.4.1.34380.1.2.7');
    assert.equal(oidForName('pp_nonsense'), undefined);
    for (const [oid, short] of PUPPET_OIDS) assert.equal(oidForName(short), oid);
    assert.equal(new Set(PUPPET_OIDS.map(([oid]) => oid)).size, PUPPET_OIDS.length);
  });

  it('tells an arc\'s descendants (never the arc itself, nor a sibling sharing its prefix)', () => {
    assert.ok(isUnderArc(PP_REG_CERT_EXT, '1.3.6.1.4.1.34380.1.1.13'));
    assert.ok(!isUnderArc(PP_REG_CERT_EXT, PP_REG_CERT_EXT));
    assert.ok(!isUnderArc(PP_REG_CERT_EXT, '1.3.6.1.4.1.34380.1.10'));
    assert.ok(isUnderArc(PP_AUTH_CERT_EXT, '1.3.6.1.4.1.34380.1.3.1'));
  });
});
