import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import type { SecureContextOptions, TLSSocket } from 'node:tls';
import type { TroupeApp } from '../app/troupe-app.js';
import type { TroupeConfig } from '../config/troupe.config.js';
import { AccessLog } from '../log/access-log.js';
import { createRequestListener, observeAll, type ClientIdentity, type RequestObserver } from './http-router.js';
import { troupeRoutes } from './http-server.js';
import { listen, type Listening } from './listen.js';
import { catalogRefusal } from './routes/puppet/catalog.route.js';
import { METRICS_ROUTE_NAME } from './routes/metrics.route.js';
import { sendRefusal, V3_CATALOG_REFUSAL } from './routes/puppet/catalog-refusal.js';
import { ClientIdentities } from './tls/client-identity.js';
import { HandshakeGate, type HandshakeRoom } from './tls/handshake-gate.js';

export interface FrontDoors {
  /** Puppet's door: HTTPS with client certificates, on `host:port`. */
  readonly https: Listening;
  /** The opt-in plain-HTTP listener for loopback tooling, when configured. */
  readonly plain: Listening | undefined;
  close(): Promise<void>;
}

/**
 * Starts Troupe's doors: HTTPS on `--port` as puppetserver serves (TLS 1.2+,
 * client certificates checked against the CA and its CRL; the CA's own
 * endpoints answer without one), and plain HTTP on `--plain-port` when
 * asked for. Both count their requests in the app's metrics and log them
 * in one access log. If either cannot listen, neither stays open.
 */
export async function startFrontDoors(app: TroupeApp, config: TroupeConfig): Promise<FrontDoors> {
  const access = new AccessLog({ quietRoutes: [METRICS_ROUTE_NAME] });
  const observer = observeAll([app.metrics.http, access]);
  let https: Listening | undefined;
  let plain: Listening | undefined;
  try {
    https = await startHttps(app, config, observer);
    if (config.plainPort !== null) plain = await listen([createHttpServer({ keepAliveTimeout: 5000 }, listener(app, observer))], config.plainHost, config.plainPort, 'http');
  } catch (e) {
    await https?.close();
    access.close();
    throw e;
  }
  const door = https;
  return { https: door, plain, close: async () => { await Promise.all([door.close(), plain?.close()]); access.close(); } };
}

function listener(app: TroupeApp, observer: RequestObserver, identify?: (req: Parameters<ClientIdentities['identify']>[0]) => ClientIdentity) {
  return createRequestListener(troupeRoutes(app), { fastPath: catalogRefusal(app), body: app.bodies, observer, ...(identify ? { identify } : {}) });
}

async function startHttps(app: TroupeApp, config: TroupeConfig, observer: RequestObserver): Promise<Listening> {
  const credentials = await app.ca.serverCredentials(config.certname, config.dnsAltNames);
  const identities = new ClientIdentities(config);
  identities.crlChanged(credentials.crlPem);
  // Certificates are asked for, not required: the CA's endpoints serve agents that have none yet.
  // The CRL is checked per request (ClientIdentities), not in the handshake: it costs every
  // handshake ~0.3 ms of OpenSSL's time, and a revoked certificate is then refused on every
  // request anyway, open connections included.
  const tls: SecureContextOptions = { key: credentials.keyPem, cert: credentials.certPem, ca: credentials.caPem, minVersion: 'TLSv1.2' };
  const server = createHttpsServer({ ...tls, requestCert: true, rejectUnauthorized: false, keepAliveTimeout: 5000 },
    listener(app, observer, (req) => identities.identify(req)));
  // Connections held too long by the handshake gate: a 503 for any request, no client certificate asked.
  const refusals = createHttpsServer({ ...tls, keepAliveTimeout: 0 }, (_req, res) => sendRefusal(res, V3_CATALOG_REFUSAL, app.admission.retryAfterSeconds()));
  const gate = new HandshakeGate(admissionRoom(app), {
    serve: (socket) => server.emit('connection', socket),
    refuse: (socket) => refusals.emit('connection', socket),
  }, { maxHoldMs: config.tlsHoldSeconds * 1000 });
  for (const s of [server, refusals]) {
    s.on('secureConnection', (t: TLSSocket) => gate.handshakeFinished(t));
    s.on('tlsClientError', (_e: Error, t: TLSSocket) => gate.handshakeFinished(t));
  }
  app.statusOf('tlsHandshakes', () => gate.stats());
  app.metrics.watchHandshakes(() => gate.stats());
  const acceptor = createNetServer((socket) => gate.accept(socket));
  const unsubscribe = await app.ca.onCrlChange((crl) => identities.crlChanged(crl.pem));
  try {
    const door = await listen([server, refusals], config.host, config.port, 'https', acceptor);
    return { ...door, close: async () => { unsubscribe(); gate.close(); await door.close(); } };
  } catch (e) {
    unsubscribe();
    throw e;
  }
}

/**
 * A TLS connection is handshaken when the compile request it most likely
 * carries would be admitted: the admission gate is open and the handshakes
 * already started for connections to be served do not fill it.
 */
function admissionRoom(app: TroupeApp): HandshakeRoom {
  const admission = app.admission;
  return {
    hasRoom: (serving) => admission.open && admission.pending + serving < admission.highWater,
    whenRoom: () => admission.whenOpen(),
  };
}
