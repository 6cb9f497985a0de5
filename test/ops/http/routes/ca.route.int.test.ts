import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TroupeApp } from '../../../../ops/app/troupe-app.js';
import { CertificateAuthority } from '../../../../ops/ca/certificate-authority.js';
import { startHttpServer, type RunningHttpServer } from '../../../../ops/http/http-server.js';
import { opensslCsr, opensslVerifies, puppetCsr } from '../../../support/ca.fixture.js';
import { testConfig } from '../../../support/servers/troupe-instance.js';

describe('Puppet CA API over HTTP', () => {
  let app: TroupeApp;
  let http: RunningHttpServer;
  let dataDir: string;
  const call = async (method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}) => {
    const res = await fetch(`${http.url}/puppet-ca/v1/${path}`, { method, headers: { 'content-type': 'text/plain', ...init.headers }, body: init.body });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };
  const ca = () => app.ca;
  const httpDate = (ms: number) => new Date(ms).toUTCString();

  before(async () => {
    const config = testConfig();
    dataDir = config.dataDir;
    app = await TroupeApp.open(config, { ca: new CertificateAuthority({ sslDir: join(dataDir, 'ssl'), keyLength: 2048 }) });
    http = await startHttpServer(app, '127.0.0.1', 0);
  });
  after(async () => {
    await http.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the CA certificate as text/plain PEM', async () => {
    const got = await call('GET', 'certificate/ca');
    assert.deepEqual([got.status, got.type], [200, 'text/plain']);
    assert.equal(got.text, readFileSync(ca().paths.caCert, 'utf8'));
  });

  it('serves the CRL, 304 when the client\'s copy is not older (If-Modified-Since)', async () => {
    const full = await call('GET', 'certificate_revocation_list/ca');
    assert.equal(full.status, 200);
    assert.match(full.text, /^-----BEGIN X509 CRL-----/);
    const fresh = await call('GET', 'certificate_revocation_list/ca', { headers: { 'if-modified-since': httpDate(Date.now() + 60_000) } });
    assert.deepEqual([fresh.status, fresh.text], [304, '']);
    const stale = await call('GET', 'certificate_revocation_list/ca', { headers: { 'if-modified-since': httpDate(Date.now() - 3_600_000) } });
    assert.equal(stale.text, full.text);
    assert.equal((await call('GET', 'certificate_revocation_list/ca', { headers: { 'if-modified-since': 'yesterday-ish' } })).status, 200);
  });

  it('takes a CSR from Puppet\'s agent code (200), holds it until signed (certificate 404), then serves the certificate', async () => {
    const csr = puppetCsr('agent1.example.com', '', { pp_role: 'web' });
    const put = await call('PUT', 'certificate_request/agent1.example.com', { body: csr });
    assert.deepEqual([put.status, put.text, put.type], [200, '', 'text/plain']);
    const pending = await call('GET', 'certificate_request/agent1.example.com');
    assert.deepEqual([pending.status, pending.type], [200, 'text/plain']);
    assert.match(pending.text, /^-----BEGIN CERTIFICATE REQUEST-----/);
    assert.deepEqual(await call('GET', 'certificate/agent1.example.com'), { status: 404, type: 'text/plain', text: 'Could not find certificate agent1.example.com' });
    await ca().sign('agent1.example.com');
    const cert = await call('GET', 'certificate/agent1.example.com');
    assert.equal(cert.status, 200);
    assert.ok(opensslVerifies(dataDir, readFileSync(ca().paths.caCert, 'utf8'), cert.text));
    assert.equal((await call('GET', 'certificate_request/agent1.example.com')).text, 'Could not find certificate_request agent1.example.com');
  });

  it('answers a CSR it refuses with 400 and puppetserver\'s reason', async () => {
    const refusals: [string, string, RegExp][] = [
      ['other.example.com', opensslCsr('web9.example.com'), /^Instance name "web9\.example\.com" does not match requested key "other\.example\.com"$/],
      ['agent1.example.com', opensslCsr('agent1.example.com'), /^agent1\.example\.com already has a signed certificate; ignoring certificate request$/],
      ['junk.example.com', 'hello', /not a PEM-encoded certificate request/],
      ['UPPER.example.com', opensslCsr('UPPER.example.com'), /^Certificate names must be lower case\.$/],
    ];
    for (const [name, body, message] of refusals) {
      const got = await call('PUT', `certificate_request/${name}`, { body });
      assert.equal(got.status, 400, name);
      assert.equal(got.type, 'text/plain');
      assert.match(got.text, message);
    }
  });

  it('never reads outside the CA directory, whatever the name', async () => {
    for (const name of ['..%2Fca%2Fca_key', '..%2F..%2Fssl%2Fca%2Fca_key', '%2E%2E']) {
      assert.equal((await call('GET', `certificate/${name}`)).status, 404, name);
      assert.equal((await call('GET', `certificate_request/${name}`)).status, 404, name);
    }
  });

  it('refuses a renewal without a client certificate (400), as puppetserver does', async () => {
    assert.deepEqual(await call('POST', 'certificate_renewal', { body: '' }), { status: 400, type: 'text/plain', text: 'No valid certificate found in renewal request' });
  });

  it('reports, signs and revokes through certificate_status(es) for admins', async () => {
    await call('PUT', 'certificate_request/agent2.example.com', { body: opensslCsr('agent2.example.com') });
    const one = await call('GET', 'certificate_status/agent2.example.com');
    assert.equal(one.status, 200);
    assert.equal(JSON.parse(one.text).state, 'requested');
    const requested = JSON.parse((await call('GET', 'certificate_statuses/any?state=requested')).text) as { name: string }[];
    assert.deepEqual(requested.map((s) => s.name), ['agent2.example.com']);
    assert.equal((await call('PUT', 'certificate_status/agent2.example.com', { body: '{"desired_state":"signed"}', headers: { 'content-type': 'application/json' } })).status, 204);
    assert.equal((await call('PUT', 'certificate_status/agent2.example.com', { body: '{"desired_state":"revoked"}' })).status, 204);
    assert.equal(JSON.parse((await call('GET', 'certificate_status/agent2.example.com')).text).state, 'revoked');
    assert.deepEqual(await call('PUT', 'certificate_status/agent2.example.com', { body: '{"desired_state":"lost"}' }),
      { status: 400, type: 'text/plain', text: "State lost invalid; Must specify desired state of 'signed' or 'revoked' for host agent2.example.com." });
    assert.deepEqual(await call('PUT', 'certificate_status/nobody.example.com', { body: '{"desired_state":"signed"}' }), { status: 404, type: 'text/plain', text: 'Invalid certificate subject.' });
    assert.equal((await call('PUT', 'certificate_status/agent2.example.com', { body: '{"desired_state":"signed"}' })).status, 409, 'no request to sign');
    assert.equal((await call('GET', 'certificate_status/nobody.example.com')).text, 'Resource not found.');
    assert.deepEqual(await call('GET', 'certificate_statuses/'), { status: 400, type: 'text/plain', text: 'Missing URL Segment' });
    const all = JSON.parse((await call('GET', 'certificate_statuses/all')).text) as { name: string; state: string }[];
    assert.deepEqual(all.map((s) => [s.name, s.state]), [['agent1.example.com', 'signed'], ['agent2.example.com', 'revoked']]);
  });
});
