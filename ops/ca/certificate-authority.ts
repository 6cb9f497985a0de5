import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { TroupeError } from '../../core/errors/troupe-error.js';
import { PP_CLI_AUTH } from '../../core/trusted/puppet-oids.js';
import { sslDirOf, type TroupeConfig } from '../config/troupe.config.js';
import { autosignPolicy, DEFAULT_AUTOSIGN_LIMITS, type AutosignLimits, type AutosignPolicy } from './policy/autosign.js';
import { DEFAULT_CA_TTL_SECONDS, DEFAULT_KEY_LENGTH, RENEWAL_TTL_SECONDS } from './ca-defaults.js';
import { openCaDirectory } from './storage/ca-directory.js';
import { CsrRejectedError } from './ca-errors.js';
import { caPaths, hostPaths, PRIVATE_MODE, PUBLIC_MODE, readText, requestPath, signedPath, writeFileAtomic, type CaPaths } from './storage/ca-files.js';
import { CaLock } from './storage/ca-lock.js';
import { certificateStatus, type CertificateState, type CertificateStatus } from './policy/cert-status.js';
import { isCertname, validateSubject } from './policy/certname.js';
import { crlExpiresWithin, renewedCrl, revokedSerials, withRevoked } from './x509/crl.js';
import { CrlSource, type CrlListener, type CrlSnapshot } from './storage/crl-source.js';
import { checkCsrSignature, checkSignable, commonName, NOTHING_EXTRA, parseCsr, type SigningAllowances } from './x509/csr.js';
import { altNames, leafExtensions, utf8Extension, withCertnameSan } from './x509/extensions.js';
import { certSerial, recordIssued, takeSerial, unexpiredSerials } from './storage/inventory.js';
import { issueCertificate, type CaIssuer } from './x509/issuer.js';
import { generateKeys, pemText, privateKeyPem, x509, type KeyType } from './x509/x509.js';

/**
 * The server's own key: ECDSA P-256, as its certificate's key signs every
 * full TLS handshake, refusals under overload included: an RSA-4096
 * signature costs milliseconds of the server's CPU, an ECDSA P-256 one
 * tens of microseconds. Puppet agents accept it (OpenSSL verifies the
 * chain; the CA that signs it stays RSA).
 */
const SERVER_KEY_TYPE: KeyType = 'ec';
/** The names the server's own certificate always answers to, so local tools can verify it. */
const SERVER_ALT_NAMES = ['localhost', '127.0.0.1', '::1'];
/** puppetserver's `crl-expiration-window-days`. */
const CRL_RENEWAL_WINDOW_MS = 30 * 86_400_000;
/** Authority and subject key identifiers: what a renewal recomputes, keeping every other extension. */
const KEY_IDENTIFIERS = new Set(['2.5.29.35', '2.5.29.14']);

export interface CertificateAuthorityOptions {
  /** Puppet's ssldir layout: the CA in `ca/`, host keys and certificates in `private_keys/` and `certs/`. */
  readonly sslDir: string;
  /** Subject of a new CA's certificate. @defaultValue `Puppet CA: <host name>` */
  readonly caName?: string;
  /** Validity of new certificates, the CA's own included. @defaultValue five years */
  readonly ttlSeconds?: number;
  /** RSA key size of new RSA keys, the CA's own included. @defaultValue 4096 (Puppet's `keylength`) */
  readonly keyLength?: number;
  /**
   * Type of the keys `generate` makes (the CA's own key is always RSA).
   * 'ec' for many certificates at once: an ECDSA P-256 key takes well
   * under a millisecond to make, an RSA-4096 one about a second.
   * @defaultValue 'rsa' (Puppet's `key_type`)
   */
  readonly keyType?: KeyType;
  /** puppetserver's `autosign`: true, false or the path of an autosign.conf or policy executable. @defaultValue false */
  readonly autosign?: boolean | string;
  readonly autosignLimits?: AutosignLimits;
}

/** What the HTTPS listener needs: its key and certificate, the CA's certificate and CRL, all PEM. */
export interface ServerCredentials {
  readonly keyPem: string;
  readonly certPem: string;
  readonly caPem: string;
  readonly crlPem: string;
}

/** A key and certificate made by `generate`, and where they were written. */
export interface GeneratedCredentials {
  readonly keyPem: string;
  readonly certPem: string;
  readonly keyPath: string;
  readonly certPath: string;
}

/** The CA's certificate lists, by state. */
export type CertificateListing = Record<CertificateState, CertificateStatus[]>;

