import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CrlSnapshot } from '../../../../ops/ca/storage/crl-source.js';
import { opensslCsr, opensslVerifies, readPem, tempCa, type TempCa } from '../../../support/ca.fixture.js';
import { runTroupe } from '../../../support/servers/troupe-cli.js';

describe('troupe ca', () => {
  let t: TempCa;
  let sslDir: string;
  const ca = (...args: string[]) => runTroupe(['ca', ...args, '--ssl-dir', sslDir], { timeoutMs: 60_000 });

  before(async () => {
    // The CA exists already (small keys, fast); the CLI opens it as serve would find it.
    t = tempCa();
    sslDir = join(t.dir, 'ssl');
    await t.ca.submit('web1.example.com', opensslCsr('web1.example.com'));
  });
  after(() => t.cleanup());

  it('explains itself: --help lists the subcommands, each has its own --help; a missing or unknown one is exit 2', async () => {
    const help = await runTroupe(['ca', '--help']);
    assert.equal(help.status, 0);
    for (const sub of ['list', 'sign NAME', 'revoke NAME', 'clean NAME', 'generate NAME']) assert.match(help.stdout, new RegExp(`^  ${sub} `, 'm'));
    for (const sub of ['list', 'sign', 'revoke', 'clean', 'generate']) {
      const own = await runTroupe(['ca', sub, '--help']);
      assert.equal(own.status, 0, sub);
      assert.match(own.stdout, new RegExp(`^usage: troupe ca ${sub} [\\s\\S]*--ssl-dir DIR`));
    }
    assert.equal((await runTroupe(['ca'])).status, 2);
    const unknown = await runTroupe(['ca', 'sing']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown subcommand 'sing'/);
    const noName = await runTroupe(['ca', 'sign']);
    assert.equal(noName.status, 2);
    assert.match(noName.stderr, /missing NAME/);
  });

  it('lists, signs, revokes (a running server hears of the new CRL at once) and cleans', async () => {
    const listed = await ca('list');
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /^Requested Certificates:\n {4}web1\.example\.com\s+\(SHA256\) {2}([0-9A-F]{2}:){31}[0-9A-F]{2}\n$/);

    const signed = await ca('sign', 'web1.example.com');
    assert.equal(signed.status, 0, signed.stderr);
    assert.equal(signed.stdout, 'Successfully signed certificate request for web1.example.com\n');
    assert.ok(opensslVerifies(t.dir, readPem(t.ca.paths.caCert), readPem(join(t.ca.paths.signedDir, 'web1.example.com.pem'))));

    const heard: CrlSnapshot[] = [];
    const stop = await t.ca.onCrlChange((crl) => heard.push(crl));
    try {
      const revoked = await ca('revoke', 'web1.example.com');
      assert.equal(revoked.status, 0, revoked.stderr);
      assert.equal(revoked.stdout, 'Certificate for web1.example.com has been revoked\n');
      const deadline = Date.now() + 2000;
      while (heard.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      assert.equal(heard.at(-1)?.pem, readPem(t.ca.paths.caCrl), 'the running CA saw the CLI\'s CRL');
    } finally {
      stop();
    }
    assert.ok(!opensslVerifies(t.dir, readPem(t.ca.paths.caCert), readPem(join(t.ca.paths.signedDir, 'web1.example.com.pem')), readPem(t.ca.paths.caCrl)));
    assert.match((await ca('list', '--all')).stdout, /Revoked Certificates:\n {4}web1\.example\.com/);

    const cleaned = await ca('clean', 'web1.example.com');
    assert.equal(cleaned.status, 0, cleaned.stderr);
    assert.ok(!existsSync(join(t.ca.paths.signedDir, 'web1.example.com.pem')));
    assert.equal((await ca('list')).stdout, 'No certificates to list\n');
  });

  it('generates a key and certificate with alt names', async () => {
    const made = await ca('generate', 'admin.example.com', '--dns-alt-names', 'admin,IP:10.0.0.9');
    assert.equal(made.status, 0, made.stderr);
    const key = join(sslDir, 'private_keys', 'admin.example.com.pem');
    const cert = join(sslDir, 'certs', 'admin.example.com.pem');
    assert.equal(made.stdout, `Successfully saved private key for admin.example.com to ${key}\nSuccessfully saved certificate for admin.example.com to ${cert}\n`);
    assert.equal(statSync(key).mode & 0o777, 0o600);
    assert.ok(opensslVerifies(t.dir, readPem(t.ca.paths.caCert), readPem(cert), readPem(t.ca.paths.caCrl)));
    assert.match((await ca('list', '--all')).stdout, /admin\.example\.com .*alt names: \["IP:10\.0\.0\.9","DNS:admin","DNS:admin\.example\.com"\]/);
  });

  it('explains a failure in one line, exit 1', async () => {
    const none = await ca('sign', 'nobody.example.com');
    assert.equal(none.status, 1);
    assert.equal(none.stderr, 'troupe ca sign: Cannot sign certificate for host nobody.example.com without a certificate request\n');
    const gone = await ca('revoke', 'nobody.example.com');
    assert.equal(gone.status, 1);
    assert.match(gone.stderr, /without a signed certificate/);
  });
});
