import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { connect as connectNet, createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import { HandshakeGate, type HandshakeGateOptions } from '../../../../ops/http/tls/handshake-gate.js';
import { eventually } from '../../../support/eventually.js';

/** Room the test opens and shuts by hand, standing in for the admission gate. */
class Room {
  open = false;
  /** Connections it has room for at once, being handshaken. */
  capacity = Infinity;
  private waiters: Array<() => void> = [];
  hasRoom = (serving: number): boolean => this.open && serving < this.capacity;
  whenRoom = (): Promise<void> => (this.open ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve)));
  set(open: boolean): void {
    this.open = open;
    if (open) for (const w of this.waiters.splice(0)) w();
  }
}

interface Door {
  readonly port: number;
  readonly gate: HandshakeGate;
  readonly room: Room;
  readonly served: string[];
  close(): Promise<void>;
}

let dir: string;
let key: Buffer;
let cert: Buffer;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'troupe-gate-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-subj', '/CN=localhost', '-days', '1'], { stdio: 'ignore' });
  key = readFileSync(join(dir, 'k.pem'));
  cert = readFileSync(join(dir, 'c.pem'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** A TLS door behind a gate, wired as ops/http/front-doors.ts wires Troupe's. */
async function door(options: HandshakeGateOptions = {}): Promise<Door> {
  const served: string[] = [];
  const server: Server = createHttpsServer({ key, cert }, (req, res) => {
    served.push(req.url ?? '');
    res.end('ok');
  });
  const refusals: Server = createHttpsServer({ key, cert }, (_req, res) => {
    res.writeHead(503, { 'retry-after': '7', connection: 'close' });
    res.end('busy');
  });
  const room = new Room();
  const gate = new HandshakeGate(room, { serve: (s) => server.emit('connection', s), refuse: (s) => refusals.emit('connection', s) }, options);
  for (const s of [server, refusals]) {
    s.on('secureConnection', (t: TLSSocket) => gate.handshakeFinished(t));
    s.on('tlsClientError', (_e: Error, t: TLSSocket) => gate.handshakeFinished(t));
  }
  const acceptor: NetServer = createNetServer((s) => gate.accept(s));
  await new Promise<void>((resolve) => acceptor.listen(0, '127.0.0.1', resolve));
  return {
    port: (acceptor.address() as AddressInfo).port, gate, room, served,
    close: async () => {
      gate.close();
      server.closeAllConnections();
      refusals.closeAllConnections();
      await new Promise((resolve) => acceptor.close(resolve));
    },
  };
}

interface Attempt {
  readonly socket: TLSSocket;
  readonly secured: Promise<void>;
  /** The HTTP answer's first line and headers, or the error that ended the connection. */
  readonly answer: Promise<string>;
}

function attempt(port: number, path = '/'): Attempt {
  const socket = connectTls({ host: '127.0.0.1', port, rejectUnauthorized: false });
  const secured = new Promise<void>((resolve) => socket.once('secureConnect', () => {
    socket.write(`GET ${path} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`);
    resolve();
  }));
  const answer = new Promise<string>((resolve) => {
    let text = '';
    socket.on('data', (d: Buffer) => { text += d.toString(); });
    socket.on('error', (e: NodeJS.ErrnoException) => resolve(`error ${e.code ?? e.message}`));
    socket.on('close', () => resolve(text));
  });
  return { socket, secured, answer };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the TLS handshake gate', () => {
  test('holds a connection without a handshake while there is no room, then serves it when room appears', async () => {
    const d = await door();
    try {
      const a = attempt(d.port, '/held');
      let secured = false;
      void a.secured.then(() => { secured = true; });
      await eventually(() => d.gate.stats().held === 1, 5000, 'd.gate.stats().held = 1');
      await settle(200);
      assert.equal(secured, false, 'no handshake while the room is shut');
      d.room.set(true);
      assert.match(await a.answer, /^HTTP\/1\.1 200/);
      assert.deepEqual(d.served, ['/held']);
      assert.deepEqual({ ...d.gate.stats() }, { handshaking: 0, held: 0, served: 1, refusedAfterHold: 0, shed: 0, abandoned: 0 });
    } finally {
      await d.close();
    }
  });

  test('a client that gives up while held costs no handshake and leaves the hold', async () => {
    const d = await door();
    try {
      const a = attempt(d.port);
      await eventually(() => d.gate.stats().held === 1, 5000, 'd.gate.stats().held = 1');
      a.socket.destroy();
      await eventually(() => d.gate.stats().abandoned === 1, 5000, 'd.gate.stats().abandoned = 1');
      assert.equal(d.gate.stats().held, 0);
      d.room.set(true);
      await settle(100);
      assert.equal(d.gate.stats().served, 0);
    } finally {
      await d.close();
    }
  });

  test('a connection held past maxHoldMs is handshaken and told 503 with Retry-After', async () => {
    const d = await door({ maxHoldMs: 300 });
    try {
      const a = attempt(d.port);
      const text = await a.answer;
      assert.match(text, /^HTTP\/1\.1 503/);
      assert.match(text, /retry-after: 7/i);
      assert.equal(d.gate.stats().refusedAfterHold, 1);
      assert.equal(d.gate.stats().served, 0);
    } finally {
      await d.close();
    }
  });

  test('a full hold closes new connections before any TLS work', async () => {
    const d = await door({ maxHeld: 1 });
    try {
      attempt(d.port);
      await eventually(() => d.gate.stats().held === 1, 5000, 'd.gate.stats().held = 1');
      const b = attempt(d.port);
      assert.match(await b.answer, /^(error |$)/, 'the second connection ends without an HTTP answer');
      assert.equal(d.gate.stats().shed, 1);
      assert.equal(d.gate.stats().held, 1);
    } finally {
      await d.close();
    }
  });

  test('a connection sending more than a ClientHello while held is closed', async () => {
    const d = await door({ maxEarlyBytes: 1024 });
    try {
      const raw = connectNet({ host: '127.0.0.1', port: d.port });
      await new Promise((resolve) => raw.once('connect', resolve));
      raw.on('error', () => undefined);
      raw.write(Buffer.alloc(4096, 1));
      await eventually(() => d.gate.stats().shed === 1, 5000, 'd.gate.stats().shed = 1');
      assert.equal(d.gate.stats().held, 0);
    } finally {
      await d.close();
    }
  });

  test('once the hold has stood for lifoAfterMs, the newest connection is served first', async () => {
    const d = await door({ lifoAfterMs: 100 });
    d.room.capacity = 1;
    try {
      const attempts = ['/1', '/2', '/3'].map((p) => attempt(d.port, p));
      await eventually(() => d.gate.stats().held === 3, 5000, 'd.gate.stats().held = 3');
      await settle(150);
      d.room.set(true);
      await Promise.all(attempts.map((a) => a.answer));
      assert.equal(d.served[0], '/3', `served in order ${d.served.join(', ')}`);
    } finally {
      await d.close();
    }
  });

  test('without standing, connections are served oldest first', async () => {
    const d = await door({ lifoAfterMs: 60_000 });
    d.room.capacity = 1;
    try {
      const first = attempt(d.port, '/1');
      await eventually(() => d.gate.stats().held === 1, 5000, 'd.gate.stats().held = 1');
      const second = attempt(d.port, '/2');
      await eventually(() => d.gate.stats().held === 2, 5000, 'd.gate.stats().held = 2');
      d.room.set(true);
      await Promise.all([first.answer, second.answer]);
      assert.deepEqual(d.served, ['/1', '/2']);
    } finally {
      await d.close();
    }
  });
});
