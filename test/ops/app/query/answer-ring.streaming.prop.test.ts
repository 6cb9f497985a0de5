import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AnswerStreams } from '../../../../ops/app/query/answer-streams.js';
import { STREAM_WINDOW, type AnswerChunk, type StreamControl } from '../../../../ops/app/query/query-thread.messages.js';
import { StreamedAnswer } from '../../../../ops/app/query/streamed-answer.js';
import type { ChunkSink } from '../../../../projections/query/pdb-query.engine.js';

/**
 * Both sides of the answer ring wired in one thread, messages delivered a
 * macrotask later (as between threads), and sinks that read a chunk's
 * memory only when they call back (as a socket does): what a reader gets
 * is what the thread held, for any answers, slot sizes, ring sizes and
 * reader speeds — a slot reused before its write completed would show.
 */
function ring(slotBytes: number, slots: number, maxStreams: number) {
  const shared = new SharedArrayBuffer(slotBytes * slots);
  const views = Array.from({ length: slots }, (_, i) => new Uint8Array(shared, i * slotBytes, slotBytes));
  const answers = new Map<number, StreamedAnswer>();
  let moved = 0;
  const later = (f: () => void) => setImmediate(f);
  const thread = new AnswerStreams(shared, slotBytes, maxStreams, (chunk: AnswerChunk) => {
    if ('bytes' in chunk) moved++;
    later(() => answers.get(chunk.stream)?.arrive(chunk));
  });
  const control = (c: StreamControl) => later(() => {
    if (c.control === 'free') thread.release(c.slot);
    else if (c.control === 'pull') thread.pull(c.stream);
    else thread.cancel(c.stream);
  });
  return {
    /** The answer as the main thread gets it: a stream, or undefined when it goes whole. */
    open(bytes: Uint8Array): StreamedAnswer | undefined {
      const s = thread.open(bytes);
      if (!s) return undefined;
      const answer = new StreamedAnswer(s.byteLength, s.stream, views, control, () => answers.delete(s.stream));
      answers.set(s.stream, answer);
      thread.start(s.stream);
      return answer;
    },
    moved: () => moved,
  };
}

/** A sink that copies each chunk only when it calls back, `delays[i]` ms after the i-th write, at most `window` held at once. */
function slowSink(delays: readonly number[]): { sink: ChunkSink; bytes: () => Buffer; maxHeld: () => number } {
  const parts: Buffer[] = [];
  let i = 0;
  let held = 0;
  let maxHeld = 0;
  return {
    sink: {
      write: (chunk, callback) => {
        const at = parts.push(Buffer.alloc(0)) - 1;
        held++;
        maxHeld = Math.max(maxHeld, held);
        setTimeout(() => { parts[at] = Buffer.from(chunk); held--; callback(); }, delays[i++ % delays.length]!);
      },
    },
    bytes: () => Buffer.concat(parts),
    maxHeld: () => maxHeld,
  };
}

describe('the answer ring', () => {
  it('delivers every answer byte for byte, slot by slot, never more than the window at once', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.uint8Array({ minLength: 0, maxLength: 600 }), { minLength: 1, maxLength: 5 }),
      fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 4 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }),
      async (answers, slotBytes, slots, delays) => {
        const r = ring(slotBytes, slots, 16);
        await Promise.all(answers.map(async (bytes) => {
          const expected = Buffer.from(bytes); // the ring takes the bytes over
          const streamed = r.open(bytes);
          if (!streamed) return assert.ok(bytes.byteLength <= slotBytes, 'only an answer that fits a slot goes whole');
          const s = slowSink(delays);
          await streamed.writeTo(s.sink);
          assert.deepEqual(s.bytes(), expected);
          assert.ok(s.maxHeld() <= STREAM_WINDOW);
        }));
      },
    ), { numRuns: 60 });
  });
  it('moves chunks across only when no slot is free; a lone reader of a ring as large as its window never does', async () => {
    const r = ring(8, STREAM_WINDOW, 16);
    const expected = Buffer.from(Uint8Array.from({ length: 100 }, (_, i) => i));
    const s = slowSink([1]);
    await r.open(new Uint8Array(expected))!.writeTo(s.sink);
    assert.deepEqual(s.bytes(), expected);
    assert.equal(r.moved(), 0);
  });
  it('holds at most maxStreams answers: past that one goes whole', () => {
    const r = ring(4, 2, 2);
    const big = () => new Uint8Array(100); // more than the window's chunks: open until read
    assert.ok(r.open(big()) && r.open(big()));
    assert.equal(r.open(big()), undefined);
  });
  it('a failed sink ends its answer and gives its slots back as their writes end: the next answer streams through them', async () => {
    const r = ring(4, STREAM_WINDOW, 16);
    const expected = Buffer.from(Uint8Array.from({ length: 40 }, (_, i) => i));
    await assert.rejects(r.open(new Uint8Array(expected))!.writeTo({ write: (_c, callback) => setImmediate(() => callback(new Error('reset'))) }), /reset/);
    await new Promise((resolve) => setTimeout(resolve, 10)); // the window's other write fails too, a moment later
    const s = slowSink([0]);
    await r.open(new Uint8Array(expected))!.writeTo(s.sink);
    assert.deepEqual(s.bytes(), expected);
    assert.equal(r.moved(), 0);
  });
});
