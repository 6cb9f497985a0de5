import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { PUPPET_OID_ARC } from '../../../core/trusted/puppet-oids.js';
import { revokedSerials } from '../../ca/x509/crl.js';
import { puppetExtensions } from '../../ca/x509/extensions.js';
import { x509 } from '../../ca/x509/x509.js';
import type { ClientIdentity, OperatorRole } from '../http-router.js';

/** Certificates whose identity is kept parsed; beyond it the oldest is parsed again when seen. */
const MAX_CACHED = 10_000;
const ANONYMOUS: ClientIdentity = { certname: null, trusted: null, admin: false };

interface Parsed {
  readonly certname: string;
  readonly serial: bigint;
  readonly extensions: Readonly<Record<string, string>>;
}

export interface ClientIdentityOptions {
  /** Certnames allowed on `admin` routes besides certificates marked `pp_cli_auth`. */
  readonly adminCertnames: readonly string[];
  /** Operators who may read, deploy and run. @defaultValue none */
  readonly deployerCertnames?: readonly string[];
  /** Operators who may only read. @defaultValue none */
  readonly readOnlyCertnames?: readonly string[];
}

/**
 * Who a TLS client is, as puppetserver decides: a certificate the Puppet CA
 * signed and has not revoked; its CN is the certname, its Puppet
 * extensions become `$trusted['extensions']`; `pp_cli_auth` (the server's
 * own certificate) or the admin allow-list make it an admin. Revocation
 * counts at once, on connections opened before it too.
 */
export class ClientIdentities {
  private readonly parsed = new Map<string, Parsed>();
  private readonly bySocket = new WeakMap<TLSSocket, Parsed>();
  private revoked = new Set<bigint>();
  /** Operator roles below admin, by certname (the higher when listed twice). */
  private readonly roles = new Map<string, OperatorRole>();

  constructor(options: ClientIdentityOptions) {
    for (const c of options.readOnlyCertnames ?? []) this.roles.set(c, 'read-only');
    for (const c of options.deployerCertnames ?? []) this.roles.set(c, 'deployer');
    for (const c of options.adminCertnames) this.roles.set(c, 'admin');
  }

  /** The configured operator role of a certname, if any. */
  roleOf(certname: string): OperatorRole | undefined {
    return this.roles.get(certname);
  }

  /** The CA's current CRL, whenever it changes. */
  crlChanged(crlPem: string): void {
    this.revoked = revokedSerials(crlPem);
  }

  identify(req: IncomingMessage): ClientIdentity {
    const socket = req.socket as TLSSocket;
    if (!socket.authorized) return ANONYMOUS;
    const p = this.peerOf(socket);
    if (this.revoked.has(p.serial)) return ANONYMOUS;
    const role = p.extensions['pp_cli_auth'] === 'true' ? 'admin' : this.roleOf(p.certname);
    return { certname: p.certname, trusted: { certname: p.certname, extensions: p.extensions }, admin: role === 'admin', ...(role ? { role } : {}) };
  }

  /** The connection's certificate, read once per connection: keep-alive requests reuse it. */
  private peerOf(socket: TLSSocket): Parsed {
    let p = this.bySocket.get(socket);
    if (!p) {
      const cert = socket.getPeerCertificate();
      p = this.parse(cert.fingerprint256, cert.raw);
      this.bySocket.set(socket, p);
    }
    return p;
  }

  private parse(fingerprint: string, der: Buffer): Parsed {
    let p = this.parsed.get(fingerprint);
    if (!p) {
      const cert = new x509.X509Certificate(new Uint8Array(der));
      const cn = cert.subjectName.getField('CN')[0] ?? '';
      p = { certname: cn, serial: BigInt(`0x${cert.serialNumber}`), extensions: puppetExtensions(cert.extensions, PUPPET_OID_ARC) };
      if (this.parsed.size >= MAX_CACHED) this.parsed.delete(this.parsed.keys().next().value!);
      this.parsed.set(fingerprint, p);
    }
    return p;
  }
}
