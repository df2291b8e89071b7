import { CHUNK_BITS, CHUNK_MASK, Chunks } from './chunks.js';
import { ensureCapacity, MemoryExhausted } from './growable.js';

const ID_BITS = 27;
const ID_MASK = (1 << ID_BITS) - 1;
const CHECKPOINT_EVERY = 256;

/** Most states one store holds: table entries keep 27 bits of id. */
export const MAX_STORED_STATES = ID_MASK - 1;

/**
 * The set of visited states of a breadth-first search, stored as 64-bit
 * fingerprints — never the states themselves — with their parent links,
 * from which a path is rebuilt (the actions along it are recovered by
 * replaying, see `storedPathTo`).
 *
 * Ids are dense and assigned in discovery order, and states are expanded
 * in id order, so a smaller id means a shallower state and the parent of
 * id `i` never decreases with `i`. Parent links are therefore kept as one
 * byte per expanded state (how many new states its expansion found) plus a
 * running total every 256 states: about 1 byte per state instead of 4.
 *
 * Layout (typed arrays only, no per-state objects): an open-addressing
 * table (linear probing, load 58–87.5%) of entries `tag << 27 | (id + 1)`,
 * where the 5-bit tag comes from the fingerprint, so most probes that miss
 * never touch the fingerprint array; fingerprints and child counts in
 * 64K-entry chunks, which grow without copying or slack: about 10 bytes
 * per state plus the table.
 */
export class VisitedStore {
  private table: Int32Array = new Int32Array(1 << 12);
  // Slot of a fingerprint: its low word scaled to the table size
  // ("fastrange"), so the table need not be a power of two and can grow by
  // 1.5× — load stays between 58% and 87.5%.
  private scale = this.table.length / 2 ** 32;
  private readonly fingerprints = new Chunks(Int32Array, 2);
  private readonly childCounts = new Chunks(Uint8Array, 1);
  private checkpoints: Int32Array = new Int32Array(64);
  private readonly initialIndices: number[] = [];
  private count = 0;
  private expanding = -1;

  /** Number of stored states. */
  get size(): number {
    return this.count;
  }

  /**
   * Stores an initial state (number `initialIndex` of the model's list)
   * unless already present. Returns the new id, or `-(id + 1)` if present.
   * All initial states must be inserted before the first {@link beginExpansion}.
   */
  insertInitial(lo: number, hi: number, initialIndex: number): number {
    if (this.expanding >= 0) throw new Error('VisitedStore: initial states must come first');
    const id = this.insertFingerprint(lo, hi);
    if (id >= 0) this.initialIndices.push(initialIndex);
    return id;
  }

  /** Starts expanding state `id`; ids must be expanded in order 0, 1, 2, … */
  beginExpansion(id: number): void {
    if (id !== this.expanding + 1) throw new Error(`VisitedStore: expanded ${id} after ${this.expanding}`);
    this.expanding = id;
    this.childCounts.ensure(id);
    if (id % CHECKPOINT_EVERY === 0) {
      const k = id / CHECKPOINT_EVERY;
      this.checkpoints = ensureCapacity(this.checkpoints, k + 1, Int32Array);
      this.checkpoints[k] = this.count;
    }
  }

  /**
   * Looks up a successor of the state being expanded; stores it if absent.
   * Returns the new id (≥ 0) for a state seen for the first time, or
   * `-(id + 1)` for a stored one.
   */
  insert(lo: number, hi: number): number {
    const id = this.insertFingerprint(lo, hi);
    if (id >= 0) this.childCounts.list[this.expanding >>> CHUNK_BITS][this.expanding & CHUNK_MASK]++;
    return id;
  }

  private insertFingerprint(lo: number, hi: number): number {
    const table = this.table;
    const chunks = this.fingerprints.list;
    const tag = (hi >>> ID_BITS) << ID_BITS;
    const size = table.length;
    let slot = Math.floor((lo >>> 0) * this.scale);
    for (;;) {
      const entry = table[slot];
      if (entry === 0) break;
      if ((entry & ~ID_MASK) === tag) {
        const id = (entry & ID_MASK) - 1;
        const chunk = chunks[id >>> CHUNK_BITS];
        const o = (id & CHUNK_MASK) << 1;
        if (chunk[o] === lo && chunk[o + 1] === hi) return -(id + 1);
      }
      slot = slot + 1 === size ? 0 : slot + 1;
    }
    const id = this.count;
    if (id >= MAX_STORED_STATES) throw new MemoryExhausted(0);
    this.fingerprints.ensure(id);
    const o = (id & CHUNK_MASK) << 1;
    const chunk = chunks[id >>> CHUNK_BITS];
    chunk[o] = lo;
    chunk[o + 1] = hi;
    this.count = id + 1;
    table[slot] = tag | (id + 1);
    if (this.count * 8 > this.table.length * 7) this.growTable();
    return id;
  }

  /** Id of the predecessor of `id`, or `-(initialIndex + 1)` for an initial state. */
  parentOf(id: number): number {
    if (id < this.initialIndices.length) return -(this.initialIndices[id] + 1);
    // The parent is the last expanded state whose first child id is ≤ id:
    // find the checkpoint block by binary search, then walk its child counts.
    let lo = 0;
    let hi = Math.floor(this.expanding / CHECKPOINT_EVERY);
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.checkpoints[mid] <= id) lo = mid;
      else hi = mid - 1;
    }
    let parent = lo * CHECKPOINT_EVERY;
    let firstChild = this.checkpoints[lo];
    for (;;) {
      const children = this.childCounts.list[parent >>> CHUNK_BITS][parent & CHUNK_MASK];
      if (id < firstChild + children) return parent;
      firstChild += children;
      parent++;
      if (parent > this.expanding) throw new Error(`VisitedStore: state ${id} has no parent`);
    }
  }

  /** Low word of the fingerprint of `id`. */
  fingerprintLo(id: number): number {
    return this.fingerprints.list[id >>> CHUNK_BITS][(id & CHUNK_MASK) << 1];
  }

  /** High word of the fingerprint of `id`. */
  fingerprintHi(id: number): number {
    return this.fingerprints.list[id >>> CHUNK_BITS][((id & CHUNK_MASK) << 1) + 1];
  }

  /** Bytes allocated by the store, for statistics and memory limits. */
  get bytes(): number {
    const chunks = this.fingerprints.bytes + this.childCounts.bytes;
    return this.table.byteLength + chunks + this.checkpoints.byteLength;
  }

  private growTable(): void {
    const size = Math.ceil(this.table.length * 1.5);
    let table: Int32Array;
    try {
      table = new Int32Array(size);
    } catch {
      throw new MemoryExhausted(size * 4);
    }
    const scale = size / 2 ** 32;
    for (let id = 0; id < this.count; id++) {
      let slot = Math.floor((this.fingerprintLo(id) >>> 0) * scale);
      while (table[slot] !== 0) slot = slot + 1 === size ? 0 : slot + 1;
      table[slot] = ((this.fingerprintHi(id) >>> ID_BITS) << ID_BITS) | (id + 1);
    }
    this.table = table;
    this.scale = scale;
  }
}
