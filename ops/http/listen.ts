import type { Server } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import type { Duplex } from 'node:stream';

export interface Listening {
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

/**
 * Listens; resolves once listening, rejects with the listen error
 * (EADDRINUSE …). `acceptor` is the socket that accepts connections: the
 * HTTP server itself, or a plain TCP server that hands them to `servers`
 * (the TLS door's handshake gate).
 */
export async function listen(servers: readonly Server[], host: string, port: number, scheme: 'http' | 'https', acceptor: NetServer = servers[0] as Server): Promise<Listening> {
  acceptor.maxConnections = MAX_CONNECTIONS;
  for (const s of servers) s.on('clientError', answerMalformed);
  await new Promise<void>((resolve, reject) => {
    acceptor.once('error', reject);
    acceptor.listen({ port, host, backlog: LISTEN_BACKLOG }, () => resolve());
  });
  const addr = acceptor.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `${scheme}://${host.includes(':') ? `[${host}]` : host}:${addr.port}`,
    close() {
      // The acceptor counts every connection it accepted, handed on or not.
      closing ??= new Promise<void>((resolve) => {
        acceptor.close(() => resolve());
        for (const s of servers) s.closeIdleConnections();
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
