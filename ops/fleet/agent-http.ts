import { connect, type Socket } from 'node:net';
import { connect as connectTls, createSecureContext, type SecureContext } from 'node:tls';

export interface AgentResponse {
  readonly status: number;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** A response larger than this is cut off and the request fails (the client's own bound). */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** A client certificate signed by the Troupe CA, its key, and the CA to trust (PEM). */
export interface AgentTls {
  readonly cert: string;
  readonly key: string;
  readonly ca: string;
}

export class AgentHttpError extends Error {
  constructor(readonly kind: 'timeout' | 'connection' | 'protocol', message: string) {
    super(message);
  }
}

/** One request of an agent run. */
export interface AgentRequest {
  readonly method: 'POST' | 'PUT';
  /** Path and query. */
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
  /** The `Accept` header, when the request sends one. */
  readonly accept?: string;
}

/**
 * An agent run's TLS state across its connections: its certificate made
 * into a context once (not parsed again per connection), and, when the run
 * resumes sessions, the last session the server handed out.
 */
export interface AgentTlsState {
  readonly context: SecureContext;
  readonly resume: boolean;
  session?: Buffer;
}

export function agentTlsState(tls: AgentTls, resume = false): AgentTlsState {
  return { context: createSecureContext(tls), resume };
}

/**
 * One HTTP/1.1 request on a fresh connection (a fresh TLS handshake for
 * https, abbreviated when `tls` resumes a session), closed after the
 * response, as each Puppet agent run opens its own: no pooling between
 * agents. Lean on purpose: the simulator shares the machine with the
 * server it measures, and undici's fetch costs several times more CPU per
 * request.
 */
export function send(url: URL, request: AgentRequest, timeoutMs: number, tls?: AgentTlsState): Promise<AgentResponse> {
  const head = `${request.method} ${request.path} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: ${request.contentType}\r\n${request.accept ? `Accept: ${request.accept}\r\n` : ''}Content-Length: ${Buffer.byteLength(request.body)}\r\nConnection: close\r\n\r\n`;
  return new Promise((resolve, reject) => {
    const socket: Socket = url.protocol === 'https:'
      ? connectTls({ host: url.hostname, port: Number(url.port || 443), secureContext: tls?.context, ...(tls?.resume && tls.session ? { session: tls.session } : {}) })
      : connect(Number(url.port || 80), url.hostname);
    if (tls?.resume) socket.on('session', (session: Buffer) => { tls.session = session; });
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (e: AgentHttpError): void => {
      socket.destroy();
      reject(e);
    };
    const timer = setTimeout(() => fail(new AgentHttpError('timeout', `no response within ${timeoutMs} ms`)), timeoutMs);
    socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => socket.write(head + request.body));
    socket.on('data', (d: Buffer) => {
      size += d.length;
      if (size > MAX_RESPONSE_BYTES) fail(new AgentHttpError('protocol', `response exceeds ${MAX_RESPONSE_BYTES} bytes`));
      else chunks.push(d);
    });
    socket.once('error', (e) => fail(new AgentHttpError('connection', e.message)));
    socket.once('end', () => {
      clearTimeout(timer);
      try {
        resolve(parseResponse(Buffer.concat(chunks)));
      } catch (e) {
        reject(e);
      }
    });
    socket.once('close', () => clearTimeout(timer));
  });
}

function parseResponse(raw: Buffer): AgentResponse {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) throw new AgentHttpError('connection', 'connection closed before the response headers');
  const [statusLine, ...lines] = raw.subarray(0, split).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1]);
  if (!status) throw new AgentHttpError('protocol', `bad status line: ${statusLine}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = raw.subarray(split + 4);
  const body = headers['transfer-encoding']?.toLowerCase() === 'chunked' ? dechunk(rest) : rest;
  const declared = headers['content-length'];
  if (declared !== undefined && Number(declared) !== body.length) {
    throw new AgentHttpError('connection', `response cut short: ${body.length} of ${declared} bytes`);
  }
  return { status, headers, body };
}

function dechunk(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = raw.indexOf('\r\n', at);
    const size = eol < 0 ? NaN : parseInt(raw.subarray(at, eol).toString('latin1'), 16);
    if (!(size >= 0)) throw new AgentHttpError('connection', 'chunked response cut short');
    if (size === 0) return Buffer.concat(parts);
    parts.push(raw.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}
