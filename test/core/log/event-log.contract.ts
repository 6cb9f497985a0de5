import assert from 'node:assert/strict';
import { after, afterEach, describe, it } from 'node:test';
import fc from 'fast-check';
import type { RecordedEvent, ReportSubmitted, TroupeEvent } from '../../../core/events/event.types.js';
import { isLean, leanEvent } from '../../../core/log/lean-event.js';
import type { AppendOutcome, EventLog } from '../../../core/log/event-log.js';
import type { GroupCommit } from '../../../core/log/group-commit.js';
import { eventually } from '../../support/eventually.js';
import { factsEvent, reportEvent, requestEvent } from '../../support/events.fixture.js';

/** Options every backend's log takes, as the contract needs them. */
export interface ContractLogOptions {
  /** Appends allowed to wait for commit (for the `log_busy` case). */
  readonly maxPendingAppends?: number;
  /**
   * Other instances append to the same store too. SQLite's tail cache is
   * sound only for a single writer (its documented precondition), so the
   * SQLite backend turns it off for these.
   */
  readonly sharedWriters?: boolean;
  /** Called after every group commit (the backend's `onCommit`). */
  readonly onCommit?: (commit: GroupCommit) => void;
}

/** One empty log store (a file, a database); each `open` is another instance on it, as another process would be. */
export interface ContractStore {
  open(options?: ContractLogOptions): Promise<EventLog>;
}

/** What a backend's contract test file gives {@link eventLogContract}. */
export interface EventLogBackend {
  readonly name: string;
  /** Why the suite skips here, or `false`. */
  readonly skip: string | false;
  newStore(): Promise<ContractStore>;
  /** After the whole suite (stop servers, remove files). */
  readonly cleanup?: () => Promise<void>;
}

const positions = (out: readonly AppendOutcome[]) => out.map((o) => (o.status === 'conflict' ? o.status : [o.status, o.position, o.version]));
const ids = (events: readonly RecordedEvent[]) => events.map((e) => e.id);
const streamOf = (certname: string, n: number) => Array.from({ length: n }, (_, i) => [factsEvent, requestEvent, reportEvent][i % 3]!(certname));

/**
 * The EventLog port's contract: every backend runs it unchanged. The
 * backend-specific parts (writer thread, tail cache, LISTEN connection)
 * have tests of their own.
 */
