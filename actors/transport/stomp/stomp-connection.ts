import { isIP } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions as TlsOptions } from 'node:tls';
import { Client, type IMessage, type StompHeaders } from '@stomp/stompjs';
import { TCPWrapper } from '@stomp/tcp-wrapper';
import { ConfigError, OverloadedError, TroupeError } from '../../../core/errors/troupe-error.js';
import { backoffDelay, type BackoffOptions } from './reconnect-backoff.js';
import { parseStompUrl, type StompEndpoint } from './stomp-url.js';

export interface StompConnectionOptions {
  /** `stomp://host:port` or `stomp+ssl://host:port`. */
  readonly brokerUrl: string;
  /** STOMP `login`. @defaultValue the broker URL's user, else none */
  readonly login?: string;
  /** STOMP `passcode`. @defaultValue the broker URL's password, else none */
  readonly passcode?: string;
  /**
   * The CONNECT frame's `host` header: the virtual host (RabbitMQ needs its
   * vhost here; ActiveMQ ignores it).
   * @defaultValue the broker URL's path (`stomp://host/prod`), else `/`
   */
  readonly virtualHost?: string;
  /** Extra TLS options for `stomp+ssl://` (CA, client cert). @defaultValue `{}` */
  readonly tls?: TlsOptions;
  /**
   * STOMP heart-beat in both directions; a silent broker is taken as gone
   * after about twice this.
   * @defaultValue 10_000
   */
  readonly heartbeatMs?: number;
  /** Reconnect delays (exponential, full jitter). @defaultValue {@link DEFAULT_BACKOFF_OPTIONS} */
  readonly backoff?: BackoffOptions;
  /**
   * Outgoing messages held while disconnected or awaiting their broker
   * receipt. When full, `publish` rejects at once with `overloaded`; held
   * messages are never dropped.
   * @defaultValue 10_000
   */
  readonly maxBufferedMessages?: number;
  /** Lifecycle notifications (logging, metrics). @defaultValue none */
  readonly onEvent?: (event: StompConnectionEvent) => void;
}

export const DEFAULT_STOMP_CONNECTION_OPTIONS = {
  heartbeatMs: 10_000,
  maxBufferedMessages: 10_000,
} as const satisfies Partial<StompConnectionOptions>;

/** What a connection reports about itself. */
export type StompConnectionEvent =
  | { readonly type: 'connected'; readonly generation: number }
  | { readonly type: 'disconnected'; readonly generation: number }
  | { readonly type: 'broker_error'; readonly message: string };

/** A message to send; `persistent`, `priority`, `expires` etc. go in headers. */
export interface OutgoingMessage {
  readonly destination: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A received message plus the connection generation it arrived on. */
export interface IncomingMessage {
  readonly message: IMessage;
  /** Acks are only valid on the connection that delivered the message. */
  readonly generation: number;
}

export interface StompConnectionStatus {
  readonly state: 'connecting' | 'connected' | 'closed';
  readonly generation: number;
  readonly reconnects: number;
  readonly buffered: number;
  readonly awaitingReceipt: number;
  /** The broker's `server` header, e.g. `RabbitMQ/3.10.8`; absent until connected. */
  readonly broker?: string;
  /** The broker's last ERROR frame (e.g. a refused login); cleared on connecting. */
  readonly lastError?: string;
}

interface Pending {
  readonly message: OutgoingMessage;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

interface Registration {
  readonly destination: string;
  readonly headers: StompHeaders;
  readonly onMessage: (m: IncomingMessage) => void;
}

/**
 * One STOMP 1.2 connection over TCP (or TLS) that survives broker restarts:
 * it reconnects with jittered exponential back-off, re-subscribes every
 * registered subscription, and sends outgoing messages with a receipt,
 * resolving each `publish` only once the broker confirmed it (ActiveMQ
 * answers a persistent SEND's receipt after storing it). Messages sent but
 * not yet confirmed when the connection drops are sent again after
 * reconnecting, so delivery is at-least-once; consumers dedupe on
 * `troupe-event-id`.
 */
export class StompConnection {
  private readonly options: StompConnectionOptions & { readonly heartbeatMs: number; readonly maxBufferedMessages: number };
  private readonly endpoint: StompEndpoint;
  private readonly client: Client;
  private readonly registrations = new Set<Registration>();
  private buffer: Pending[] = [];
  private readonly awaiting = new Map<string, Pending>();
  private attempt = 0;
  private generation = 0;
  private reconnects = 0;
  private receiptSeq = 0;
  private connectedWaiters: Array<() => void> = [];
  private closing: Promise<void> | undefined;
  private server: string | undefined;
  private lastError: string | undefined;

