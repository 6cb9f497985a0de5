import type { Socket } from 'node:net';

/** Whether the work a new TLS connection brings can be admitted now. */
export interface HandshakeRoom {
  /** True while one more connection (on top of `serving` already being handshaken to be served) would find room. */
  hasRoom(serving: number): boolean;
  /** Resolves when room may have appeared (the admission gate opened). */
  whenRoom(): Promise<void>;
}

export interface HandshakeGateOptions {
  /**
   * Handshakes at once of connections refused after their hold (a 503
   * each). Those to be served are bounded by the room the admission gate
   * has instead, so refusals never take a served connection's place. Not
   * lower: a handshake also waits on its client, and a herd's clients
   * answer slowly.
   * @defaultValue 256
   */
  readonly maxRefusals?: number;
  /**
   * Connections held before their handshake. Beyond it a new connection is
   * closed at once, before any TLS work (the only refusal that costs no
   * handshake; its client sees a reset).
   * @defaultValue 16384
   */
  readonly maxHeld?: number;
  /**
   * How long a connection is held at most; then it gets its handshake and a
   * `503` with `Retry-After`, well inside Puppet's 2-minute connect timeout
   * (`http_connect_timeout`, which covers the TLS handshake). 0 refuses at
   * once what finds no room, as puppetserver does.
   * @defaultValue 60 s
   */
  readonly maxHoldMs?: number;
  /**
   * Once the oldest held connection has waited this long, the newest is
   * served first ("adaptive LIFO"): under sustained overload the clients
   * served are those still waiting, and those that gave up leave the hold
   * without costing a handshake.
   * @defaultValue 1 s
   */
  readonly lifoAfterMs?: number;
  /**
   * Bytes a held connection may send before its handshake (a ClientHello
   * is a few hundred); more closes it.
   * @defaultValue 16 KiB
   */
  readonly maxEarlyBytes?: number;
  readonly now?: () => number;
}

export const DEFAULT_HANDSHAKE_GATE = { maxRefusals: 256, maxHeld: 16_384, maxHoldMs: 60_000, lifoAfterMs: 1000, maxEarlyBytes: 16 * 1024 } as const;

/** Where a connection goes once it leaves the hold. */
export interface HandshakeDoors {
  /** The TLS server that will handshake and serve it. */
  serve(socket: Socket): void;
  /** A TLS server that handshakes and answers every request `503 Retry-After`. */
  refuse(socket: Socket): void;
}

export interface HandshakeGateStats {
  readonly handshaking: number;
  readonly held: number;
  /** Connections handed to TLS to be served. */
  readonly served: number;
  /** Held past `maxHoldMs`: handshaken to be told 503 + Retry-After. */
  readonly refusedAfterHold: number;
  /** Closed before any TLS work because the hold was full (or sent too much). */
  readonly shed: number;
  /** Clients that closed while held (gave up): they cost no handshake. */
  readonly abandoned: number;
}

interface Held {
  readonly socket: Socket;
  readonly since: number;
  readonly chunks: Buffer[];
  bytes: number;
  prev: Held | undefined;
  next: Held | undefined;
  onData(chunk: Buffer): void;
  onGone(): void;
}

/**
 * Admission control in front of the TLS handshake. Over TLS a refusal costs
 * a full handshake (~1.4 ms of server CPU against ~0.1 ms for a plain-HTTP
 * 503), so when the admission gate is shut, answering every arrival with a
 * 503 spends the CPU the admitted compiles need. Instead a connection gets
 * its handshake only when the request it carries can be admitted; until
 * then it waits here, accepted but unhandshaken, costing no CPU, and a
 * client that gives up leaves for free. A connection held too long gets a
 * 503 + Retry-After (so real agents, whose connect timeout covers the
 * handshake, are told to come back rather than time out), and a full hold
 * closes new connections before any TLS work.
 */
