import { MemoryExhausted } from './growable.js';

/** States per queue chunk: small enough not to weigh on small searches. */
const STATES_PER_CHUNK = 1024;

/**
 * FIFO of encoded states (fixed-width word vectors) awaiting expansion:
 * the breadth-first frontier. States sit in chunks of 1024; a chunk is
 * released (kept as a spare, to be reused) once every state in it has been
 * taken, so the memory held follows the live frontier.
 */
export class StateQueue {
  private readonly chunks: Int32Array[] = [];
  private spare: Int32Array | undefined;
  private headChunk = 0;
  private head = 0;
  private tail: number;
  private count = 0;
  private readonly chunkWords: number;

  constructor(readonly width: number) {
    this.chunkWords = Math.max(width, 1) * STATES_PER_CHUNK;
    this.tail = this.chunkWords;
  }

  /** Number of queued states. */
  get length(): number {
    return this.count;
  }

  /** Bytes allocated (live chunks and the spare). */
  get bytes(): number {
    return (this.chunks.length - this.headChunk + (this.spare ? 1 : 0)) * this.chunkWords * 4;
  }

  /** Appends a copy of `source[offset .. offset + width)`. */
  push(source: Int32Array, offset: number): void {
    if (this.tail === this.chunkWords) {
      this.chunks.push(this.spare ?? this.allocate());
      this.spare = undefined;
      this.tail = 0;
    }
    const chunk = this.chunks[this.chunks.length - 1];
    for (let i = 0; i < this.width; i++) chunk[this.tail + i] = source[offset + i];
    this.tail += this.width;
    this.count++;
  }

  /** Removes the oldest state, copying its words into `out[0 .. width)`. */
  shiftInto(out: Int32Array): void {
    if (this.count === 0) throw new Error('StateQueue: shift from an empty queue');
    const chunk = this.chunks[this.headChunk];
    for (let i = 0; i < this.width; i++) out[i] = chunk[this.head + i];
    this.head += this.width;
    this.count--;
    if (this.head === this.chunkWords) {
      this.spare = chunk;
      this.chunks[this.headChunk] = undefined as never;
      this.headChunk++;
      this.head = 0;
      // Drop released slots from the front now and then, keeping the array short.
      if (this.headChunk > 64) {
        this.chunks.splice(0, this.headChunk);
        this.headChunk = 0;
      }
    }
  }

  private allocate(): Int32Array {
    try {
      return new Int32Array(this.chunkWords);
    } catch {
      throw new MemoryExhausted(this.chunkWords * 4);
    }
  }
}
