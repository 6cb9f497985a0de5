import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CsrRejectedError } from '../../../ops/ca/ca-errors.js';
import { CertificateAuthority } from '../../../ops/ca/certificate-authority.js';
import { certText, openssl, opensslCsr, opensslVerifies, puppetCsr, tempCa, type TempCa } from '../../support/ca.fixture.js';

const PP_ROLE = '1.3.6.1.4.1.34380.1.1.13';
const rejected = (kind: string, message: RegExp) => (e: unknown) => e instanceof CsrRejectedError && e.kind === kind && message.test(e.message);

describe('CertificateAuthority operations (checked with openssl)', () => {
  let t: TempCa;
  const file = (name: string) => readFileSync(join(t.ca.paths.dir, name), 'utf8');
  const crl = () => file('ca_crl.pem');
  const signedPem = (name: string) => file(`signed/${name}.pem`);

  before(() => { t = tempCa(); });
  after(() => t.cleanup());

  it('creates a CA in puppetserver\'s layout on first use, its key owner-only', async () => {
    await t.ca.ready();
    for (const f of ['ca_crt.pem', 'ca_key.pem', 'ca_pub.pem', 'ca_crl.pem', 'serial', 'inventory.txt', 'signed', 'requests']) assert.ok(existsSync(join(t.ca.paths.dir, f)), f);
    assert.equal(statSync(t.ca.paths.caKey).mode & 0o777, 0o600);
    assert.match(readFileSync(t.ca.paths.caKey, 'utf8'), /^-----BEGIN RSA PRIVATE KEY-----/);
    const text = certText(file('ca_crt.pem'));
    assert.match(text, /Subject: CN = Puppet CA: test/);
    assert.match(text, /Basic Constraints: critical\s+CA:TRUE/);
    assert.match(text, /Key Usage: critical\s+Certificate Sign, CRL Sign/);
    assert.match(text, /Puppet Server Internal Certificate/);
    assert.equal(file('serial'), '0002');
    assert.match(file('inventory.txt'), /^0x0001 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dUTC \S+UTC \/CN=Puppet CA: test\n$/);
    assert.match(openssl(['crl', '-noout', '-text'], crl()), /CRL Number: \s*0\b[\s\S]*No Revoked Certificates/);
  });

  it('signs a CSR from openssl, copying its pp_role extension; openssl verifies the certificate', async () => {
    const csr = opensslCsr('web1.example.com', [`${PP_ROLE}=ASN1:UTF8String:webserver`]);
    assert.equal(await t.ca.submit('web1.example.com', csr), 'requested');
    assert.ok(existsSync(join(t.ca.paths.requestsDir, 'web1.example.com.pem')));
    await t.ca.sign('web1.example.com');
    assert.ok(!existsSync(join(t.ca.paths.requestsDir, 'web1.example.com.pem')));
    const text = certText(signedPem('web1.example.com'));
    assert.match(text, new RegExp(`${PP_ROLE.replace(/\./g, '\\.')}: \\s*..webserver`));
    assert.match(text, /Subject Alternative Name: \s*DNS:web1\.example\.com/);
    assert.match(text, /Extended Key Usage: critical\s+TLS Web Server Authentication, TLS Web Client Authentication/);
    assert.match(text, /Serial Number: 2 /);
    assert.ok(opensslVerifies(t.dir, file('ca_crt.pem'), signedPem('web1.example.com'), crl()));
    assert.match(file('inventory.txt'), /\n0x0002 \S+ \S+ \/CN=web1\.example\.com\n$/);
  });

  it('signs a CSR made by Puppet\'s own agent code, its extension requests included', async () => {
    await t.ca.submit('agent.example.com', puppetCsr('agent.example.com', '', { pp_datacenter: 'ams1', pp_environment: 'prod' }));
    await t.ca.sign('agent.example.com');
    const text = certText(signedPem('agent.example.com'));
    assert.match(text, /1\.3\.6\.1\.4\.1\.34380\.1\.1\.19: \s*..ams1/);
    assert.match(text, /1\.3\.6\.1\.4\.1\.34380\.1\.1\.12: \s*..prod/);
    assert.ok(opensslVerifies(t.dir, file('ca_crt.pem'), signedPem('agent.example.com'), crl()));
  });

  it('refuses what puppetserver refuses, with its messages', async () => {
    await assert.rejects(t.ca.submit('other.example.com', opensslCsr('web9.example.com')), rejected('hostname-mismatch', /^Instance name "web9.example.com" does not match requested key "other.example.com"$/));
    await assert.rejects(t.ca.submit('Web9.example.com', opensslCsr('Web9.example.com')), rejected('invalid-subject-name', /^Certificate names must be lower case\.$/));
    await assert.rejects(t.ca.submit('*.example.com', opensslCsr('*.example.com')), rejected('invalid-subject-name', /wildcard/));
    await assert.rejects(t.ca.submit('web1.example.com', opensslCsr('web1.example.com')), rejected('duplicate-cert', /^web1\.example\.com already has a signed certificate; ignoring certificate request$/));
    await assert.rejects(t.ca.submit('x.example.com', 'not a csr'), rejected('unreadable-csr', /not a PEM-encoded certificate request/));
    await assert.rejects(t.ca.submit('x.example.com', tamperedCsr('x.example.com')), rejected('invalid-signature', /^CSR contains a public key that does not correspond to the signing key$/));
  });

  it('signs dns_alt_names and authorization extensions only when allowed', async () => {
    await t.ca.submit('alt.example.com', puppetCsr('alt.example.com', 'puppet,db.example.com'));
    await assert.rejects(t.ca.sign('alt.example.com'), rejected('disallowed-extension', /^CSR 'alt\.example\.com' contains extra subject alternative names \(DNS:db\.example\.com, DNS:puppet\), which are disallowed\./));
    await t.ca.sign('alt.example.com', { subjectAltNames: true, authorizationExtensions: false });
    const san = /Subject Alternative Name: \s*(.*)/.exec(certText(signedPem('alt.example.com')))![1]!.split(', ').sort();
    assert.deepEqual(san, ['DNS:alt.example.com', 'DNS:db.example.com', 'DNS:puppet']);

    await t.ca.submit('auth.example.com', opensslCsr('auth.example.com', ['1.3.6.1.4.1.34380.1.3.1=ASN1:UTF8String:ops']));
    await assert.rejects(t.ca.sign('auth.example.com'), rejected('disallowed-extension', /contains an authorization extension, which is disallowed/));
    await t.ca.sign('auth.example.com', { subjectAltNames: false, authorizationExtensions: true });

    await t.ca.submit('odd.example.com', opensslCsr('odd.example.com', ['basicConstraints=CA:TRUE']));
    await assert.rejects(t.ca.sign('odd.example.com'), rejected('disallowed-extension', /^Found extensions that are not permitted: 2\.5\.29\.19$/));
  });

  it('revokes: the CRL is re-signed at once, listeners hear of it, openssl refuses the certificate', async () => {
    const heard: number[] = [];
    const stop = await t.ca.onCrlChange((c) => heard.push(c.version));
    try {
      assert.equal(await t.ca.revoke('web1.example.com'), true);
      assert.equal(heard.length, 1);
      assert.equal(await t.ca.revoke('web1.example.com'), false, 'revoked already');
    } finally {
      stop();
    }
    const listed = openssl(['crl', '-noout', '-text'], crl());
    assert.match(listed, /CRL Number: \s*1\b/);
    assert.match(listed, /Serial Number: 02\s+Revocation Date: .*\s+CRL entry extensions:\s+X509v3 CRL Reason Code: \s*Key Compromise/);
    openssl(['crl', '-noout', '-CAfile', t.ca.paths.caCert], crl()); // exits non-zero unless the CA's signature verifies
    assert.ok(!opensslVerifies(t.dir, file('ca_crt.pem'), signedPem('web1.example.com'), crl()));
    assert.ok(opensslVerifies(t.dir, file('ca_crt.pem'), signedPem('agent.example.com'), crl()));
    await assert.rejects(t.ca.submit('web1.example.com', opensslCsr('web1.example.com')), rejected('duplicate-cert', /already has a revoked certificate/));
    await assert.rejects(t.ca.revoke('nobody.example.com'), /without a signed certificate/);
  });

  it('cleans: revokes and deletes, after which the certname may ask anew', async () => {
    const serial = BigInt(`0x${openssl(['x509', '-noout', '-serial'], signedPem('agent.example.com')).trim().split('=')[1]}`);
    await t.ca.clean('agent.example.com');
    assert.ok(!existsSync(join(t.ca.paths.signedDir, 'agent.example.com.pem')));
    assert.match(openssl(['crl', '-noout', '-text'], crl()), new RegExp(`Serial Number: ${serial.toString(16).toUpperCase().padStart(2, '0')}\\b`));
    assert.equal(await t.ca.submit('agent.example.com', opensslCsr('agent.example.com')), 'requested');
    await assert.rejects(t.ca.clean('never.example.com'), /Could not find/);
  });

  it('lists requests and certificates by state, as puppetserver\'s certificate_statuses', async () => {
    const listing = await t.ca.list();
    assert.deepEqual(listing.requested.map((s) => s.name), ['agent.example.com', 'odd.example.com']);
    assert.deepEqual(listing.revoked.map((s) => s.name), ['web1.example.com']);
    assert.deepEqual(listing.signed.map((s) => s.name), ['alt.example.com', 'auth.example.com']);
    const auth = listing.signed.find((s) => s.name === 'auth.example.com')!;
    assert.deepEqual(auth.authorization_extensions, { pp_authorization: 'ops' });
    assert.match(auth.fingerprints.SHA256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.ok(auth.serial_number! > 1 && /UTC$/.test(auth.not_after!));
  });

  it('generates a key and certificate in one step, with the alt names asked for', async () => {
    const made = await t.ca.generate('admin.example.com', ['admin', 'IP:10.0.0.7']);
    assert.equal(statSync(made.keyPath).mode & 0o777, 0o600);
    assert.match(certText(made.certPem), /DNS:admin, IP Address:10\.0\.0\.7, DNS:admin\.example\.com/);
    assert.ok(opensslVerifies(t.dir, file('ca_crt.pem'), made.certPem, crl()));
    assert.equal(openssl(['rsa', '-noout', '-modulus', '-in', made.keyPath]), openssl(['x509', '-noout', '-modulus'], made.certPem));
    await assert.rejects(t.ca.generate('admin.example.com'), /already has a signed certificate/);
  });

  it('generates ECDSA P-256 keys when asked for (key_type = ec), signed by the RSA CA', async () => {
    const ec = new CertificateAuthority({ sslDir: join(t.dir, 'ssl'), keyType: 'ec' });
    try {
      const made = await ec.generate('agent00001.example.com');
      assert.match(made.keyPem, /^-----BEGIN EC PRIVATE KEY-----/);
      assert.match(certText(made.certPem), /Public Key Algorithm: id-ecPublicKey[\s\S]*NIST CURVE: P-256[\s\S]*Signature Algorithm: sha256WithRSAEncryption/);
      assert.ok(opensslVerifies(t.dir, file('ca_crt.pem'), made.certPem, crl()));
      assert.equal(openssl(['ec', '-pubout', '-in', made.keyPath]), openssl(['x509', '-noout', '-pubkey'], made.certPem));
    } finally {
      ec.close();
    }
  });

  it('makes the server\'s credentials on first call (an ECDSA P-256 key) and returns the same ones after', async () => {
    const first = await t.ca.serverCredentials('troupe.example.com', ['puppet']);
    const text = certText(first.certPem);
    assert.match(text, /NIST CURVE: P-256/);
    assert.match(first.keyPem, /^-----BEGIN EC PRIVATE KEY-----/);
    assert.match(text, /DNS:localhost, IP Address:127\.0\.0\.1, IP Address:0:0:0:0:0:0:0:1, DNS:puppet, DNS:troupe\.example\.com/);
    assert.match(text, /1\.3\.6\.1\.4\.1\.34380\.1\.3\.39: \s*..true/);
    assert.equal(first.caPem, file('ca_crt.pem'));
    assert.equal(first.crlPem, crl());
    assert.ok(opensslVerifies(t.dir, first.caPem, first.certPem, first.crlPem));
    assert.deepEqual(await t.ca.serverCredentials('troupe.example.com', ['puppet']), first);
  });

  it('renews a certificate: same key, subject and extensions, a new serial, 90 days', async () => {
    const before = signedPem('alt.example.com');
    const renewed = await t.ca.renew('alt.example.com');
    assert.equal(openssl(['x509', '-noout', '-modulus'], renewed), openssl(['x509', '-noout', '-modulus'], before));
    assert.notEqual(openssl(['x509', '-noout', '-serial'], renewed), openssl(['x509', '-noout', '-serial'], before));
    assert.match(certText(renewed), /DNS:db\.example\.com/);
    const days = (Date.parse(openssl(['x509', '-noout', '-enddate'], renewed).split('=')[1]!) - Date.now()) / 86_400_000;
    assert.ok(days > 89 && days <= 90, String(days));
    assert.ok(opensslVerifies(t.dir, file('ca_crt.pem'), renewed, crl()));
  });

  it('keeps serial, inventory and signed/ consistent: every certificate has a unique serial in the inventory', () => {
    const inventory = file('inventory.txt').trim().split('\n').map((l) => l.split(' ')[0]);
    assert.equal(new Set(inventory).size, inventory.length);
    assert.equal(BigInt(`0x${file('serial')}`), BigInt(inventory.at(-1)!) + 1n);
    for (const f of readdirSync(t.ca.paths.signedDir)) {
      const serial = openssl(['x509', '-noout', '-serial'], signedPem(f.slice(0, -4))).trim().split('=')[1]!;
      assert.ok(inventory.includes(`0x${serial.padStart(4, '0')}`), f);
    }
  });
});

/** A CSR whose signature no longer matches: its last signature byte flipped. */
function tamperedCsr(certname: string): string {
  const der = Buffer.from(opensslCsr(certname).replace(/-----[^-]+-----|\s/g, ''), 'base64');
  der[der.length - 1]! ^= 1;
  return `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE REQUEST-----\n`;
}
