import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ANY, BACKWARDS, END, NO_STREAM, StreamNotFoundError, WrongExpectedVersionError, binaryEvent, jsonEvent,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import type { KurrentLogClient } from '../../core/log/kurrentdb/kurrentdb-log-client.js';
import { eventually } from './eventually.js';
import { KurrentDbMockServer } from './kurrentdb-client.mock.js';

// The MOCK's own semantics, as KurrentDB documents them (sources in the
// mock's header): what the adapter's tests on it rely on.

const ev = (n: number) => jsonEvent({ type: 't', data: { n } });
async function all(client: KurrentLogClient, stream: string, options = {}): Promise<ResolvedEvent[]> {
  const out: ResolvedEvent[] = [];
  for await (const e of client.readStream(stream, options)) out.push(e);
  return out;
}
const ns = (events: readonly ResolvedEvent[]) => events.map((e) => (e.event?.data as { n: number }).n);

describe('KurrentDB client MOCK', () => {
  it('checks expected revisions and writes nothing of a multi-stream append that fails one', async () => {
    const c = new KurrentDbMockServer().client();
    await c.multiStreamAppend([{ streamName: 'a', expectedState: NO_STREAM, events: [ev(1), ev(2)] }]);
    const refused = await c.multiStreamAppend([
      { streamName: 'b', expectedState: NO_STREAM, events: [ev(3)] },
      { streamName: 'a', expectedState: 0n, events: [ev(4)] },
    ]).then(() => undefined, (e: unknown) => e);
    assert.ok(refused instanceof WrongExpectedVersionError);
    assert.deepEqual([refused.streamName, refused.expectedState, refused.actualState], ['a', 0n, 1n]);
    await assert.rejects(all(c, 'b'), StreamNotFoundError);
    await assert.rejects(c.multiStreamAppend([{ streamName: 'a', expectedState: NO_STREAM, events: [ev(5)] }]), WrongExpectedVersionError);
    const ok = await c.multiStreamAppend([{ streamName: 'a', expectedState: 1n, events: [ev(6)] }, { streamName: 'b', expectedState: ANY, events: [ev(7)] }]);
    assert.deepEqual(ok.responses.map((r) => [r.streamName, r.revision]), [['a', 2n], ['b', 0n]]);
  });

  it('takes an append repeated with the same ids at the same expected revision (or, with ANY, at the tail) as done, writing nothing', async () => {
    const c = new KurrentDbMockServer().client();
    const batch = [ev(1), ev(2)];
    await c.multiStreamAppend([{ streamName: 'a', expectedState: NO_STREAM, events: batch }]);
    const again = await c.multiStreamAppend([{ streamName: 'a', expectedState: NO_STREAM, events: batch }]);
    assert.equal(again.responses[0]!.revision, 1n);
    const tail = await c.multiStreamAppend([{ streamName: 'a', expectedState: ANY, events: [batch[1]!] }]);
    assert.equal(tail.responses[0]!.revision, 1n);
    assert.deepEqual(ns(await all(c, 'a')), [1, 2]);
  });

  it('reads forwards from a revision (inclusive) or backwards from the end, at most maxCount', async () => {
    const c = new KurrentDbMockServer().client();
    await c.multiStreamAppend([{ streamName: 'a', expectedState: ANY, events: [0, 1, 2, 3, 4].map(ev) }]);
    assert.deepEqual(ns(await all(c, 'a', { fromRevision: 2n, maxCount: 2 })), [2, 3]);
    assert.deepEqual(ns(await all(c, 'a', { direction: BACKWARDS, fromRevision: END, maxCount: 2 })), [4, 3]);
    assert.deepEqual(ns(await all(c, 'a', { direction: BACKWARDS, fromRevision: 1n })), [1, 0]);
    assert.deepEqual(ns(await all(c, 'a', { fromRevision: 9n })), []);
  });

  it('resolves link events only when asked', async () => {
    const c = new KurrentDbMockServer().client();
    await c.multiStreamAppend([
      { streamName: 'a', expectedState: ANY, events: [ev(10), ev(11)] },
      { streamName: 'idx', expectedState: ANY, events: [binaryEvent({ type: '$>', data: new TextEncoder().encode('1@a') })] },
    ]);
    const [resolved] = await all(c, 'idx', { resolveLinkTos: true });
    assert.deepEqual([resolved!.event?.streamId, resolved!.event?.revision, resolved!.link?.streamId], ['a', 1n, 'idx']);
    const [raw] = await all(c, 'idx');
    assert.deepEqual([raw!.event?.type, raw!.link], ['$>', undefined]);
  });

  it('subscribes from after a revision, or from the end for new events only, catch-up then live', async () => {
    const c = new KurrentDbMockServer().client();
    await c.multiStreamAppend([{ streamName: 'a', expectedState: ANY, events: [0, 1, 2].map(ev) }]);
    const fromOne: number[] = [];
    const fromEnd: number[] = [];
    const subs = [c.subscribeToStream('a', { fromRevision: 1n }), c.subscribeToStream('a', { fromRevision: END })];
    subs[0]!.on('data', (e) => fromOne.push((e.event?.data as { n: number }).n));
    subs[1]!.on('data', (e) => fromEnd.push((e.event?.data as { n: number }).n));
    await c.multiStreamAppend([{ streamName: 'a', expectedState: 2n, events: [ev(3)] }]);
    await eventually(() => fromOne.length === 2 && fromEnd.length === 1);
    assert.deepEqual([fromOne, fromEnd], [[2, 3], [3]]);
    await Promise.all(subs.map((s) => s.unsubscribe()));
  });

  it('refuses metadata that is not an object of strings, as the client does before sending', async () => {
    const c = new KurrentDbMockServer().client();
    await assert.rejects(c.multiStreamAppend([{ streamName: 'a', expectedState: ANY, events: [jsonEvent({ type: 't', data: {}, metadata: { n: 1 } })] }]), /string values/);
  });
});