  constructor(options: StompConnectionOptions) {
    this.options = { ...DEFAULT_STOMP_CONNECTION_OPTIONS, ...options };
    if (!(this.options.maxBufferedMessages >= 1)) throw new ConfigError('maxBufferedMessages', 'must be at least 1');
    this.endpoint = parseStompUrl(options.brokerUrl);
    const { host, port, tls } = this.endpoint;
    const tlsOptions = this.options.tls ?? {};
    const hb = this.options.heartbeatMs;
    this.client = new Client({
      webSocketFactory: () => (tls ? tlsWrapper(host, port, tlsOptions) : new TCPWrapper(host, port)),
      connectHeaders: connectHeaders(options, this.endpoint),
      heartbeatIncoming: hb,
      heartbeatOutgoing: hb,
      connectionTimeout: 10_000,
      // stompjs re-activates after this; the real, jittered wait is in beforeConnect.
      reconnectDelay: 1,
      debug: () => undefined,
      beforeConnect: () => this.beforeConnect(),
      onConnect: (frame) => this.onConnect(frame.headers['server']),
      onWebSocketClose: () => this.onDisconnect(),
      onStompError: (frame) => this.onBrokerError(frame.headers['message'] ?? frame.body, frame.body),
    });
  }

  /** Connects (in the background; use {@link whenConnected} to wait). */
  start(): this {
    if (!this.closing && !this.client.active) this.client.activate();
    return this;
  }

  /** The broker's `server` header from its last CONNECTED frame. */
  get broker(): string | undefined {
    return this.server;
  }

  get connected(): boolean {
    return this.client.connected;
  }

  /** The number of the current connection; bumps on every reconnect. */
  get currentGeneration(): number {
    return this.generation;
  }

  /** Resolves once connected (at once if connected). */
  whenConnected(): Promise<void> {
    if (this.client.connected) return Promise.resolve();
    return new Promise((resolve) => this.connectedWaiters.push(resolve));
  }

  /**
   * Subscribes now (if connected) and again after every reconnect. Returns
   * a function that stops re-subscribing (and unsubscribes if connected).
   */
  subscribe(destination: string, headers: StompHeaders, onMessage: (m: IncomingMessage) => void): () => void {
    const reg: Registration = { destination, headers, onMessage };
    this.registrations.add(reg);
    let sub = this.client.connected ? this.subscribeNow(reg) : null;
    const gen = this.generation;
    return () => {
      this.registrations.delete(reg);
      if (sub && this.client.connected && gen === this.generation) sub.unsubscribe();
      sub = null;
    };
  }

  /**
   * Acknowledges `m` if the connection that delivered it is still up;
   * otherwise does nothing (the broker redelivers it, and the log dedupes).
   * Returns whether the ack was sent.
   */
  ack(m: IncomingMessage): boolean {
    if (m.generation !== this.generation || !this.client.connected) return false;
    m.message.ack();
    return true;
  }

  /**
   * Sends `message` and resolves when the broker confirmed it. While
   * disconnected it waits in the bounded buffer; rejects with `overloaded`
   * when the buffer is full, or when the connection is closed.
   */
  publish(message: OutgoingMessage): Promise<void> {
    if (this.closing) return Promise.reject(new TroupeError('log_closed', 'the STOMP connection is closed'));
    if (this.buffer.length + this.awaiting.size >= this.options.maxBufferedMessages) {
      return Promise.reject(new OverloadedError(1, `the STOMP outgoing buffer (${this.options.maxBufferedMessages} messages)`));
    }
    return new Promise((resolve, reject) => {
      const p: Pending = { message, resolve, reject };
      if (this.client.connected && this.buffer.length === 0) this.send(p);
      else this.buffer.push(p);
    });
  }

