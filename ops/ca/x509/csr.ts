import { isUnderArc, PP_AUTH_CERT_EXT, PP_CLI_AUTH, PP_PRIV_CERT_EXT, PP_REG_CERT_EXT } from '../../../core/trusted/puppet-oids.js';
import { CsrRejectedError } from '../ca-errors.js';
import { SAN_OID } from './extensions.js';
import { x509 } from './x509.js';

/** What signing a CSR needs an operator to allow explicitly (puppetserver's ca.conf switches, off by default). */
export interface SigningAllowances {
  /** DNS or IP names beyond the certname (`dns_alt_names`). */
  readonly subjectAltNames: boolean;
  /** Extensions under ppAuthCertExt, which grant rights. */
  readonly authorizationExtensions: boolean;
}

export const NOTHING_EXTRA: SigningAllowances = { subjectAltNames: false, authorizationExtensions: false };

const CN_OID = '2.5.4.3';

/** A PEM certificate request, or a 400 saying why it is none. */
export function parseCsr(pem: string): x509.Pkcs10CertificateRequest {
  const block = /-----BEGIN CERTIFICATE REQUEST-----[\s\S]*?-----END CERTIFICATE REQUEST-----/.exec(pem)?.[0];
  if (!block) throw new CsrRejectedError('unreadable-csr', 'Request body is not a PEM-encoded certificate request.');
  try {
    return new x509.Pkcs10CertificateRequest(block);
  } catch (e) {
    throw new CsrRejectedError('unreadable-csr', `Could not parse the certificate request: ${(e as Error).message}`);
  }
}

/** The subject's common name: what the CSR says its certname is. */
export function commonName(name: x509.Name): string {
  return name.getField(CN_OID)[0] ?? '';
}

/** The CSR is signed by the key it carries (puppetserver's `validate-csr-signature!`). */
export async function checkCsrSignature(csr: x509.Pkcs10CertificateRequest): Promise<void> {
  if (!(await csr.verify().catch(() => false))) {
    throw new CsrRejectedError('invalid-signature', 'CSR contains a public key that does not correspond to the signing key');
  }
}

/**
 * What puppetserver checks before it signs (in its order): alt names and
 * authorization extensions only when allowed, no extension outside
 * Puppet's arcs, a valid signature.
 */
export async function checkSignable(csr: x509.Pkcs10CertificateRequest, allow: SigningAllowances): Promise<void> {
  const certname = commonName(csr.subjectName);
  if (!allow.subjectAltNames) checkAltNames(csr, certname);
  if (!allow.authorizationExtensions && csr.extensions.some((e) => isUnderArc(PP_AUTH_CERT_EXT, e.type))) {
    throw new CsrRejectedError('disallowed-extension', `CSR '${certname}' contains an authorization extension, which is disallowed. `
      + `To allow authorization extensions, sign it with 'troupe ca sign --allow-authorization-extensions ${certname}'.`);
  }
  const refused = csr.extensions.filter((e) => !allowedExtension(e.type)).map((e) => e.type);
  if (refused.length > 0) throw new CsrRejectedError('disallowed-extension', `Found extensions that are not permitted: ${refused.join(', ')}`);
  await checkCsrSignature(csr);
}

/** A single alt name equal to the certname is always fine (RFC 2818; Puppet 7 agents send it). */
function checkAltNames(csr: x509.Pkcs10CertificateRequest, certname: string): void {
  const names = subjectAltNames(csr);
  const own = `DNS:${certname}`;
  if (names.length === 0 || (names.length === 1 && names[0] === own)) return;
  const extra = names.filter((n) => n !== own);
  throw new CsrRejectedError('disallowed-extension', `CSR '${certname}' contains extra subject alternative names (${extra.join(', ')}), which are disallowed. `
    + `To allow subject alternative names, sign it with 'troupe ca sign --allow-dns-alt-names ${certname}'.`);
}

/** `IP:…` then `DNS:…`, as puppetserver lists them; other name types as their kind. */
export function subjectAltNames(item: { getExtension(type: string): x509.Extension | null }): string[] {
  const san = item.getExtension(SAN_OID);
  if (!san) return [];
  const names = new x509.SubjectAlternativeNameExtension(san.rawData).names.toJSON();
  const of = (type: string, label: string) => names.filter((n) => n.type === type).map((n) => `${label}:${n.value}`);
  return [...of('ip', 'IP'), ...of('dns', 'DNS')];
}

/** puppetserver's `allowed-extension?`: alt names and Puppet's own arcs, never pp_cli_auth. */
function allowedExtension(oid: string): boolean {
  return oid === SAN_OID
    || (isUnderArc(PP_AUTH_CERT_EXT, oid) && oid !== PP_CLI_AUTH)
    || isUnderArc(PP_REG_CERT_EXT, oid)
    || isUnderArc(PP_PRIV_CERT_EXT, oid);
}
