import * as asn1js from 'asn1js';
import { caKeyId } from './extensions.js';
import { certSerial, serialHex } from '../storage/inventory.js';
import type { CaIssuer } from './issuer.js';
import { RSA_SHA256, x509 } from './x509.js';

const CRL_NUMBER_OID = '2.5.29.20';
/** puppetserver's CRLs are valid for five years; each revocation re-signs a new one. */
const CRL_VALIDITY_MS = 5 * 365 * 86_400_000;

/** The CRL puppetserver starts a CA with: no entries, number 0. */
export async function emptyCrl(issuer: CaIssuer): Promise<string> {
  return toPem(await signCrl(issuer, [], 0n));
}

/** `X509 CRL`, the label OpenSSL and puppetserver read (the library writes `CRL`). */
const toPem = (crl: x509.X509Crl): string => `${x509.PemConverter.encode(crl.rawData, 'X509 CRL')}\n`;

/** The serials a CRL file's own CRL (the first in it) revokes. */
export function revokedSerials(crlPem: string): Set<bigint> {
  return new Set(ourCrl(crlPem).entries.map(certSerial));
}

/**
 * The CRL file with these serials revoked (key compromise, as puppetserver
 * records it) in a new CRL with the next number; CRLs after the first (an
 * intermediate CA's chain) are kept as they are. Undefined when every
 * serial was revoked already.
 */
export async function withRevoked(issuer: CaIssuer, crlPem: string, serials: Iterable<bigint>): Promise<string | undefined> {
  const known = revokedSerials(crlPem);
  const fresh = [...new Set(serials)].filter((s) => !known.has(s));
  if (fresh.length === 0) return undefined;
  const now = new Date();
  return reissued(issuer, crlPem, fresh.map((s) => ({ serialNumber: serialHex(s), revocationDate: now, reason: x509.X509CrlReason.keyCompromise })));
}

/** Whether the CA's CRL runs out within `ms` (puppetserver re-signs one due within 30 days when it starts). */
export function crlExpiresWithin(crlPem: string, ms: number): boolean {
  const next = ourCrl(crlPem).nextUpdate;
  return next !== undefined && next.getTime() < Date.now() + ms;
}

/** The same revocations in a new CRL with the next number, valid five years from now. */
export function renewedCrl(issuer: CaIssuer, crlPem: string): Promise<string> {
  return reissued(issuer, crlPem, []);
}

async function reissued(issuer: CaIssuer, crlPem: string, added: x509.X509CrlEntryParams[]): Promise<string> {
  const [first, ...rest] = x509.PemConverter.decode(crlPem);
  const crl = new x509.X509Crl(first!);
  const kept = crl.entries.map((e) => ({ serialNumber: e.serialNumber, revocationDate: e.revocationDate, ...(e.reason === undefined ? {} : { reason: e.reason }) }));
  const next = await signCrl(issuer, [...kept, ...added], crlNumber(crl) + 1n);
  return [next, ...rest.map((r) => new x509.X509Crl(r))].map(toPem).join('');
}

function ourCrl(crlPem: string): x509.X509Crl {
  return new x509.X509Crl(x509.PemConverter.decodeFirst(crlPem));
}

function crlNumber(crl: x509.X509Crl): bigint {
  const ext = crl.extensions.find((e) => e.type === CRL_NUMBER_OID);
  if (!ext) return 0n;
  const parsed = asn1js.fromBER(ext.value);
  return parsed.result instanceof asn1js.Integer ? parsed.result.toBigInt() : 0n;
}

async function signCrl(issuer: CaIssuer, entries: x509.X509CrlEntryParams[], number: bigint): Promise<x509.X509Crl> {
  const now = Date.now();
  return x509.X509CrlGenerator.create({
    issuer: issuer.cert.subjectName,
    thisUpdate: new Date(now),
    nextUpdate: new Date(now + CRL_VALIDITY_MS),
    entries,
    extensions: [
      new x509.Extension(CRL_NUMBER_OID, false, asn1js.Integer.fromBigInt(number).toBER(false)),
      new x509.AuthorityKeyIdentifierExtension(await caKeyId(issuer.cert)),
    ],
    signingKey: issuer.key,
    signingAlgorithm: RSA_SHA256,
  });
}
