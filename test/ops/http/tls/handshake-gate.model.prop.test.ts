import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { test } from 'node:test';
import fc from 'fast-check';
import { HandshakeGate } from '../../../../ops/http/tls/handshake-gate.js';

/** Stands in for a TCP socket: the gate only listens, pauses, unshifts and destroys. */
class SocketMock extends EventEmitter {
  destroyed = false;
  handedTo: 'serve' | 'refuse' | undefined;
  arrived = 0;
  unshifted: Buffer[] = [];
  constructor(readonly remotePort: number) {
    super();
  }
  readonly remoteAddress = '127.0.0.1';
  pause(): this {
    return this;
  }
  unshift(chunk: Buffer): void {
    this.unshifted.unshift(chunk);
  }
  destroy(): this {
    if (!this.destroyed) {
      this.destroyed = true;
      this.emit('close');
    }
    return this;
  }
}

/** The model's hold: short against its waits, so refusals (and their handshakes) are common. */
const HOLD_MS = 500;

type Op =
  | { kind: 'connect'; hello: number }
  | { kind: 'clientCloses'; pick: number }
  | { kind: 'handshakeEnds'; pick: number }
  | { kind: 'room'; open: boolean }
  | { kind: 'wait'; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('connect' as const), hello: fc.integer({ min: 0, max: 3000 }) }),
  fc.record({ kind: fc.constant('clientCloses' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('handshakeEnds' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('room' as const), open: fc.boolean() }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 2000 }) }),
);

test('handshake gate: bounded, conserving, and never hands on a dead or doubly-released connection', () => {
  fc.assert(fc.property(fc.array(op, { maxLength: 120 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }), (ops, maxRefusals, maxHeld, room) => {
    let now = 0;
    let open = false;
    const sockets: SocketMock[] = [];
    const inHandshake: SocketMock[] = [];
    const hand = (to: 'serve' | 'refuse') => (s: Socket) => {
      const m = s as unknown as SocketMock;
      assert.equal(m.destroyed, false, 'a closed connection is never handed to TLS');
      assert.equal(m.handedTo, undefined, 'a connection is handed on once');
      if (to === 'serve') assert.ok(open && servingNow() < room, 'served only while there is room');
      m.handedTo = to;
      inHandshake.push(m);
    };
    // Room for `room` connections being handshaken to be served, while open (the admission gate's headroom).
    const servingNow = () => inHandshake.filter((s) => s.handedTo === 'serve').length;
    const refusingNow = () => inHandshake.filter((s) => s.handedTo === 'refuse').length;
    const gate = new HandshakeGate(
      { hasRoom: (serving) => open && serving < room, whenRoom: () => new Promise(() => undefined) },
      { serve: hand('serve'), refuse: hand('refuse') },
      { maxRefusals, maxHeld, maxHoldMs: HOLD_MS, lifoAfterMs: 500, maxEarlyBytes: 2048, now: () => now },
    );
    for (const o of ops) {
      let acted = false;
      switch (o.kind) {
        case 'connect': {
          const s = new SocketMock(sockets.length + 1);
          s.arrived = now;
          sockets.push(s);
          gate.accept(s as unknown as Socket);
          acted = true;
          if (!s.destroyed) s.emit('data', Buffer.alloc(o.hello));
          break;
        }
        case 'clientCloses': {
          const alive = sockets.filter((s) => !s.destroyed && s.handedTo === undefined);
          if (alive.length) (alive[o.pick % alive.length] as SocketMock).destroy();
          break;
        }
        case 'handshakeEnds': {
          const s = inHandshake.splice(o.pick % Math.max(1, inHandshake.length), 1)[0];
          if (s) gate.handshakeFinished(s);
          acted = s !== undefined;
          break;
        }
        case 'room':
          open = o.open;
          break;
        case 'wait':
          now += o.ms;
          break;
      }
      const st = gate.stats();
      assert.ok(refusingNow() <= maxRefusals, 'refusals\' handshakes at once are bounded');
      assert.ok(servingNow() <= room, 'served handshakes at once are bounded by the room');
      assert.ok(st.held <= maxHeld, 'the hold is bounded');
      assert.equal(st.handshaking, inHandshake.length);
      assert.equal(sockets.length, st.held + st.served + st.refusedAfterHold + st.shed + st.abandoned, 'every connection is accounted for once');
      assert.equal(st.served + st.refusedAfterHold, sockets.filter((s) => s.handedTo).length);
      if (acted) {
        // After the gate has acted, nothing waits past its hold while a handshake slot is free.
        const overdue = sockets.filter((s) => !s.destroyed && s.handedTo === undefined && s.arrived < now - HOLD_MS);
        if (refusingNow() < maxRefusals) assert.deepEqual(overdue, [], 'connections held too long are refused on time');
        // Refusals' handshakes take no room: nothing waits while there is room.
        if (st.held > 0) assert.ok(!(open && servingNow() < room), 'a connection waits although there is room');
      }
      for (const s of sockets) if (s.handedTo) assert.ok(s.unshifted.reduce((n, c) => n + c.length, 0) <= 2048, 'what was read is handed back');
    }
    gate.close();
  }), { numRuns: 300 });
});