export function eventLogContract(backend: EventLogBackend): void {
  describe(`EventLog contract: ${backend.name}`, { skip: backend.skip }, () => {
    let opened: EventLog[] = [];
    // Every instance a test opened is closed after it (close is idempotent), so connections do not pile up.
    afterEach(async () => {
      await Promise.all(opened.map((l) => l.close()));
      opened = [];
    });
    after(() => backend.cleanup?.());
    /** A fresh store and one instance on it (closed after the test if the test does not). */
    const fresh = async (options?: ContractLogOptions): Promise<{ log: EventLog; store: ContractStore }> => {
      const store = await backend.newStore();
      const log = await store.open(options);
      opened.push(log);
      return { log, store };
    };
    const another = async (store: ContractStore, options?: ContractLogOptions): Promise<EventLog> => {
      const log = await store.open(options);
      opened.push(log);
      return log;
    };

    describe('append', () => {
      it('assigns global positions from 1 and a version per stream', async () => {
        const { log } = await fresh();
        assert.equal(await log.head(), 0);
        const out = await log.append([{ event: factsEvent('a') }, { event: factsEvent('b') }, { event: requestEvent('a') }]);
        assert.deepEqual(positions(out), [['appended', 1, 1], ['appended', 2, 1], ['appended', 3, 2]]);
        assert.equal(await log.head(), 3);
      });

      it('answers a repeated event id with the original position and version and writes nothing', async () => {
        const { log } = await fresh();
        const e = factsEvent('a');
        await log.append([{ event: requestEvent('b') }, { event: e }]);
        const [again] = await log.append([{ event: { ...e, data: { ...e.data, environment: 'other' } } }]);
        assert.deepEqual(again, { status: 'duplicate', position: 2, version: 1 });
        const all = await log.read(0);
        assert.equal(all.length, 2);
        assert.equal((all[1] as RecordedEvent<typeof e>).data.environment, 'production');
        assert.equal(await log.head(), 2);
      });

      it('treats an id repeated within one call as a duplicate of its first occurrence', async () => {
        const { log } = await fresh();
        const e = factsEvent('a');
        const out = await log.append([{ event: e }, { event: requestEvent('a') }, { event: e }]);
        assert.deepEqual(positions(out), [['appended', 1, 1], ['appended', 2, 2], ['duplicate', 1, 1]]);
      });

      it('appends at the expected version and reports a stale one as a conflict with the actual version', async () => {
        const { log } = await fresh();
        await log.append([{ event: factsEvent('a') }, { event: factsEvent('a') }]);
        assert.deepEqual(await log.append([{ event: factsEvent('a'), expectedVersion: 1 }]),
          [{ status: 'conflict', expected: 1, actual: 2 }]);
        assert.deepEqual(positions(await log.append([{ event: factsEvent('a'), expectedVersion: 2 }])), [['appended', 3, 3]]);
        assert.deepEqual(positions(await log.append([{ event: factsEvent('a'), expectedVersion: 'any' }])), [['appended', 4, 4]]);
      });

      it("takes no_stream only for a stream without events", async () => {
        const { log } = await fresh();
        assert.deepEqual(positions(await log.append([{ event: factsEvent('a'), expectedVersion: 'no_stream' }])), [['appended', 1, 1]]);
        assert.deepEqual(await log.append([{ event: factsEvent('a'), expectedVersion: 'no_stream' }]),
          [{ status: 'conflict', expected: 'no_stream', actual: 1 }]);
        assert.deepEqual(positions(await log.append([{ event: factsEvent('b'), expectedVersion: 0 }])), [['appended', 2, 1]]);
      });

      it('voids a whole call on a conflict, and only that call of its group commit', async () => {
        const { log } = await fresh();
        await log.append([{ event: factsEvent('a') }]);
        const [voided, fine] = await Promise.all([
          log.append([{ event: factsEvent('b') }, { event: factsEvent('a'), expectedVersion: 0 }]),
          log.append([{ event: factsEvent('c') }]),
        ]);
        assert.ok(voided!.every((o) => o.status === 'conflict'), JSON.stringify(voided));
        assert.deepEqual(positions(fine!), [['appended', 2, 1]]);
        assert.deepEqual((await log.read(0)).map((e) => e.stream), ['a', 'c']);
        assert.deepEqual(await log.readStream('b'), []);
      });

      it('counts versions within one call, so a batch can extend its own stream', async () => {
        const { log } = await fresh();
        const out = await log.append([
          { event: factsEvent('a'), expectedVersion: 'no_stream' }, { event: requestEvent('a'), expectedVersion: 1 },
        ]);
        assert.deepEqual(positions(out), [['appended', 1, 1], ['appended', 2, 2]]);
      });

      it('commits the appends of one tick in one group, and those made during a commit in the next', async () => {
        const commits: GroupCommit[] = [];
        const { log } = await fresh({ onCommit: (c) => commits.push(c) });
        const first = Array.from({ length: 30 }, (_, i) => log.append([{ event: factsEvent(`n${i}`) }, { event: requestEvent(`n${i}`) }]));
        await new Promise((r) => setImmediate(r)); // the first group is committing now
        const second = Array.from({ length: 20 }, (_, i) => log.append([{ event: reportEvent(`n${i}`) }]));
        await Promise.all([...first, ...second]);
        assert.deepEqual(commits.map((c) => [c.appends, c.events]), [[30, 60], [20, 20]]);
        assert.equal(await log.head(), 80);
      });

      it('refuses appends past maxPendingAppends with log_busy and commits the ones it took', async () => {
        const { log } = await fresh({ maxPendingAppends: 3 });
        const taken = log.append([{ event: factsEvent('a') }, { event: factsEvent('b') }]);
        await assert.rejects(log.append([{ event: factsEvent('c') }, { event: factsEvent('d') }]), { code: 'log_busy' });
        assert.equal((await taken).length, 2);
        assert.deepEqual(positions(await log.append([{ event: factsEvent('c') }, { event: factsEvent('d') }])),
          [['appended', 3, 1], ['appended', 4, 1]]);
      });
    });

    describe('read', () => {
      const seeded = async (): Promise<EventLog> => {
        const { log } = await fresh();
        // Positions 1..12; stream a holds 1, 4, 7, 10 (versions 1..4).
        await log.append(Array.from({ length: 12 }, (_, i) => ({ event: [factsEvent, requestEvent, reportEvent][Math.floor(i / 3) % 3]!('abc'[i % 3]!) })));
        return log;
      };

      it('reads after a position, in order, up to limit and untilPosition', async () => {
        const log = await seeded();
        assert.deepEqual((await log.read(0)).map((e) => e.position), Array.from({ length: 12 }, (_, i) => i + 1));
        assert.deepEqual((await log.read(3, { limit: 4 })).map((e) => e.position), [4, 5, 6, 7]);
        assert.deepEqual((await log.read(3, { untilPosition: 5 })).map((e) => e.position), [4, 5]);
        assert.deepEqual((await log.read(3, { limit: 1, untilPosition: 5 })).map((e) => e.position), [4]);
        assert.deepEqual(await log.read(12), []);
        assert.deepEqual(await log.read(20), []);
      });

      it('returns events as appended: type, id, stream, time, data, meta, position, version', async () => {
        const { log } = await fresh();
        const e = factsEvent('x', { nested: { list: [1, 'two', null, { deep: true }] }, 'ünïcode': '✓' });
        await log.append([{ event: e }]);
        assert.deepEqual(await log.read(0), [{ ...e, position: 1, version: 1 }]);
        assert.deepEqual(await log.readStream('x'), [{ ...e, position: 1, version: 1 }]);
      });

      it('reads one stream after a version, up to limit and untilPosition', async () => {
        const log = await seeded();
        assert.deepEqual((await log.readStream('a')).map((e) => [e.position, e.version]), [[1, 1], [4, 2], [7, 3], [10, 4]]);
        assert.deepEqual((await log.readStream('a', 2)).map((e) => e.version), [3, 4]);
        assert.deepEqual((await log.readStream('a', 0, { limit: 2 })).map((e) => e.version), [1, 2]);
        assert.deepEqual((await log.readStream('a', 0, { untilPosition: 7 })).map((e) => e.version), [1, 2, 3]);
        assert.deepEqual(await log.readStream('nobody'), []);
      });

      it('reads one stream backwards, newest first, filtered by type, limit and untilPosition', async () => {
        const log = await seeded();
        assert.deepEqual((await log.readStreamBackward('a')).map((e) => e.version), [4, 3, 2, 1]);
        assert.deepEqual((await log.readStreamBackward('a', { limit: 1 })).map((e) => e.version), [4]);
        assert.deepEqual((await log.readStreamBackward('a', { untilPosition: 6 })).map((e) => e.version), [2, 1]);
        // Stream a: facts (1), request (4), report (7), facts (10).
        assert.deepEqual((await log.readStreamBackward('a', { types: ['facts_submitted'] })).map((e) => e.position), [10, 1]);
        assert.deepEqual((await log.readStreamBackward('a', { types: ['facts_submitted'], limit: 1 })).map((e) => e.position), [10]);
        assert.deepEqual((await log.readStreamBackward('a', { types: ['catalog_requested', 'report_submitted'] })).map((e) => e.position), [7, 4]);
      });
    });

    describe('lean reads (bodiesOf)', () => {
      const withoutBody = ({ body: _b, ...rest }: ReportSubmitted['data']) => rest;

      it('leaves out the bodies of the events bodiesOf refuses, marked lean; the rest comes whole', async () => {
        const { log } = await fresh();
        const [ra, rb, fb] = [reportEvent('a'), reportEvent('b'), factsEvent('b')];
        await log.append([{ event: ra }, { event: rb }, { event: fb }]);
        const asked: string[] = [];
        const read = await log.read(0, { bodiesOf: (stream, type) => { asked.push(`${stream}/${type}`); return stream === 'a'; } });
        assert.deepEqual(read[0], { ...ra, position: 1, version: 1 });
        assert.deepEqual(read[1], { ...rb, data: withoutBody(rb.data), position: 2, version: 1 });
        assert.deepEqual(read[2], { ...fb, position: 3, version: 2 });
        assert.deepEqual(read.map(isLean), [false, true, false]);
        assert.ok(asked.includes('a/report_submitted') && asked.includes('b/report_submitted'));
        // Read again by position: whole.
        const [again] = await log.read(1, { limit: 1 });
        assert.deepEqual(again, { ...rb, position: 2, version: 1 });
        assert.equal(isLean(again!), false);
      });

      it('a subscription with bodiesOf delivers every event once, in order, lean as bodiesOf says', async () => {
        const { log } = await fresh();
        const events = Array.from({ length: 7 }, (_, i) => (i % 2 === 0 ? reportEvent(`n${i % 3}`) : requestEvent(`n${i % 3}`)));
        await log.append(events.map((event) => ({ event })));
        const seen: RecordedEvent[] = [];
        const sub = log.subscribe({ from: 0, batchSize: 3, bodiesOf: (stream) => stream === 'n0', handler: (b) => { seen.push(...b); } });
        await eventually(() => seen.length === 7);
        await sub.close();
        assert.deepEqual(seen.map((e) => e.id), events.map((e) => e.id));
        assert.deepEqual(seen.map(isLean), events.map((e) => e.type === 'report_submitted' && e.stream !== 'n0'));
      });

      it('property: a lean read equals the whole read with the refused events\' bodies left out', async () => {
        const { log } = await fresh();
        const events = Array.from({ length: 12 }, (_, i) => [factsEvent, requestEvent, reportEvent][i % 3]!('abcd'[i % 4]!));
        await log.append(events.map((event) => ({ event })));
        const whole = await log.read(0);
        await fc.assert(fc.asyncProperty(fc.subarray(['a', 'b', 'c', 'd']), fc.integer({ min: 0, max: 12 }), async (kept, from) => {
          const lean = await log.read(from, { bodiesOf: (stream) => kept.includes(stream) });
          assert.deepEqual(lean, whole.slice(from).map((e) => (kept.includes(e.stream) ? e : leanEvent(e))));
        }), { numRuns: 25 });
      });
    });

    describe('subscribe', () => {
      it('catches up from a position, then delivers later appends live, each once and in order', async () => {
        const { log } = await fresh();
        await log.append(Array.from({ length: 50 }, (_, i) => ({ event: factsEvent(`n${i}`) })));
        const seen: number[] = [];
        let caughtUp = 0;
        const sub = log.subscribe({ from: 10, batchSize: 7, handler: (b) => { seen.push(...b.map((e) => e.position)); }, onCaughtUp: () => { caughtUp++; } });
        await eventually(() => caughtUp > 0);
        assert.equal(sub.position, 50);
        for (let i = 0; i < 20; i++) await log.append([{ event: requestEvent(`n${i}`) }]);
        await eventually(() => seen.length >= 60);
        await sub.close();
        assert.deepEqual(seen, Array.from({ length: 60 }, (_, i) => i + 11));
        assert.equal(sub.position, 70);
      });

      it('delivers events another instance appends to the same store', async () => {
        const { log, store } = await fresh();
        const other = await another(store);
        const seen: string[] = [];
        const sub = log.subscribe({ from: 0, handler: (b) => { seen.push(...ids(b)); } });
        const events = Array.from({ length: 5 }, (_, i) => factsEvent(`n${i}`));
        for (const event of events) await other.append([{ event }]);
        await eventually(() => seen.length >= events.length);
        assert.deepEqual(seen, events.map((e) => e.id));
        await sub.close();
      });

      it('holds the next batch until the handler settles, and stops on a handler error', async () => {
        const { log } = await fresh();
        await log.append(Array.from({ length: 6 }, (_, i) => ({ event: factsEvent(`n${i}`) })));
        let inHandler = 0; let maxInHandler = 0; const batches: number[] = [];
        let failed: unknown;
        const sub = log.subscribe({
          from: 0, batchSize: 2,
          handler: async (b) => {
            maxInHandler = Math.max(maxInHandler, ++inHandler);
            await new Promise((r) => setTimeout(r, 10));
            inHandler--;
            batches.push(b.length);
            if (batches.length === 2) throw new Error('handler broke');
          },
          onError: (e) => { failed = e; },
        });
        await eventually(() => failed !== undefined);
        assert.equal(maxInHandler, 1);
        assert.deepEqual(batches, [2, 2]);
        assert.equal(sub.position, 2);
        await sub.close();
      });

      it('stops delivering once closed', async () => {
        const { log } = await fresh();
        const seen: number[] = [];
        const sub = log.subscribe({ from: 0, handler: (b) => { seen.push(...b.map((e) => e.position)); } });
        await log.append([{ event: factsEvent('a') }]);
        await eventually(() => seen.length >= 1);
        await sub.close();
        await log.append([{ event: factsEvent('b') }]);
        await new Promise((r) => setTimeout(r, 50));
        assert.deepEqual(seen, [1]);
      });
    });

    describe('close', () => {
      it('commits appends still pending, then refuses new ones with log_closed; a second close is a no-op', async () => {
        const { log, store } = await fresh();
        const pending = log.append([{ event: factsEvent('a') }]);
        const closed = log.close();
        await assert.rejects(log.append([{ event: factsEvent('b') }]), { code: 'log_closed' });
        assert.deepEqual(positions(await pending), [['appended', 1, 1]]);
        await closed;
        await log.close();
        const reopened = await another(store);
        assert.equal(await reopened.head(), 1);
        assert.deepEqual((await reopened.read(0)).map((e) => e.stream), ['a']);
      });

      it('keeps every acknowledged append across reopening, group-committed or not', async () => {
        const { log, store } = await fresh();
        await Promise.all(Array.from({ length: 100 }, (_, i) => log.append([{ event: reportEvent(`n${i % 7}`) }])));
        await log.close();
        const again = await another(store);
        assert.equal(await again.head(), 100);
        const stream = await again.readStream('n3');
        assert.deepEqual(stream.map((e) => e.version), stream.map((_, i) => i + 1));
        assert.deepEqual(positions(await again.append([{ event: factsEvent('n3'), expectedVersion: stream.length }])),
          [['appended', 101, stream.length + 1]]);
      });
    });

    describe('properties', () => {
      const pool: TroupeEvent[] = Array.from({ length: 12 }, (_, i) => [factsEvent, requestEvent, reportEvent][i % 3]!(`node${i % 4}`));

      // Redelivery changes nothing: whatever the batching, the log holds each
      // distinct event once, in first-seen order, and every redelivery is
      // answered with the original position.
      it('ignores redeliveries whatever the batching', async () => {
        await fc.assert(fc.asyncProperty(
          fc.array(fc.integer({ min: 0, max: pool.length - 1 }), { minLength: 1, maxLength: 30 }),
          fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 8 }),
          async (picks, sizes) => {
            const { log } = await fresh();
            const first = new Map<string, number>();
            for (let i = 0, call = 0; i < picks.length; call++) {
              const size = sizes[call % sizes.length]!;
              const batch = picks.slice(i, i + size).map((p) => pool[p]!);
              i += size;
              (await log.append(batch.map((event) => ({ event })))).forEach((o, k) => {
                const id = batch[k]!.id;
                if (o.status === 'appended') first.set(id, o.position);
                else assert.deepEqual([o.status, o.status === 'duplicate' && o.position], ['duplicate', first.get(id)]);
              });
            }
            const distinct = [...new Set(picks)].map((p) => pool[p]!);
            assert.deepEqual(ids(await log.read(0)), distinct.map((e) => e.id));
            await log.close();
          }), { numRuns: 15 });
      });

      // Two instances on one store appending concurrently, in any interleaving
      // and batching: positions are 1..N without a gap, each id is stored
      // once, and each stream's versions count 1, 2, … in position order.
      it('keeps positions gap-free and versions dense under concurrent appends from two instances', async () => {
        await fc.assert(fc.asyncProperty(
          fc.array(fc.record({ instance: fc.integer({ min: 0, max: 1 }), size: fc.integer({ min: 1, max: 4 }), redeliver: fc.boolean() }),
            { minLength: 1, maxLength: 25 }),
          async (calls) => {
            const { log, store } = await fresh({ sharedWriters: true });
            const logs = [log, await another(store, { sharedWriters: true })];
            const sent: TroupeEvent[] = [];
            await Promise.all(calls.map(async (c) => {
              const batch = c.redeliver && sent.length > 0 ? [sent[sent.length - 1]!] : streamOf(`s${c.size}`, c.size);
              sent.push(...batch);
              await logs[c.instance]!.append(batch.map((event) => ({ event })));
            }));
            const all = await log.read(0, { limit: 10_000 });
            assert.deepEqual(all.map((e) => e.position), all.map((_, i) => i + 1));
            assert.equal(new Set(ids(all)).size, all.length);
            assert.deepEqual(new Set(ids(all)), new Set(sent.map((e) => e.id)));
            const versions = new Map<string, number>();
            for (const e of all) {
              assert.equal(e.version, (versions.get(e.stream) ?? 0) + 1);
              versions.set(e.stream, e.version);
            }
            assert.equal(await logs[1]!.head(), all.length);
            await Promise.all(logs.map((l) => l.close()));
          }), { numRuns: 15 });
      });

      // A subscriber from any position, while appends of any batching go on,
      // sees exactly the log after that position, in order, each event once.
      it('gives a subscriber exactly the log after its start, in order', async () => {
        await fc.assert(fc.asyncProperty(
          fc.integer({ min: 0, max: 6 }),
          fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 10 }),
          fc.integer({ min: 1, max: 5 }),
          async (preload, sizes, batchSize) => {
            const { log } = await fresh();
            if (preload > 0) await log.append(streamOf('pre', preload).map((event) => ({ event })));
            const from = Math.floor(preload / 2);
            const seen: RecordedEvent[] = [];
            const sub = log.subscribe({ from, batchSize, handler: (b) => { seen.push(...b); } });
            await Promise.all(sizes.map((n, i) => log.append(streamOf(`live${i % 3}`, n).map((event) => ({ event })))));
            const total = preload + sizes.reduce((a, b) => a + b, 0);
            await eventually(() => seen.length >= total - from);
            await sub.close();
            assert.deepEqual(seen, await log.read(from, { limit: 10_000 }));
            await log.close();
          }), { numRuns: 15 });
      });
    });
  });
}