  status(): StompConnectionStatus {
    return {
      state: this.closing ? 'closed' : this.client.connected ? 'connected' : 'connecting',
      generation: this.generation,
      reconnects: this.reconnects,
      buffered: this.buffer.length,
      awaitingReceipt: this.awaiting.size,
      ...(this.server !== undefined ? { broker: this.server } : {}),
      ...(this.lastError !== undefined ? { lastError: this.lastError } : {}),
    };
  }

  /** Idempotent. Disconnects; messages still buffered are rejected. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.registrations.clear();
      await this.client.deactivate();
      const left = [...this.awaiting.values(), ...this.buffer];
      this.awaiting.clear();
      this.buffer = [];
      for (const p of left) p.reject(new TroupeError('log_closed', 'the STOMP connection closed before the broker confirmed the message'));
      for (const w of this.connectedWaiters) w();
      this.connectedWaiters = [];
    })();
    return this.closing;
  }

  private async beforeConnect(): Promise<void> {
    const delay = backoffDelay(this.attempt++, this.options.backoff);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    // Closing while we slept: stompjs checks `active` after this returns.
  }

  private subscribeNow(reg: Registration) {
    const generation = this.generation;
    return this.client.subscribe(reg.destination, (message) => reg.onMessage({ message, generation }), { ...reg.headers });
  }

  private onConnect(server: string | undefined): void {
    this.server = server;
    this.lastError = undefined;
    this.generation++;
    if (this.generation > 1) this.reconnects++;
    this.attempt = 0;
    this.options.onEvent?.({ type: 'connected', generation: this.generation });
    for (const reg of this.registrations) this.subscribeNow(reg);
    const queued = this.buffer;
    this.buffer = [];
    for (const p of queued) this.send(p);
    const waiters = this.connectedWaiters;
    this.connectedWaiters = [];
    for (const w of waiters) w();
  }

  /** An ERROR frame: kept for status() (a refused login says so there), and reported. */
  private onBrokerError(message: string, details: string): void {
    this.lastError = details && details.trim() !== message ? `${message}: ${details.trim()}` : message;
    this.options.onEvent?.({ type: 'broker_error', message: this.lastError });
  }

  private onDisconnect(): void {
    // Unconfirmed sends go back to the front, in their original order.
    if (this.awaiting.size > 0) {
      this.buffer = [...this.awaiting.values(), ...this.buffer];
      this.awaiting.clear();
    }
    if (this.closing) return;
    this.options.onEvent?.({ type: 'disconnected', generation: this.generation });
  }

  private send(p: Pending): void {
    const receipt = `r${this.generation}-${++this.receiptSeq}`;
    this.awaiting.set(receipt, p);
    this.client.watchForReceipt(receipt, () => {
      if (this.awaiting.delete(receipt)) p.resolve();
    });
    try {
      this.client.publish({
        destination: p.message.destination,
        headers: { ...p.message.headers, receipt },
        body: p.message.body,
      });
    } catch {
      // The socket went away between the check and the send: retry later.
      this.awaiting.delete(receipt);
      this.buffer.unshift(p);
    }
  }
}

/** stompjs over node:tls instead of a plain TCP socket. */
function tlsWrapper(host: string, port: number, options: TlsOptions): TCPWrapper {
  // getSocket runs inside the base constructor, so options come from the closure.
  class TlsWrapper extends TCPWrapper {
    protected override getSocket(p: number, h: string) {
      // SNI takes host names only (RFC 6066); an IP is still verified against the certificate's SANs.
      return tlsConnect({ ...options, port: p, host: h, ...(isIP(h) ? {} : { servername: h }) });
    }
  }
  return new TlsWrapper(host, port);
}

/**
 * CONNECT's credentials and `host`: the options win over the URL. `host` is
 * the virtual host, `/` unless named: RabbitMQ refuses a vhost that does
 * not exist (such as the broker's host name); ActiveMQ ignores it.
 */
function connectHeaders(options: StompConnectionOptions, endpoint: StompEndpoint): StompHeaders {
  const login = options.login ?? endpoint.login;
  const passcode = options.passcode ?? endpoint.passcode;
  return {
    ...(login !== undefined ? { login } : {}),
    ...(passcode !== undefined ? { passcode } : {}),
    host: options.virtualHost ?? endpoint.virtualHost ?? '/',
  };
}
