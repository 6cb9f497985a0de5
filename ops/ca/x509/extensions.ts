import * as asn1js from 'asn1js';
import { isIP } from 'node:net';
import { isUnderArc, shortNameForOid } from '../../../core/trusted/puppet-oids.js';
import { x509 } from './x509.js';

const NETSCAPE_COMMENT_OID = '2.16.840.1.113730.1.13';
/** The comment puppetserver puts in every certificate it issues. */
const NETSCAPE_COMMENT = 'Puppet Server Internal Certificate';
export const SAN_OID = '2.5.29.17';

const der = (value: asn1js.BaseBlock): ArrayBuffer => value.toBER(false);

/** An extension whose value is a UTF8String, the way Puppet encodes its own (`pp_*`, `pp_cli_auth`). */
export function utf8Extension(oid: string, value: string): x509.Extension {
  return new x509.Extension(oid, false, der(new asn1js.Utf8String({ value })));
}

function netscapeComment(): x509.Extension {
  return new x509.Extension(NETSCAPE_COMMENT_OID, false, der(new asn1js.IA5String({ value: NETSCAPE_COMMENT })));
}

/** A self-signed CA certificate's extensions, as puppetserver creates them. */
export async function caExtensions(publicKey: x509.PublicKeyType): Promise<x509.Extension[]> {
  const ski = await x509.SubjectKeyIdentifierExtension.create(publicKey);
  return [
    netscapeComment(),
    new x509.AuthorityKeyIdentifierExtension(ski.keyId),
    ski,
    new x509.BasicConstraintsExtension(true, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
  ];
}

/**
 * puppetserver's base list for the certificates it signs (agents, servers,
 * `generate`): TLS server and client use, not a CA, identified by the CA's
 * key identifier.
 */
export async function leafExtensions(caCert: x509.X509Certificate, subjectKey: x509.PublicKeyType): Promise<x509.Extension[]> {
  return [
    netscapeComment(),
    new x509.AuthorityKeyIdentifierExtension(await caKeyId(caCert)),
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth], true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    await x509.SubjectKeyIdentifierExtension.create(subjectKey),
  ];
}

/** The CA's key identifier: its own SKI when it has one (a reused CA's, as it was made), else derived from its key. */
export async function caKeyId(caCert: x509.X509Certificate): Promise<string> {
  const ski = caCert.getExtension(x509.SubjectKeyIdentifierExtension);
  return ski?.keyId ?? (await x509.SubjectKeyIdentifierExtension.create(caCert.publicKey)).keyId;
}

/** `a,b,IP:10.0.0.1` (`--dns-alt-names`) as general names: IP addresses as such, the rest DNS names. */
export function altNames(names: readonly string[]): x509.JsonGeneralName[] {
  return names.map((raw) => {
    const name = raw.trim().replace(/^DNS:/, '');
    const ip = name.replace(/^IP:/, '');
    return isIP(ip) ? { type: 'ip', value: ip } : { type: 'dns', value: name };
  });
}

/**
 * The extensions with a subjectAltName that names the certname, added to
 * the requested one or created (puppetserver's `ensure-ext-list-has-cn-san`).
 */
export function withCertnameSan(certname: string, extensions: readonly x509.Extension[]): x509.Extension[] {
  const others = extensions.filter((e) => e.type !== SAN_OID);
  const san = extensions.find((e) => e.type === SAN_OID);
  const names = san ? new x509.SubjectAlternativeNameExtension(san.rawData).names.toJSON() : [];
  if (san && names.some((n) => n.type === 'dns' && n.value === certname)) return [...others, san];
  return [...others, new x509.SubjectAlternativeNameExtension([...names, { type: 'dns', value: certname }], false)];
}

/**
 * A certificate's extensions under a Puppet arc, by short name (`pp_role`)
 * or dotted OID, with their text values: what `$trusted['extensions']`
 * and certificate statuses show.
 */
export function puppetExtensions(extensions: readonly x509.Extension[], arc: string): Record<string, string> {
  return Object.fromEntries(extensions.filter((e) => isUnderArc(arc, e.type)).map((e) => [shortNameForOid(e.type) ?? e.type, extensionText(e)]));
}

/** An extension's value as text: the string it holds (Puppet encodes its values as UTF8String), else hex. */
function extensionText(ext: x509.Extension): string {
  const parsed = asn1js.fromBER(ext.value).result;
  const block = parsed.valueBlock as { value?: unknown };
  return parsed instanceof asn1js.BaseStringBlock && typeof block.value === 'string' ? block.value : Buffer.from(ext.value).toString('hex');
}
