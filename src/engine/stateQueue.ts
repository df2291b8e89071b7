import { ensureCapacity } from './growable.js';

/**
 * FIFO of encoded states (fixed-width word vectors) awaiting expansion:
 * the breadth-first frontier. One flat Int32Array, compacted in place when
 * the consumed prefix outgrows the live part, so a state costs `width`
 * words while queued and nothing once expanded.
 */
export class StateQueue {
  private words: Int32Array;
  private head = 0;
  private tail = 0;

  constructor(readonly width: number) {
    this.words = new Int32Array(Math.max(width, 1) * 1024);
  }

  /** Number of queued states. */
  get length(): number {
    return (this.tail - this.head) / this.width;
  }

  /** Bytes allocated. */
  get bytes(): number {
    return this.words.byteLength;
  }

  /** Appends a copy of `source[offset .. offset + width)`. */
  push(source: Int32Array, offset: number): void {
    const width = this.width;
    if (this.tail + width > this.words.length) this.makeRoom();
    this.words.set(source.subarray(offset, offset + width), this.tail);
    this.tail += width;
  }

  /** Removes the oldest state, copying its words into `out[0 .. width)`. */
  shiftInto(out: Int32Array): void {
    const words = this.words;
    for (let i = 0, j = this.head; i < this.width; i++, j++) out[i] = words[j];
    this.head += this.width;
  }

  private makeRoom(): void {
    if (this.head > 0 && this.head >= (this.tail - this.head)) {
      this.words.copyWithin(0, this.head, this.tail);
      this.tail -= this.head;
      this.head = 0;
      if (this.tail + this.width <= this.words.length) return;
    }
    this.words = ensureCapacity(this.words, this.tail + this.width, Int32Array);
  }
}
