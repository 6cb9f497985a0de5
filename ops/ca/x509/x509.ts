// @peculiar/x509 resolves its algorithm providers through tsyringe, which
// needs the Reflect metadata API before it loads: this import must stay first.
import 'reflect-metadata';
import { createPrivateKey, createPublicKey, KeyObject, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509 };

/** Puppet's keys and signatures: RSA, PKCS#1 v1.5, SHA-256. */
export const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/**
 * Puppet's `key_type`: RSA of `keylength` bits (its default), or `ec`, an
 * ECDSA key on `named_curve` prime256v1 (P-256), which Puppet 7 agents and
 * OpenSSL accept alike.
 */
export type KeyType = 'rsa' | 'ec';

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** A fresh key pair of the type: RSA of `rsaBits` (puppetserver's `keylength`), or ECDSA P-256. */
export async function generateKeys(type: KeyType, rsaBits: number): Promise<CryptoKeyPair> {
  if (type === 'rsa') return generateRsaKeys(rsaBits);
  return (await webcrypto.subtle.generateKey(ECDSA_P256, true, ['sign', 'verify'])) as CryptoKeyPair;
}

/** A fresh RSA key pair (puppetserver's `keylength`, 4096 by default). */
export async function generateRsaKeys(bits: number): Promise<CryptoKeyPair> {
  const params = { ...RSA_SHA256, modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]) };
  return (await webcrypto.subtle.generateKey(params, true, ['sign', 'verify'])) as CryptoKeyPair;
}

/** The forms puppetserver and the agent write: PKCS#1 (`RSA PRIVATE KEY`), SEC1 (`EC PRIVATE KEY`) for ECDSA. */
export function privateKeyPem(key: CryptoKey): string {
  const k = KeyObject.from(key as webcrypto.CryptoKey);
  return k.export({ type: k.asymmetricKeyType === 'ec' ? 'sec1' : 'pkcs1', format: 'pem' }) as string;
}

export function publicKeyPem(key: CryptoKey): string {
  return KeyObject.from(key as webcrypto.CryptoKey).export({ type: 'spki', format: 'pem' }) as string;
}

/** Reads a private key in either PEM form (PKCS#1 from puppetserver, PKCS#8). */
export async function importPrivateKey(pem: string): Promise<CryptoKey> {
  const der = createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' });
  return (await webcrypto.subtle.importKey('pkcs8', der, RSA_SHA256, true, ['sign'])) as CryptoKey;
}

/** Whether a private key is the one whose public half a certificate carries. */
export function keyMatches(privateKey: CryptoKey, cert: x509.X509Certificate): boolean {
  const spki = createPublicKey(KeyObject.from(privateKey as webcrypto.CryptoKey)).export({ type: 'spki', format: 'der' });
  return spki.equals(Buffer.from(cert.publicKey.rawData));
}

/** PEM text ending in a newline, as files and HTTP bodies of PEM conventionally do (the library leaves it off). */
export function pemText(item: { toString(format: 'pem'): string }): string {
  return `${item.toString('pem')}\n`;
}
