import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TroupeApp } from '../app/troupe-app.js';
import { createRequestListener, type Route } from './http-router.js';
import { caRoutes } from './routes/ca.route.js';
import { catalogRefusal, catalogRoute } from './routes/catalog.route.js';
import { submitEventsRoute } from './routes/events.route.js';
import { nodeRoutes } from './routes/nodes.route.js';
import { pdbCommandRoute } from './routes/pdb-command.route.js';
import { puppetV3CatalogRoutes } from './routes/puppet-v3-catalog.route.js';
import { puppetV3EnvironmentsRoute } from './routes/puppet-v3-environments.route.js';
import { puppetV3FileRoutes } from './routes/puppet-v3-files.route.js';
import { puppetV3NodeRoute } from './routes/puppet-v3-node.route.js';
import { puppetV3ReportRoute } from './routes/puppet-v3-report.route.js';
import { puppetdbStatusRoute, puppetserverStatusRoute, simpleStatusRoute, statusRoute } from './routes/status.route.js';

export interface RunningHttpServer {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

export function troupeRoutes(app: TroupeApp): Route[] {
  return [
    catalogRoute(app), pdbCommandRoute(app), statusRoute(app), puppetdbStatusRoute(app), submitEventsRoute(app), ...nodeRoutes(app),
    ...puppetV3CatalogRoutes(app), puppetV3NodeRoute(app), puppetV3ReportRoute(app), puppetV3EnvironmentsRoute(app), ...puppetV3FileRoutes(app),
    puppetserverStatusRoute(app), simpleStatusRoute(app), ...caRoutes(app),
  ];
}

/** Serves Troupe's HTTP front door; resolves once it listens. */
export async function startHttpServer(app: TroupeApp, host: string, port: number): Promise<RunningHttpServer> {
  const server = createServer({ keepAliveTimeout: 5000 }, createRequestListener(troupeRoutes(app), { fastPath: catalogRefusal(app), body: app.bodies }));
  // Bounded: beyond this many sockets the kernel backlog holds new connections.
  server.maxConnections = 20_000;
  server.on('clientError', answerMalformed);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    server,
    url: `http://${host}:${addr.port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

/**
 * A request Node's HTTP parser cannot read gets a 400 that says why (as
 * every other refusal does), then the connection closes.
 */
function answerMalformed(e: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable || (e.code === 'ECONNRESET')) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: `malformed HTTP request (${e.code ?? e.message})` });
  socket.end(`HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}