/**
 * Troupe's certificate authority: puppetserver's CA, on a CA directory in
 * puppetserver's layout. Nothing touches the disk until first use; then
 * the directory is opened, or a new CA is created in it. Every change
 * (serial, inventory, CRL, files) happens under the CA lock, so this
 * process and `troupe ca` in another one can change it side by side.
 */
export class CertificateAuthority {
  readonly paths: CaPaths;
  private readonly lock: CaLock;
  private readonly crl: CrlSource;
  private readonly autosign: AutosignPolicy;
  private issuer: Promise<CaIssuer> | undefined;

  /** The CA `troupe serve` and `troupe ca` use: in the configured ssldir, with its autosign policy and TTL. */
  static fromConfig(config: Pick<TroupeConfig, 'sslDir' | 'dataDir' | 'autosign' | 'caTtlSeconds'>): CertificateAuthority {
    return new CertificateAuthority({ sslDir: sslDirOf(config), autosign: config.autosign, ttlSeconds: config.caTtlSeconds });
  }

  constructor(private readonly options: CertificateAuthorityOptions) {
    this.paths = caPaths(join(options.sslDir, 'ca'));
    this.lock = new CaLock(join(this.paths.dir, '.troupe-ca.lock'));
    this.crl = new CrlSource(this.paths.caCrl);
    this.autosign = autosignPolicy(options.autosign ?? false, options.autosignLimits ?? DEFAULT_AUTOSIGN_LIMITS);
  }

  /** Opens (or creates) the CA; every other operation does this first. */
  ready(): Promise<CaIssuer> {
    this.issuer ??= this.openOrCreate().catch((e: unknown) => {
      this.issuer = undefined;
      throw e;
    });
    return this.issuer;
  }

  private openOrCreate(): Promise<CaIssuer> {
    mkdirSync(this.paths.dir, { recursive: true, mode: 0o750 });
    return this.lock.run(async () => {
      const issuer = await openCaDirectory(this.paths.dir, {
        caName: this.options.caName ?? `Puppet CA: ${hostname()}`,
        ttlSeconds: this.options.ttlSeconds ?? DEFAULT_CA_TTL_SECONDS,
        keyLength: this.options.keyLength ?? DEFAULT_KEY_LENGTH,
      });
      await this.renewCrlIfExpiring(issuer);
      return issuer;
    });
  }

  /** An expired CRL fails every TLS handshake that checks it: re-sign one due within 30 days, as puppetserver does on start. */
  private async renewCrlIfExpiring(issuer: CaIssuer): Promise<void> {
    const crl = readFileSync(this.paths.caCrl, 'utf8');
    if (crlExpiresWithin(crl, CRL_RENEWAL_WINDOW_MS)) writeFileAtomic(this.paths.caCrl, await renewedCrl(issuer, crl), PUBLIC_MODE);
  }

  /** `ca_crt.pem` as it is (a bundle stays a bundle). */
  async caCertificatePem(): Promise<string> {
    await this.ready();
    return readFileSync(this.paths.caCert, 'utf8');
  }

  /** The CRL now, re-read if any process changed it. */
  async crlSnapshot(): Promise<CrlSnapshot> {
    await this.ready();
    return this.crl.current();
  }

  /**
   * Calls `listener` with every new CRL (a revocation here, or by `troupe
   * ca` in another process) so TLS can check it at once; returns the
   * unsubscribe function.
   */
  async onCrlChange(listener: CrlListener): Promise<() => void> {
    await this.ready();
    this.crl.current();
    return this.crl.subscribe(listener);
  }

  /** Where a certname's certificate or request is, `ca` being the CA's own; undefined for a name that is no certname. */
  async certificatePath(certname: string): Promise<string | undefined> {
    await this.ready();
    if (certname === 'ca') return this.paths.caCert;
    return isCertname(certname) ? signedPath(this.paths, certname) : undefined;
  }

  async requestPem(certname: string): Promise<string | undefined> {
    await this.ready();
    return isCertname(certname) ? readText(requestPath(this.paths, certname)) : undefined;
  }

  /**
   * puppetserver's CSR submission: the CSR must be readable, name the
   * certname, be signed by its own key and not duplicate a request or
   * certificate; it is saved, then signed at once if the autosign policy
   * says so.
   */
  async submit(certname: string, csrPem: string): Promise<'signed' | 'requested'> {
    await this.ready();
    const csr = parseCsr(csrPem);
    validateSubject(certname, commonName(csr.subjectName));
    await checkCsrSignature(csr);
    await this.lock.run(async () => {
      this.refuseDuplicate(certname, 'ignoring certificate request');
      writeFileAtomic(requestPath(this.paths, certname), pemText(csr), PUBLIC_MODE);
    });
    if (!(await this.autosign(certname, pemText(csr)))) return 'requested';
    await this.sign(certname);
    return 'signed';
  }

