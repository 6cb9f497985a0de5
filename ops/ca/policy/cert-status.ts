import { createHash } from 'node:crypto';
import { PP_AUTH_CERT_EXT } from '../../../core/trusted/puppet-oids.js';
import { subjectAltNames } from '../x509/csr.js';
import { puppetExtensions } from '../x509/extensions.js';
import { certSerial, inventoryDate } from '../storage/inventory.js';
import { x509 } from '../x509/x509.js';

export type CertificateState = 'requested' | 'signed' | 'revoked';

/** One entry of puppetserver's `certificate_status(es)` answer. */
export interface CertificateStatus {
  readonly name: string;
  readonly state: CertificateState;
  readonly dns_alt_names: string[];
  readonly subject_alt_names: string[];
  readonly authorization_extensions: Record<string, string>;
  readonly fingerprint: string;
  readonly fingerprints: { readonly SHA1: string; readonly SHA256: string; readonly SHA512: string; readonly default: string };
  readonly serial_number?: number;
  readonly not_before?: string;
  readonly not_after?: string;
}

/** A request or a certificate as puppetserver reports it; `revoked` is the CRL's serials. */
export function certificateStatus(name: string, item: x509.Pkcs10CertificateRequest | x509.X509Certificate, revoked: ReadonlySet<bigint>): CertificateStatus {
  const sha256 = fingerprint(item.rawData, 'sha256');
  const alt = subjectAltNames(item);
  const base = {
    name,
    dns_alt_names: alt.filter((n) => n.startsWith('DNS:')),
    subject_alt_names: alt,
    authorization_extensions: authorizationExtensions(item.extensions),
    fingerprint: sha256,
    fingerprints: { SHA1: fingerprint(item.rawData, 'sha1'), SHA256: sha256, SHA512: fingerprint(item.rawData, 'sha512'), default: sha256 },
  };
  if (item instanceof x509.Pkcs10CertificateRequest) return { ...base, state: 'requested' };
  const serial = certSerial(item);
  return {
    ...base,
    state: revoked.has(serial) ? 'revoked' : 'signed',
    serial_number: Number(serial),
    not_before: inventoryDate(item.notBefore),
    not_after: inventoryDate(item.notAfter),
  };
}

/** `AB:CD:…`, upper-case hex pairs of the DER encoding's digest. */
function fingerprint(der: ArrayBuffer, algorithm: string): string {
  return createHash(algorithm).update(Buffer.from(der)).digest('hex').toUpperCase().match(/../g)!.join(':');
}

/** Extensions under ppAuthCertExt by short name (or OID) with their text values. */
function authorizationExtensions(extensions: readonly x509.Extension[]): Record<string, string> {
  return puppetExtensions(extensions, PP_AUTH_CERT_EXT);
}
