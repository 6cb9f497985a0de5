import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CertificateAuthority, type CertificateAuthorityOptions } from '../../ops/ca/certificate-authority.js';

/** Runs the real `openssl` CLI; stdout as text. */
export function openssl(args: readonly string[], input?: string): string {
  return execFileSync('openssl', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Whether `openssl verify` accepts the certificate (with the CRL checked when given). */
export function opensslVerifies(dir: string, caPem: string, certPem: string, crlPem?: string): boolean {
  const file = (name: string, text: string) => { writeFileSync(join(dir, name), text); return join(dir, name); };
  const args = ['verify', '-CAfile', file('verify-ca.pem', caPem), ...(crlPem ? ['-crl_check', '-CRLfile', file('verify-crl.pem', crlPem)] : []), file('verify-cert.pem', certPem)];
  try {
    openssl(args);
    return true;
  } catch {
    return false;
  } finally {
    for (const f of ['verify-ca.pem', 'verify-crl.pem', 'verify-cert.pem']) rmSync(join(dir, f), { force: true });
  }
}

/** A CSR made by `openssl req` (2048-bit key), with `-addext` extensions such as `1.3.6.1.4.1.34380.1.1.13=ASN1:UTF8String:web`. */
export function opensslCsr(certname: string, addext: readonly string[] = [], subject = `/CN=${certname}`): string {
  return openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', '/dev/null', '-subj', subject, ...addext.flatMap((e) => ['-addext', e])]);
}

/** A CSR made by Puppet's own agent code (Puppet::SSL::CertificateRequest, via ruby). */
export function puppetCsr(certname: string, dnsAltNames = '', extensions: Readonly<Record<string, string>> = {}): string {
  const script = new URL('./puppet/puppet-csr.rb', import.meta.url).pathname;
  return execFileSync('ruby', [script, certname, dnsAltNames, ...Object.entries(extensions).map(([k, v]) => `${k}=${v}`)], { encoding: 'utf8' });
}

/** `openssl x509 -text` of a PEM certificate. */
export const certText = (pem: string): string => openssl(['x509', '-noout', '-text'], pem);

export interface TempCa {
  readonly dir: string;
  readonly ca: CertificateAuthority;
  cleanup(): void;
}

/** A CA on a fresh ssldir with small keys (fast tests); `cleanup` removes it all. */
export function tempCa(options: Partial<CertificateAuthorityOptions> = {}): TempCa {
  const dir = mkdtempSync(join(tmpdir(), 'troupe-ca-'));
  const ca = new CertificateAuthority({ sslDir: join(dir, 'ssl'), keyLength: 2048, caName: 'Puppet CA: test', ...options });
  return { dir, ca, cleanup: () => { ca.close(); rmSync(dir, { recursive: true, force: true }); } };
}

export const readPem = (path: string): string => readFileSync(path, 'utf8');
