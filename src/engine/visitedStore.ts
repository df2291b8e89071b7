import { grownCapacity, MemoryExhausted, resized } from './growable.js';

/**
 * The set of visited states, stored as 64-bit fingerprints with a parent
 * link and the index of the action that reached each state — never the
 * states themselves. Ids are dense and assigned in discovery order, so for
 * a breadth-first search a smaller id means a shallower state.
 *
 * Layout (all typed arrays, no per-state objects): an open-addressing table
 * of `id + 1` (0 = empty slot, linear probing, load ≤ 0.75) over per-id
 * arrays of fingerprints (two words), parent ids and action indices.
 * A trace is rebuilt by replaying action indices from an initial state.
 */
export class VisitedStore {
  private table: Int32Array = new Int32Array(1 << 12);
  private mask = this.table.length - 1;
  private fingerprints = new Int32Array(2 * 1024);
  private parents = new Int32Array(1024);
  private actionIndices = new Uint8Array(1024);
  private count = 0;

  /** Number of stored states. */
  get size(): number {
    return this.count;
  }

  /**
   * Looks the fingerprint (`lo`, `hi`) up; inserts it if absent. Returns the
   * new id (≥ 0) for a state seen for the first time, or `-(id + 1)` for a
   * state already stored. `parent` is the id of the predecessor (or
   * `-(initialIndex + 1)` for an initial state) and `action` the index of
   * the action in the predecessor's enabled list.
   */
  insert(lo: number, hi: number, parent: number, action: number): number {
    const table = this.table;
    const fps = this.fingerprints;
    let slot = lo & this.mask;
    for (;;) {
      const entry = table[slot];
      if (entry === 0) break;
      const id = entry - 1;
      if (fps[2 * id] === lo && fps[2 * id + 1] === hi) return -entry;
      slot = (slot + 1) & this.mask;
    }
    const id = this.count;
    if (id >= this.parents.length) this.growPerState(id + 1);
    this.fingerprints[2 * id] = lo;
    this.fingerprints[2 * id + 1] = hi;
    this.parents[id] = parent;
    this.actionIndices[id] = action;
    this.count = id + 1;
    table[slot] = id + 1;
    if (this.count * 4 > this.table.length * 3) this.growTable();
    return id;
  }

  /** Id of the predecessor of `id`, or `-(initialIndex + 1)` for an initial state. */
  parentOf(id: number): number {
    return this.parents[id];
  }

  /** Index, in its predecessor's enabled list, of the action that first reached `id`. */
  actionIndexOf(id: number): number {
    return this.actionIndices[id];
  }

  /** Low word of the fingerprint of `id`. */
  fingerprintLo(id: number): number {
    return this.fingerprints[2 * id];
  }

  /** High word of the fingerprint of `id`. */
  fingerprintHi(id: number): number {
    return this.fingerprints[2 * id + 1];
  }

  /** Bytes allocated by the store (including growth slack), for statistics and memory limits. */
  get bytes(): number {
    return this.table.byteLength + this.fingerprints.byteLength + this.parents.byteLength + this.actionIndices.byteLength;
  }

  // One capacity for all per-state arrays: growing each on its own rounds
  // differently (⌈1.5·2c⌉ can be one less than 2·⌈1.5·c⌉), which once left
  // the last fingerprint word out of bounds and silently dropped.
  private growPerState(needed: number): void {
    const capacity = grownCapacity(this.parents.length, needed);
    this.fingerprints = resized(this.fingerprints, 2 * capacity, Int32Array);
    this.parents = resized(this.parents, capacity, Int32Array);
    this.actionIndices = resized(this.actionIndices, capacity, Uint8Array);
  }

  private growTable(): void {
    const size = this.table.length * 2;
    let table: Int32Array;
    try {
      table = new Int32Array(size);
    } catch {
      throw new MemoryExhausted(size * 4);
    }
    const mask = size - 1;
    const fps = this.fingerprints;
    for (let id = 0; id < this.count; id++) {
      let slot = fps[2 * id] & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = id + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}
