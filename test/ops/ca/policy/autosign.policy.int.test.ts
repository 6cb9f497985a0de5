import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { autosignPolicy, type AutosignLimits } from '../../../../ops/ca/policy/autosign.js';
import { opensslCsr, tempCa } from '../../../support/ca.fixture.js';

describe('autosign policies', () => {
  let dir: string;
  const logged: string[] = [];
  const limits: AutosignLimits = { timeoutMs: 5000, maxOutputBytes: 4096, log: (l) => logged.push(l) };
  const write = (name: string, text: string, mode = 0o644): string => {
    writeFileSync(join(dir, name), text);
    chmodSync(join(dir, name), mode);
    return join(dir, name);
  };

  before(() => { dir = mkdtempSync(join(tmpdir(), 'troupe-autosign-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('true signs everything, false nothing, a missing file nothing', async () => {
    assert.equal(await autosignPolicy(true)('a.example.com', ''), true);
    assert.equal(await autosignPolicy(false)('a.example.com', ''), false);
    assert.equal(await autosignPolicy(join(dir, 'absent.conf'), limits)('a.example.com', ''), false);
  });

  it('reads an autosign.conf allow-list as puppetserver does', async () => {
    const policy = autosignPolicy(write('autosign.conf', '# fleet\n\n*.Example.COM\nexact.host\nbad line\n*.baz\n'), limits);
    const decide = (name: string) => policy(name, '');
    assert.deepEqual(await Promise.all(['web1.example.com', 'a.b.example.com', 'example.com', 'exact.host', 'baz', 'x.baz'].map(decide)), [true, true, true, true, true, true]);
    assert.deepEqual(await Promise.all(['example.org', 'notexample.com', 'exact.host.evil', 'bad', 'line'].map(decide)), [false, false, false, false, false]);
    assert.ok(logged.some((l) => /invalid pattern 'bad line'/.test(l)));
    assert.equal(await autosignPolicy(write('all.conf', '*\n'), limits)('anything', ''), true);
  });

  it('runs a policy executable with the certname as its argument and the CSR on stdin; exit 0 signs', async () => {
    const policy = autosignPolicy(write('policy.sh', `#!/bin/sh\nprintf '%s' "$1" > "${dir}/arg"\ncat > "${dir}/stdin"\n[ "$1" = good.example.com ]\n`, 0o755), limits);
    const csr = opensslCsr('good.example.com');
    assert.equal(await policy('good.example.com', csr), true);
    assert.equal(readFileSync(join(dir, 'arg'), 'utf8'), 'good.example.com');
    assert.equal(readFileSync(join(dir, 'stdin'), 'utf8'), csr);
    assert.equal(await policy('bad.example.com', csr), false);
    assert.ok(logged.some((l) => /did not sign 'bad\.example\.com': exit 1/.test(l)));
  });

  it('hands a certname full of shell metacharacters over as one argument, never to a shell', async () => {
    const policy = autosignPolicy(write('argv.sh', `#!/bin/sh\nprintf '%s|%s' "$#" "$1" > "${dir}/argv"\nexit 1\n`, 0o755), limits);
    const hostile = `x; touch ${dir}/pwned1 $(touch ${dir}/pwned2) \`touch ${dir}/pwned3\` && rm -rf ${dir}/nothing | cat > ${dir}/pwned4`;
    assert.equal(await policy(hostile, ''), false);
    assert.equal(readFileSync(join(dir, 'argv'), 'utf8'), `1|${hostile}`);
    for (const f of ['pwned1', 'pwned2', 'pwned3', 'pwned4']) assert.ok(!existsSync(join(dir, f)), f);
  });

  it('kills a policy executable that runs too long, with whatever it started, and does not sign', async () => {
    const policy = autosignPolicy(write('slow.sh', `#!/bin/sh\nsleep 30 &\necho $! > "${dir}/child"\nwait\n`, 0o755), { ...limits, timeoutMs: 300 });
    const started = Date.now();
    assert.equal(await policy('slow.example.com', ''), false);
    assert.ok(Date.now() - started < 3000);
    assert.ok(logged.some((l) => /still running after 300 ms; killed/.test(l)));
    const child = Number(readFileSync(join(dir, 'child'), 'utf8'));
    const deadline = Date.now() + 2000;
    while (running(child) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(!running(child), 'the sleep it started was killed too');
  });

  it('kills a policy executable that writes without end', async () => {
    const policy = autosignPolicy(write('chatty.sh', '#!/bin/sh\nwhile :; do echo yes; done\n', 0o755), limits);
    assert.equal(await policy('chatty.example.com', ''), false);
    assert.ok(logged.some((l) => /more than 4096 bytes on stdout/.test(l)));
  });

  it('signs at submission when the CA\'s policy says so', async () => {
    const t = tempCa({ autosign: write('ca-autosign.conf', '*.auto.example.com\n'), autosignLimits: limits });
    try {
      assert.equal(await t.ca.submit('web.auto.example.com', opensslCsr('web.auto.example.com')), 'signed');
      assert.equal(await t.ca.submit('web.manual.example.com', opensslCsr('web.manual.example.com')), 'requested');
      assert.equal((await t.ca.status('web.auto.example.com'))?.state, 'signed');
    } finally {
      t.cleanup();
    }
  });
});

/** Alive and not a zombie waiting to be reaped. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
