import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { caPaths, PRIVATE_MODE, PUBLIC_MODE, REQUIRED_CA_FILES, writeFileAtomic, type CaPaths } from './ca-files.js';
import { CaInvalidError } from '../ca-errors.js';
import { emptyCrl } from '../x509/crl.js';
import { caExtensions } from '../x509/extensions.js';
import { formatSerial, recordIssued, takeSerial } from './inventory.js';
import { signCertificate, type CaIssuer } from '../x509/issuer.js';
import { generateRsaKeys, importPrivateKey, keyMatches, pemText, privateKeyPem, publicKeyPem, x509 } from '../x509/x509.js';

/** How a new CA is made (puppetserver's `ca_name`, `ca_ttl`, `keylength`). */
export interface NewCaSettings {
  readonly caName: string;
  readonly ttlSeconds: number;
  readonly keyLength: number;
}

/**
 * The CA in `dir`: opened as it is when puppetserver's required files are
 * all there, created when none is, refused when only some are (puppetserver
 * refuses a partial CA too, rather than overwrite half of one).
 */
export async function openCaDirectory(dir: string, settings: NewCaSettings): Promise<CaIssuer> {
  const paths = caPaths(dir);
  const present = REQUIRED_CA_FILES.filter((f) => existsSync(paths[f]));
  if (present.length === REQUIRED_CA_FILES.length) return loadIssuer(paths);
  if (present.length > 0) {
    const missing = REQUIRED_CA_FILES.filter((f) => !present.includes(f));
    throw new CaInvalidError(`Cannot initialize CA with partial state; need all files or none. Found: ${present.map((f) => paths[f]).join(', ')}. Missing: ${missing.map((f) => paths[f]).join(', ')}`);
  }
  return createCa(paths, settings);
}

async function loadIssuer(paths: CaPaths): Promise<CaIssuer> {
  try {
    // A bundle (intermediate CA) lists the signing certificate first.
    const cert = new x509.X509Certificate(x509.PemConverter.decodeFirst(readFileSync(paths.caCert, 'utf8')));
    const key = await importPrivateKey(readFileSync(paths.caKey, 'utf8'));
    if (!keyMatches(key, cert)) {
      throw new Error(`${paths.caKey} is not the key of ${paths.caCert}`);
    }
    return { cert, key };
  } catch (e) {
    throw new CaInvalidError(`cannot open the CA in ${paths.dir}: ${(e as Error).message}`, { cause: e });
  }
}

/** A new self-signed CA with puppetserver's extensions, serial 1, an empty CRL. */
async function createCa(paths: CaPaths, settings: NewCaSettings): Promise<CaIssuer> {
  for (const dir of [paths.signedDir, paths.requestsDir]) mkdirSync(dir, { recursive: true, mode: 0o755 });
  writeFileAtomic(paths.serial, formatSerial(1n), PUBLIC_MODE);
  const keys = await generateRsaKeys(settings.keyLength);
  const name = `CN=${settings.caName}`;
  const cert = await signCertificate(name, keys.privateKey, {
    serial: takeSerial(paths.serial),
    subject: name,
    publicKey: keys.publicKey,
    extensions: await caExtensions(keys.publicKey),
    ttlSeconds: settings.ttlSeconds,
  });
  const issuer = { cert, key: keys.privateKey };
  recordIssued(paths.inventory, cert);
  writeFileAtomic(paths.caPub, publicKeyPem(keys.publicKey), PUBLIC_MODE);
  writeFileAtomic(paths.caKey, privateKeyPem(keys.privateKey), PRIVATE_MODE);
  writeFileAtomic(paths.caCert, pemText(cert), PUBLIC_MODE);
  writeFileAtomic(paths.caCrl, await emptyCrl(issuer), PUBLIC_MODE);
  return issuer;
}