export class HandshakeGate {
  private readonly options: Required<Omit<HandshakeGateOptions, 'now'>>;
  private readonly now: () => number;
  private oldest: Held | undefined;
  private newest: Held | undefined;
  private heldCount = 0;
  /** Handshakes under way of connections to be served: they take room in the admission gate. */
  private servingCount = 0;
  /** Handshakes under way of connections to be refused (503): bounded by `maxRefusals`. */
  private refusingCount = 0;
  private counts = { served: 0, refusedAfterHold: 0, shed: 0, abandoned: 0 };
  /** Handshakes in progress, by the client's address and port (public on both the raw and the TLS socket). */
  private readonly inHandshake = new Map<string, () => void>();
  private waitingForRoom = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly room: HandshakeRoom, private readonly doors: HandshakeDoors, options: HandshakeGateOptions = {}) {
    const d = DEFAULT_HANDSHAKE_GATE;
    this.options = {
      maxRefusals: options.maxRefusals ?? d.maxRefusals, maxHeld: options.maxHeld ?? d.maxHeld, maxHoldMs: options.maxHoldMs ?? d.maxHoldMs,
      lifoAfterMs: options.lifoAfterMs ?? d.lifoAfterMs, maxEarlyBytes: options.maxEarlyBytes ?? d.maxEarlyBytes,
    };
    this.now = options.now ?? Date.now;
  }

  /** A new TCP connection, before any TLS byte is answered. */
  accept(socket: Socket): void {
    // A full hold may have room again once the overdue are refused.
    if (this.heldCount >= this.options.maxHeld) this.pump();
    if (this.closed || this.heldCount >= this.options.maxHeld) {
      this.counts.shed++;
      socket.destroy();
      return;
    }
    this.hold(socket);
    this.pump();
  }

  /** The TLS server finished (or failed) the handshake of the connection from this peer. */
  handshakeFinished(peer: { remoteAddress?: string | undefined; remotePort?: number | undefined }): void {
    const key = peerKey(peer);
    const finished = this.inHandshake.get(key);
    this.inHandshake.delete(key);
    finished?.();
  }

  stats(): HandshakeGateStats {
    return { handshaking: this.servingCount + this.refusingCount, held: this.heldCount, ...this.counts };
  }

  /** Closes every held connection; new ones are closed on arrival. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    while (this.oldest) {
      const h = this.oldest;
      this.unlink(h);
      h.socket.destroy();
    }
  }

  private hold(socket: Socket): void {
    const held: Held = {
      socket, since: this.now(), chunks: [], bytes: 0, prev: this.newest, next: undefined,
      onData: (chunk) => {
        held.chunks.push(chunk);
        held.bytes += chunk.length;
        if (held.bytes > this.options.maxEarlyBytes) this.drop(held, 'shed');
      },
      onGone: () => this.drop(held, 'abandoned'),
    };
    // Reading is what notices a client that gave up (its FIN or reset);
    // the ClientHello read meanwhile is handed back before the handshake.
    socket.on('data', held.onData);
    socket.on('end', held.onGone);
    socket.on('error', held.onGone);
    socket.on('close', held.onGone);
    if (this.newest) this.newest.next = held;
    else this.oldest = held;
    this.newest = held;
    this.heldCount++;
    this.armTimer();
  }

  private drop(held: Held, why: 'shed' | 'abandoned'): void {
    if (!this.unlink(held)) return;
    this.counts[why]++;
    held.socket.destroy();
  }

  /**
   * Starts handshakes while there is room, then refuses what is still held
   * past its hold. The two draw on separate bounds (room; `maxRefusals`),
   * so neither starves the other: under adaptive LIFO the oldest are
   * refused on time rather than waiting until their clients time out.
   */
  private pump(): void {
    while (this.heldCount > 0 && this.room.hasRoom(this.servingCount)) this.release(this.next(), 'serve');
    this.refuseExpired();
    // With handshakes to be served under way, their ends pump again; with
    // none, only the admission gate opening can make room (refusals'
    // handshakes take none).
    if (this.heldCount > 0 && this.servingCount === 0 && !this.room.hasRoom(0)) this.waitForRoom();
  }

  private refuseExpired(): void {
    const deadline = this.now() - this.options.maxHoldMs;
    while (this.oldest && this.oldest.since <= deadline && this.refusingCount < this.options.maxRefusals) {
      this.release(this.oldest, 'refuse');
    }
  }

  /** Oldest first while the hold moves; newest first once it has stood for `lifoAfterMs`. */
  private next(): Held {
    const oldest = this.oldest as Held;
    return this.now() - oldest.since >= this.options.lifoAfterMs ? this.newest as Held : oldest;
  }

  private release(held: Held, to: 'serve' | 'refuse'): void {
    this.unlink(held);
    const { socket } = held;
    socket.pause();
    for (let i = held.chunks.length - 1; i >= 0; i--) socket.unshift(held.chunks[i] as Buffer);
    if (to === 'serve') this.servingCount++;
    else this.refusingCount++;
    let done = false;
    const finished = () => {
      if (done) return;
      done = true;
      if (to === 'serve') this.servingCount--;
      else this.refusingCount--;
      this.pump();
    };
    // The TLS server reports the end of the handshake (handshakeFinished);
    // a connection that dies first ends it too.
    const key = peerKey(socket);
    this.inHandshake.set(key, finished);
    socket.once('close', () => {
      if (this.inHandshake.get(key) === finished) this.inHandshake.delete(key);
      finished();
    });
    if (to === 'serve') {
      this.counts.served++;
      this.doors.serve(socket);
    } else {
      this.counts.refusedAfterHold++;
      this.doors.refuse(socket);
    }
  }

  private unlink(held: Held): boolean {
    if (held.prev === undefined && held.next === undefined && this.oldest !== held) return false;
    const { socket } = held;
    socket.off('data', held.onData);
    socket.off('end', held.onGone);
    socket.off('error', held.onGone);
    socket.off('close', held.onGone);
    if (held.prev) held.prev.next = held.next;
    else this.oldest = held.next;
    if (held.next) held.next.prev = held.prev;
    else this.newest = held.prev;
    held.prev = undefined;
    held.next = undefined;
    this.heldCount--;
    return true;
  }

  private waitForRoom(): void {
    if (this.waitingForRoom) return;
    this.waitingForRoom = true;
    void this.room.whenRoom().then(() => setImmediate(() => {
      this.waitingForRoom = false;
      if (!this.closed) this.pump();
    }));
  }

  /** Expiry needs a clock only while connections are held. */
  private armTimer(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
      if (this.heldCount > 0) this.armTimer();
    }, Math.min(1000, Math.max(50, this.options.maxHoldMs)));
    this.timer.unref();
  }
}

function peerKey(peer: { remoteAddress?: string | undefined; remotePort?: number | undefined }): string {
  return `${peer.remoteAddress ?? ''}|${peer.remotePort ?? ''}`;
}
