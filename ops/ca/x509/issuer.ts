import { serialHex } from '../storage/inventory.js';
import { RSA_SHA256, x509 } from './x509.js';

/** The CA as a signer: its certificate (the first of `ca_crt.pem`) and private key. */
export interface CaIssuer {
  readonly cert: x509.X509Certificate;
  readonly key: CryptoKey;
}

const DAY_MS = 86_400_000;

/** What goes into a certificate besides the issuer. */
export interface CertificateContent {
  readonly serial: bigint;
  readonly subject: string;
  readonly publicKey: x509.PublicKeyType;
  readonly extensions: readonly x509.Extension[];
  readonly ttlSeconds: number;
}

/**
 * Signs a certificate valid from a day ago (puppetserver's allowance for
 * clock skew between CA and agents) for `ttlSeconds` from now.
 */
export async function issueCertificate(issuer: CaIssuer, content: CertificateContent): Promise<x509.X509Certificate> {
  return signCertificate(issuer.cert.subjectName, issuer.key, content);
}

/** The same signed by any key under any name: a self-signed CA certificate is its own issuer. */
export async function signCertificate(issuerName: x509.Name | string, signingKey: CryptoKey, content: CertificateContent): Promise<x509.X509Certificate> {
  const now = Date.now();
  return x509.X509CertificateGenerator.create({
    serialNumber: serialHex(content.serial),
    issuer: issuerName,
    subject: content.subject,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + content.ttlSeconds * 1000),
    publicKey: content.publicKey,
    signingKey,
    signingAlgorithm: RSA_SHA256,
    extensions: [...content.extensions],
  });
}
