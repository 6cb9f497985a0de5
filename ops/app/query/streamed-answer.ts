import type { ChunkSink, JsonChunks } from '../../../projections/query/pdb-query.engine.js';
import type { AnswerChunk, StreamControl, STREAM_WINDOW } from './query-thread.messages.js';

/**
 * The main thread's side of a streamed answer (answer-streams.ts has the
 * thread's): the first {@link STREAM_WINDOW} chunks come with the answer,
 * the next is pulled as the sink writes one out — at most the window in
 * flight — and each ring slot is given back once the sink has written it
 * out, never before.
 */
export class StreamedAnswer implements JsonChunks {
  private readonly arrived: AnswerChunk[] = [];
  private sink: ChunkSink | undefined;
  private settle: { resolve(): void; reject(e: Error): void } | undefined;
  private failure: Error | undefined;
  private received = 0;
  private written = 0;
  private ended = false;

  /**
   * `slots`: the ring's slots as the main thread sees them; `control`
   * reaches the thread holding the answer; `onEnd` runs once, when the
   * answer is written out or failed.
   */
  constructor(
    readonly byteLength: number,
    private readonly stream: number,
    private readonly slots: readonly Uint8Array[],
    private readonly control: (m: StreamControl) => void,
    private readonly onEnd: () => void,
  ) {}

  writeTo(sink: ChunkSink): Promise<void> {
    if (this.sink) return Promise.reject(new Error('a streamed answer is written once'));
    this.sink = sink;
    return new Promise<void>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.settle = { resolve, reject };
      this.flush(); // the first chunks came with the answer
    });
  }

  /** The thread's next chunk. */
  arrive(chunk: AnswerChunk): void {
    if (this.ended) return this.giveBack(chunk);
    this.arrived.push(chunk);
    this.received += 'slot' in chunk ? chunk.length : chunk.bytes.byteLength;
    if (this.sink) this.flush();
  }

  /** The answer cannot be completed (its thread stopped). */
  fail(e: Error): void {
    this.end(e);
  }

  private flush(): void {
    for (let chunk = this.arrived.shift(); chunk && !this.ended; chunk = this.arrived.shift()) {
      const bytes = 'slot' in chunk ? this.slots[chunk.slot]!.subarray(0, chunk.length) : chunk.bytes;
      const taken = chunk;
      this.sink!.write(bytes, (error) => this.wrote(taken, bytes.byteLength, error ?? undefined));
    }
  }

  private wrote(chunk: AnswerChunk, length: number, error: Error | undefined): void {
    this.giveBack(chunk);
    if (this.ended) return;
    if (error) return this.end(error);
    this.written += length;
    if (this.written === this.byteLength) return this.end();
    if (this.received < this.byteLength) this.control({ control: 'pull', stream: this.stream });
  }

  private giveBack(chunk: AnswerChunk): void {
    if ('slot' in chunk) this.control({ control: 'free', slot: chunk.slot });
  }

  private end(error?: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.failure = error;
    // Chunks not yet handed to the sink go back unwritten; the thread forgets the rest.
    for (const chunk of this.arrived.splice(0)) this.giveBack(chunk);
    if (error) this.control({ control: 'cancel', stream: this.stream });
    this.onEnd();
    if (error) this.settle?.reject(error);
    else this.settle?.resolve();
  }
}
