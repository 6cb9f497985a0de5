import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { isTroupeError } from '../../../core/errors/troupe-error.js';
import { revokedSerials } from '../../../ops/ca/x509/crl.js';
import { certSerial } from '../../../ops/ca/storage/inventory.js';
import { generateRsaKeys, RSA_SHA256, x509 } from '../../../ops/ca/x509/x509.js';
import { openssl, tempCa } from '../../support/ca.fixture.js';

const NAMES = ['a.example.com', 'b.example.com', 'c.example.com'] as const;
type Name = (typeof NAMES)[number];
type Op = 'submit' | 'sign' | 'revoke' | 'clean';
type State = 'none' | 'requested' | 'signed' | 'revoked';

/** What the CA should hold for a name, and whether it was ever issued a certificate (the inventory remembers). */
interface Model { state: State; issued: boolean }

/** The outcome puppetserver's rules give, and the model after it. */
function expected(op: Op, m: Model): { ok: boolean; next: Model } {
  const fail = { ok: false, next: m };
  switch (op) {
    case 'submit': return m.state === 'none' ? { ok: true, next: { ...m, state: 'requested' } } : fail;
    case 'sign': return m.state === 'requested' ? { ok: true, next: { state: 'signed', issued: true } } : fail;
    case 'revoke':
      if (m.state === 'signed') return { ok: true, next: { ...m, state: 'revoked' } };
      return m.issued ? { ok: true, next: m } : fail;
    case 'clean': return m.issued || m.state === 'requested' ? { ok: true, next: { ...m, state: 'none' } } : fail;
  }
}

describe('CertificateAuthority consistency', () => {
  const csrs = new Map<Name, string>();
  before(async () => {
    for (const name of NAMES) {
      const keys = await generateRsaKeys(1024);
      csrs.set(name, (await x509.Pkcs10CertificateRequestGenerator.create({ name: `CN=${name}`, keys, signingAlgorithm: RSA_SHA256 })).toString('pem'));
    }
  });

  it('keeps inventory, serial, signed/, requests/ and the CRL consistent through any submit/sign/revoke/clean sequence', async () => {
    const step = fc.tuple(fc.constantFrom<Op>('submit', 'sign', 'revoke', 'clean'), fc.constantFrom(...NAMES));
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
      const t = tempCa({ keyLength: 1024 });
      try {
        const model = new Map<Name, Model>(NAMES.map((n) => [n, { state: 'none', issued: false }]));
        for (const [op, name] of steps) {
          const want = expected(op, model.get(name)!);
          assert.equal(await succeeds(() => run(t.ca, op, name, csrs.get(name)!)), want.ok, `${op} ${name} from ${model.get(name)!.state}`);
          model.set(name, want.next);
          await checkDisk(t.ca, model);
        }
        openssl(['crl', '-noout', '-CAfile', t.ca.paths.caCert], readFileSync(t.ca.paths.caCrl, 'utf8'));
      } finally {
        t.cleanup();
      }
    }), { numRuns: 30 });
  });
});

function run(ca: ReturnType<typeof tempCa>['ca'], op: Op, name: Name, csr: string): Promise<unknown> {
  return op === 'submit' ? ca.submit(name, csr) : op === 'sign' ? ca.sign(name) : op === 'revoke' ? ca.revoke(name) : ca.clean(name);
}

/** True when it went through, false when the CA refused it with one of its own errors. */
async function succeeds(action: () => Promise<unknown>): Promise<boolean> {
  try {
    await action();
    return true;
  } catch (e) {
    if (isTroupeError(e)) return false;
    throw e;
  }
}

async function checkDisk(ca: ReturnType<typeof tempCa>['ca'], model: ReadonlyMap<Name, Model>): Promise<void> {
  const listing = await ca.list();
  for (const [name, m] of model) {
    const listed = (['requested', 'signed', 'revoked'] as const).filter((s) => listing[s].some((e) => e.name === name));
    assert.deepEqual(listed, m.state === 'none' ? [] : [m.state], name);
  }
  const rows = readFileSync(ca.paths.inventory, 'utf8').trim().split('\n').map((l) => l.split(' '));
  const inventory = rows.map((r) => BigInt(r[0]!));
  assert.deepEqual(inventory, inventory.map((_, i) => BigInt(i + 1)), 'inventory serials 1, 2, 3 … in order');
  assert.equal(BigInt(`0x${readFileSync(ca.paths.serial, 'utf8')}`), BigInt(inventory.length + 1));
  const revoked = revokedSerials(readFileSync(ca.paths.caCrl, 'utf8'));
  for (const serial of revoked) assert.ok(inventory.includes(serial), `CRL serial ${serial} was issued`);
  for (const [name, m] of model) {
    const serials = rows.filter((r) => r[3] === `/CN=${name}`).map((r) => BigInt(r[0]!));
    if (m.issued && m.state === 'none') assert.ok(serials.every((s) => revoked.has(s)), `cleaned ${name}: all its certificates revoked`);
  }
  for (const f of readdirSync(ca.paths.signedDir)) {
    const serial = certSerial(new x509.X509Certificate(readFileSync(join(ca.paths.signedDir, f), 'utf8')));
    assert.ok(inventory.includes(serial));
    assert.equal(revoked.has(serial), model.get(f.slice(0, -4) as Name)!.state === 'revoked', f);
  }
}