  /** Signs the pending request, copying its extension requests (pp_role …) into the certificate. */
  sign(certname: string, allow: SigningAllowances = NOTHING_EXTRA): Promise<x509.X509Certificate> {
    return this.changing(async (issuer) => {
      const pem = isCertname(certname) ? readText(requestPath(this.paths, certname)) : undefined;
      if (pem === undefined) throw new TroupeError('not_found', `Cannot sign certificate for host ${certname} without a certificate request`);
      const csr = parseCsr(pem);
      validateSubject(certname, commonName(csr.subjectName));
      await checkSignable(csr, allow);
      const base = await leafExtensions(issuer.cert, csr.publicKey);
      const cert = await this.issue(issuer, certname, csr.publicKey, withCertnameSan(certname, [...base, ...csr.extensions]));
      rmSync(requestPath(this.paths, certname), { force: true });
      return cert;
    });
  }

  /**
   * Revokes every unexpired certificate the certname was issued (the
   * inventory's and the one in `signed/`) and publishes the new CRL at
   * once; the certificate files stay, as puppetserver leaves them. False
   * when all of them were revoked already.
   */
  revoke(certname: string): Promise<boolean> {
    return this.changing((issuer) => this.revokeHeld(issuer, certname));
  }

  /** Revokes what the certname holds and deletes its certificate and request, so it can ask anew. */
  clean(certname: string): Promise<void> {
    return this.changing(async (issuer) => {
      const hasRequest = isCertname(certname) && existsSync(requestPath(this.paths, certname));
      if (this.serialsOf(certname).length > 0) await this.revokeHeld(issuer, certname);
      else if (!hasRequest) throw new TroupeError('not_found', `Could not find a certificate or request for ${certname}`);
      rmSync(signedPath(this.paths, certname), { force: true });
      rmSync(requestPath(this.paths, certname), { force: true });
    });
  }

  /** A new key and a certificate signed for it, written to the ssldir (admin and test certificates). */
  generate(certname: string, dnsAltNames: readonly string[] = []): Promise<GeneratedCredentials> {
    return this.changing((issuer) => this.generateHeld(issuer, certname, dnsAltNames, [], this.options.keyType ?? 'rsa'));
  }

  /**
   * The HTTPS listener's credentials: the certname's key and certificate
   * from the ssldir, made on first start (alt names: the certname,
   * localhost, 127.0.0.1, ::1 and `dnsAltNames`; marked as the server's
   * with pp_cli_auth, as puppetserver marks its own; an ECDSA P-256 key,
   * see SERVER_KEY_TYPE). A server made before keeps its RSA key.
   */
  async serverCredentials(certname: string, dnsAltNames: readonly string[] = []): Promise<ServerCredentials> {
    const host = hostPaths(this.options.sslDir, certname);
    if (!existsSync(host.cert) || !existsSync(host.key)) {
      await this.changing((issuer) => this.generateHeld(issuer, certname, [...SERVER_ALT_NAMES, ...dnsAltNames], [utf8Extension(PP_CLI_AUTH, 'true')], SERVER_KEY_TYPE));
    }
    return {
      keyPem: readFileSync(host.key, 'utf8'),
      certPem: readFileSync(host.cert, 'utf8'),
      caPem: await this.caCertificatePem(),
      crlPem: (await this.crlSnapshot()).pem,
    };
  }

  /**
   * A new certificate for the certname's current one: same subject, key
   * and extensions, 90 days (puppetserver's certificate_renewal).
   */
  renew(certname: string): Promise<string> {
    return this.changing(async (issuer) => {
      const pem = isCertname(certname) ? readText(signedPath(this.paths, certname)) : undefined;
      if (pem === undefined) throw new TroupeError('not_found', `Could not find certificate ${certname}`);
      const current = new x509.X509Certificate(pem);
      const kept = current.extensions.filter((e) => !KEY_IDENTIFIERS.has(e.type));
      const fresh = (await leafExtensions(issuer.cert, current.publicKey)).filter((e) => KEY_IDENTIFIERS.has(e.type));
      return pemText(await this.issue(issuer, certname, current.publicKey, [...kept, ...fresh], RENEWAL_TTL_SECONDS));
    });
  }

  /** One certname's status as puppetserver's certificate_status reports it; undefined when it has neither. */
  async status(certname: string): Promise<CertificateStatus | undefined> {
    await this.ready();
    if (!isCertname(certname)) return undefined;
    const revoked = revokedSerials(this.crl.current().pem);
    const cert = readText(signedPath(this.paths, certname));
    if (cert !== undefined) return certificateStatus(certname, new x509.X509Certificate(cert), revoked);
    const csr = readText(requestPath(this.paths, certname));
    return csr === undefined ? undefined : certificateStatus(certname, parseCsr(csr), revoked);
  }

