// @peculiar/x509 resolves its algorithm providers through tsyringe, which
// needs the Reflect metadata API before it loads: this import must stay first.
import 'reflect-metadata';
import { createPrivateKey, createPublicKey, KeyObject, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509 };

/** Puppet's keys and signatures: RSA, PKCS#1 v1.5, SHA-256. */
export const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** A fresh RSA key pair (puppetserver's `keylength`, 4096 by default). */
export async function generateRsaKeys(bits: number): Promise<CryptoKeyPair> {
  const params = { ...RSA_SHA256, modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]) };
  return (await webcrypto.subtle.generateKey(params, true, ['sign', 'verify'])) as CryptoKeyPair;
}

/** PKCS#1 (`RSA PRIVATE KEY`), the form puppetserver and the agent write. */
export function privateKeyPem(key: CryptoKey): string {
  return KeyObject.from(key as webcrypto.CryptoKey).export({ type: 'pkcs1', format: 'pem' }) as string;
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
