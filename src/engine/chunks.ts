import { MemoryExhausted } from './growable.js';

/** log2 of the number of entries per chunk. */
export const CHUNK_BITS = 12;
/** Entries per chunk. */
export const CHUNK = 1 << CHUNK_BITS;
/** Mask of an entry's offset within its chunk. */
export const CHUNK_MASK = CHUNK - 1;

type ChunkArray = Int32Array | Uint8Array | Uint16Array;

/**
 * A growable array of per-state entries (each `stride` elements) kept in
 * fixed chunks of {@link CHUNK} entries: growing never copies old data and
 * leaves no slack beyond the last chunk. The first chunk starts small and
 * doubles until full, so tiny searches stay tiny. Entry `i` lives in
 * `list[i >>> CHUNK_BITS]` at `(i & CHUNK_MASK) * stride`.
 */
export class Chunks<T extends ChunkArray> {
  /** The chunks, read directly on hot paths. */
  readonly list: T[] = [];

  constructor(
    private readonly ctor: new (length: number) => T,
    private readonly stride: number,
  ) {}

  /** Makes entry `index` addressable; entries must be added in order. */
  ensure(index: number): void {
    const c = index >>> CHUNK_BITS;
    const needed = ((index & CHUNK_MASK) + 1) * this.stride;
    const chunk = this.list[c];
    if (chunk !== undefined && chunk.length >= needed) return;
    const length = chunk === undefined ? (c === 0 ? 256 * this.stride : CHUNK * this.stride) : Math.min(chunk.length * 2, CHUNK * this.stride);
    let grown: T;
    try {
      grown = new this.ctor(length);
    } catch {
      throw new MemoryExhausted(length * (this.ctor as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT);
    }
    if (chunk !== undefined) grown.set(chunk as never);
    this.list[c] = grown;
  }

  /** Bytes allocated. */
  get bytes(): number {
    return this.list.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  }
}
