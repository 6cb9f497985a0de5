import { existsSync, readFileSync } from 'node:fs';
import { hostPaths } from '../ca/storage/ca-files.js';
import { CertificateAuthority } from '../ca/certificate-authority.js';
import type { AgentTls } from './agent-http.js';
import { fleetNode } from './fleet-node.js';

/**
 * The simulated nodes' own certificates, from the Troupe CA in the
 * server's ssldir (as `troupe ca generate` makes them, by the same lock, so
 * a running server may share it): ECDSA P-256 keys, Puppet's `key_type =
 * ec`, since an RSA-4096 key takes about a second to make and a fleet has
 * thousands. A node that has its key and certificate there already keeps
 * them, so a second fleet on the same ssldir starts at once. Resolves with
 * each certname's credentials.
 */
export async function nodeCertificates(sslDir: string, nodes: number, progress?: (made: number) => void): Promise<(certname: string) => AgentTls> {
  const ca = new CertificateAuthority({ sslDir, keyType: 'ec' });
  const held = new Map<string, AgentTls>();
  try {
    const caPem = await ca.caCertificatePem();
    let made = 0;
    for (let i = 0; i < nodes; i++) {
      const { certname } = fleetNode(i);
      const files = hostPaths(sslDir, certname);
      const own = existsSync(files.cert) && existsSync(files.key)
        ? { certPem: readFileSync(files.cert, 'utf8'), keyPem: readFileSync(files.key, 'utf8') }
        : await ca.generate(certname).then((c) => { progress?.(++made); return c; });
      held.set(certname, { cert: own.certPem, key: own.keyPem, ca: caPem });
    }
  } finally {
    ca.close();
  }
  return (certname) => {
    const tls = held.get(certname);
    if (!tls) throw new Error(`no certificate was made for ${certname}`);
    return tls;
  };
}
