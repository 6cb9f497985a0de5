import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

export interface Listening {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/** Bounded: beyond this many sockets the kernel backlog holds new connections. */
const MAX_CONNECTIONS = 20_000;
/**
 * Connections the kernel queues before Node accepts them (capped by
 * net.core.somaxconn). A herd of TLS agents arrives faster than handshakes
 * complete; Node's default of 511 reset the excess.
 */
const LISTEN_BACKLOG = 4096;

/** Listens; resolves once listening, rejects with the listen error (EADDRINUSE …). */
export async function listen(server: Server, host: string, port: number, scheme: 'http' | 'https'): Promise<Listening> {
  server.maxConnections = MAX_CONNECTIONS;
  server.on('clientError', answerMalformed);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    server,
    url: `${scheme}://${host.includes(':') ? `[${host}]` : host}:${addr.port}`,
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
  if (!socket.writable || e.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: `malformed HTTP request (${e.code ?? e.message})` });
  socket.end(`HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}