  /** Every request and certificate, by state. */
  async list(): Promise<CertificateListing> {
    await this.ready();
    const revoked = revokedSerials(this.crl.current().pem);
    const read = (dir: string, parse: (pem: string) => x509.X509Certificate | x509.Pkcs10CertificateRequest) => pemNames(dir)
      .map((name) => certificateStatus(name, parse(readFileSync(join(dir, `${name}.pem`), 'utf8')), revoked));
    const all = [...read(this.paths.requestsDir, parseCsr), ...read(this.paths.signedDir, (pem) => new x509.X509Certificate(pem))];
    return { requested: all.filter((s) => s.state === 'requested'), signed: all.filter((s) => s.state === 'signed'), revoked: all.filter((s) => s.state === 'revoked') };
  }

  close(): void {
    this.crl.close();
  }

  private async changing<T>(change: (issuer: CaIssuer) => Promise<T>): Promise<T> {
    const issuer = await this.ready();
    return this.lock.run(() => change(issuer));
  }

  private refuseDuplicate(certname: string, consequence: string): void {
    const state = this.stateOf(certname);
    if (state) throw new CsrRejectedError('duplicate-cert', `${certname} already has a ${state} certificate; ${consequence}`);
  }

  private stateOf(certname: string): CertificateState | undefined {
    const cert = readText(signedPath(this.paths, certname));
    if (cert !== undefined) return revokedSerials(this.crl.current().pem).has(certSerial(new x509.X509Certificate(cert))) ? 'revoked' : 'signed';
    return existsSync(requestPath(this.paths, certname)) ? 'requested' : undefined;
  }

  private serialsOf(certname: string): bigint[] {
    if (!isCertname(certname)) return [];
    const file = readText(signedPath(this.paths, certname));
    return [...unexpiredSerials(this.paths.inventory, certname), ...(file === undefined ? [] : [certSerial(new x509.X509Certificate(file))])];
  }

  private async revokeHeld(issuer: CaIssuer, certname: string): Promise<boolean> {
    const serials = this.serialsOf(certname);
    if (serials.length === 0) throw new TroupeError('not_found', `Cannot revoke certificate for host ${certname} without a signed certificate`);
    const next = await withRevoked(issuer, readFileSync(this.paths.caCrl, 'utf8'), serials);
    if (next === undefined) return false;
    writeFileAtomic(this.paths.caCrl, next, PUBLIC_MODE);
    this.crl.refresh();
    return true;
  }

  private async generateHeld(issuer: CaIssuer, certname: string, names: readonly string[], extra: readonly x509.Extension[], keyType: KeyType): Promise<GeneratedCredentials> {
    validateSubject(certname, certname);
    this.refuseDuplicate(certname, 'refusing to generate another (clean it first)');
    const keys = await generateKeys(keyType, this.options.keyLength ?? DEFAULT_KEY_LENGTH);
    const requested = names.length > 0 ? [new x509.SubjectAlternativeNameExtension(altNames(names), false)] : [];
    const base = await leafExtensions(issuer.cert, keys.publicKey);
    const cert = await this.issue(issuer, certname, keys.publicKey, withCertnameSan(certname, [...base, ...extra, ...requested]));
    const host = hostPaths(this.options.sslDir, certname);
    const credentials = { keyPem: privateKeyPem(keys.privateKey), certPem: pemText(cert), keyPath: host.key, certPath: host.cert };
    writeFileAtomic(host.key, credentials.keyPem, PRIVATE_MODE);
    writeFileAtomic(host.cert, credentials.certPem, PUBLIC_MODE);
    return credentials;
  }

  /** Signs with the next serial, records it in the inventory and writes `signed/<certname>.pem`. */
  private async issue(issuer: CaIssuer, certname: string, publicKey: x509.PublicKeyType, extensions: x509.Extension[], ttlSeconds = this.options.ttlSeconds ?? DEFAULT_CA_TTL_SECONDS): Promise<x509.X509Certificate> {
    const cert = await issueCertificate(issuer, { serial: takeSerial(this.paths.serial), subject: `CN=${certname}`, publicKey, extensions, ttlSeconds });
    recordIssued(this.paths.inventory, cert);
    writeFileAtomic(signedPath(this.paths, certname), pemText(cert), PUBLIC_MODE);
    return cert;
  }
}

/** Certnames of the `NAME.pem` files in a directory. */
function pemNames(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.pem')).map((f) => f.slice(0, -4)).sort();
}
