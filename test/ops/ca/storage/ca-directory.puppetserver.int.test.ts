import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CertificateAuthority } from '../../../../ops/ca/certificate-authority.js';
import { CaInvalidError } from '../../../../ops/ca/ca-errors.js';
import { openssl, opensslCsr, opensslVerifies } from '../../../support/ca.fixture.js';

/**
 * A CA directory as puppetserver leaves it, made here with openssl alone:
 * a PKCS#1 key, serials 1–3 in the inventory, `serial` at 0004, serial 3
 * revoked in a CRL numbered 1, one pending request.
 */
function puppetserverCaDir(ssl: string, crlDays = 1825): string {
  const ca = join(ssl, 'ca');
  const work = join(ssl, 'openssl-work');
  for (const d of [join(ca, 'signed'), join(ca, 'requests'), work]) mkdirSync(d, { recursive: true });
  const cnf = join(work, 'openssl.cnf');
  writeFileSync(cnf, [
    '[req]', 'distinguished_name = dn', '[dn]',
    '[v3_ca]', 'basicConstraints = critical,CA:TRUE', 'keyUsage = critical,keyCertSign,cRLSign', 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid:always',
    '[ca]', 'default_ca = ca_default',
    '[ca_default]', `database = ${work}/index.txt`, `crlnumber = ${work}/crlnumber`, 'default_md = sha256', `default_crl_days = ${crlDays}`, 'crl_extensions = crl_ext',
    '[crl_ext]', 'authorityKeyIdentifier = keyid:always', '',
  ].join('\n'));
  openssl(['genrsa', '-traditional', '-out', join(ca, 'ca_key.pem'), '2048']);
  openssl(['req', '-x509', '-new', '-config', cnf, '-extensions', 'v3_ca', '-key', join(ca, 'ca_key.pem'), '-subj', '/CN=Puppet CA: oldserver', '-days', '1825', '-set_serial', '1', '-out', join(ca, 'ca_crt.pem')]);
  for (const [name, serial] of [['old-agent', '2'], ['revoked-agent', '3']] as const) {
    writeFileSync(join(work, `${name}.csr`), opensslCsr(name));
    openssl(['x509', '-req', '-in', join(work, `${name}.csr`), '-CA', join(ca, 'ca_crt.pem'), '-CAkey', join(ca, 'ca_key.pem'), '-set_serial', serial, '-days', '365', '-out', join(ca, 'signed', `${name}.pem`)]);
  }
  writeFileSync(join(work, 'index.txt'), 'R\t301231000000Z\t261101000000Z\t03\tunknown\t/CN=revoked-agent\n');
  writeFileSync(join(work, 'crlnumber'), '01\n');
  openssl(['ca', '-gencrl', '-config', cnf, '-keyfile', join(ca, 'ca_key.pem'), '-cert', join(ca, 'ca_crt.pem'), '-out', join(ca, 'ca_crl.pem')]);
  writeFileSync(join(ca, 'serial'), '0004');
  writeFileSync(join(ca, 'inventory.txt'), [
    '0x0001 2026-01-01T00:00:00UTC 2031-01-01T00:00:00UTC /CN=Puppet CA: oldserver',
    '0x0002 2026-01-01T00:00:00UTC 2031-01-01T00:00:00UTC /CN=old-agent',
    '0x0003 2026-01-01T00:00:00UTC 2031-01-01T00:00:00UTC /CN=revoked-agent', '',
  ].join('\n'));
  writeFileSync(join(ca, 'requests', 'pending-agent.pem'), opensslCsr('pending-agent'));
  rmSync(work, { recursive: true });
  return ca;
}

/** Every file of the directory with a digest of its content. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile())
    .map((d) => [join(d.parentPath, d.name), createHash('sha256').update(readFileSync(join(d.parentPath, d.name))).digest('hex')]));
}

describe('CertificateAuthority on an existing puppetserver CA directory', () => {
  let root: string;
  let caDir: string;
  let ca: CertificateAuthority;
  const file = (name: string) => readFileSync(join(caDir, name), 'utf8');

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'troupe-ca-reuse-'));
    caDir = puppetserverCaDir(join(root, 'ssl'));
    ca = new CertificateAuthority({ sslDir: join(root, 'ssl'), keyLength: 2048 });
  });
  after(() => {
    ca.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('opens it without changing a file, and reads its states from its files and CRL', async () => {
    const before = snapshot(caDir);
    await ca.ready();
    const listing = await ca.list();
    assert.deepEqual(snapshot(caDir), before);
    assert.deepEqual(listing.requested.map((s) => s.name), ['pending-agent']);
    assert.deepEqual(listing.signed.map((s) => s.name), ['old-agent']);
    assert.deepEqual(listing.revoked.map((s) => s.name), ['revoked-agent']);
    assert.equal(await ca.caCertificatePem(), file('ca_crt.pem'));
  });

  it('signs with its key, continuing its serials, and openssl verifies against its certificate', async () => {
    await ca.sign('pending-agent');
    const cert = file('signed/pending-agent.pem');
    assert.match(openssl(['x509', '-noout', '-serial'], cert), /serial=04/);
    assert.equal(file('serial'), '0005');
    assert.match(file('inventory.txt'), /^0x0003 .*\n0x0004 \S+ \S+ \/CN=pending-agent\n$/m);
    assert.ok(opensslVerifies(root, file('ca_crt.pem'), cert, file('ca_crl.pem')));
    assert.match(file('ca_key.pem'), /^-----BEGIN RSA PRIVATE KEY-----/);
  });

  it('revokes into its CRL: the next number, the old entries kept', async () => {
    await ca.revoke('old-agent');
    const text = openssl(['crl', '-noout', '-text'], file('ca_crl.pem'));
    assert.match(text, /CRL Number: \s*2\b/);
    assert.match(text, /Serial Number: 02/);
    assert.match(text, /Serial Number: 03/);
    openssl(['crl', '-noout', '-CAfile', join(caDir, 'ca_crt.pem')], file('ca_crl.pem'));
    assert.ok(!opensslVerifies(root, file('ca_crt.pem'), file('signed/old-agent.pem'), file('ca_crl.pem')));
  });

  it('re-signs a CRL that runs out within 30 days when it opens, keeping its entries', async () => {
    const ssl = join(root, 'expiring');
    const dir = puppetserverCaDir(ssl, 10);
    const other = new CertificateAuthority({ sslDir: ssl });
    try {
      await other.ready();
      const text = openssl(['crl', '-noout', '-text'], readFileSync(join(dir, 'ca_crl.pem'), 'utf8'));
      assert.match(text, /CRL Number: \s*2\b/);
      assert.match(text, /Serial Number: 03/);
      const nextUpdate = Date.parse(/Next Update: (.*)/.exec(text)![1]!);
      assert.ok(nextUpdate > Date.now() + 4 * 365 * 86_400_000);
    } finally {
      other.close();
    }
  });

  it('refuses a directory with only some of the CA\'s files', async () => {
    const partial = join(root, 'partial');
    mkdirSync(join(partial, 'ca'), { recursive: true });
    writeFileSync(join(partial, 'ca', 'ca_crt.pem'), file('ca_crt.pem'));
    const broken = new CertificateAuthority({ sslDir: partial });
    await assert.rejects(broken.ready(), (e: unknown) => e instanceof CaInvalidError && e.code === 'ca_invalid' && /partial state.*Missing: .*ca_key\.pem/.test(e.message));
  });
});
