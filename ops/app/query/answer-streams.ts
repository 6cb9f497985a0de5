import { STREAM_WINDOW, type AnswerChunk, type StreamedJson } from './query-thread.messages.js';

/** Where chunks go: the port to the main thread (`transfer`: buffers moved, not copied). */
export type ChunkPost = (chunk: AnswerChunk, transfer?: ArrayBuffer[]) => void;

/**
 * The query thread's side of streamed answers: each large answer's bytes
 * stay here and go to the main thread a chunk per `pull`, copied into a free
 * slot of the shared ring, so the main thread writes them to the socket
 * from memory it reuses and allocates (almost) nothing per answer; a
 * transferred ~5 MB buffer per answer made its garbage collector
 * Mark-Compact every few answers. No slot free (slow readers hold them
 * all): the chunk goes as its own moved buffer. At most `maxStreams`
 * answers are held; past that one goes whole, as a small one does.
 */
export class AnswerStreams {
  private readonly streams = new Map<number, { readonly bytes: Uint8Array; offset: number }>();
  private readonly slots: Uint8Array[];
  private readonly free: number[];
  private nextId = 0;

  constructor(ring: SharedArrayBuffer, private readonly slotBytes: number, private readonly maxStreams: number, private readonly post: ChunkPost) {
    this.slots = Array.from({ length: Math.floor(ring.byteLength / slotBytes) }, (_, i) => new Uint8Array(ring, i * slotBytes, slotBytes));
    this.free = this.slots.map((_, i) => i).reverse();
  }

  /**
   * The answer as a stream, or undefined when it goes whole (one slot holds
   * it, or `maxStreams` are open).
   */
  open(bytes: Uint8Array): StreamedJson | undefined {
    if (bytes.byteLength <= this.slotBytes || this.streams.size >= this.maxStreams) return undefined;
    const stream = ++this.nextId;
    this.streams.set(stream, { bytes, offset: 0 });
    return { stream, byteLength: bytes.byteLength };
  }

  /** Sends a stream's first {@link STREAM_WINDOW} chunks, unasked (once its answer has been sent). */
  start(stream: number): void {
    for (let i = 0; i < STREAM_WINDOW; i++) this.pull(stream);
  }

  /** Sends the stream's next chunk; the stream is forgotten with its last. Unknown (finished, cancelled) streams are ignored. */
  pull(stream: number): void {
    const s = this.streams.get(stream);
    if (!s) return;
    const end = Math.min(s.offset + this.slotBytes, s.bytes.byteLength);
    this.send(stream, s.bytes.subarray(s.offset, end));
    s.offset = end;
    if (end === s.bytes.byteLength) this.cancel(stream);
  }

  cancel(stream: number): void {
    this.streams.delete(stream);
  }

  /** One chunk, copied into a free slot, or (none free) into a buffer of its own moved across. */
  private send(stream: number, chunk: Uint8Array): void {
    const slot = this.free.pop();
    if (slot === undefined) {
      const bytes = new Uint8Array(chunk); // a copy (a Buffer's slice is a view)
      return this.post({ stream, bytes }, [bytes.buffer]);
    }
    this.slots[slot]!.set(chunk);
    this.post({ stream, slot, length: chunk.byteLength });
  }

  /** The main thread has written the slot out. */
  release(slot: number): void {
    if (slot >= 0 && slot < this.slots.length && !this.free.includes(slot)) this.free.push(slot);
  }
}

