/**
 * Growth for the engine's typed arrays. Growing by 1.5× keeps the slack
 * (allocated but unused bytes per state) at most a third of the live data;
 * a failed allocation becomes a {@link MemoryExhausted}, which the search
 * turns into an `incomplete` verdict instead of letting node crash.
 */

/** Thrown when a store cannot grow (allocation refused or over the memory budget). */
export class MemoryExhausted extends Error {
  constructor(readonly requestedBytes: number) {
    super(`cannot allocate ${requestedBytes} more bytes for the state store`);
  }
}

type TypedArray = Int32Array | Uint8Array | Uint16Array | Uint32Array | Float64Array;
type TypedArrayCtor<T extends TypedArray> = new (length: number) => T;

/** The capacity to grow to from `current` so that `needed` fit: 1.5×, at least `needed`. */
export function grownCapacity(current: number, needed: number): number {
  return Math.max(needed, Math.ceil(current * 1.5), 16);
}

/** Returns `array` if it holds `needed` elements, else a copy grown by 1.5× (at least to `needed`). */
export function ensureCapacity<T extends TypedArray>(array: T, needed: number, ctor: TypedArrayCtor<T>): T {
  if (needed <= array.length) return array;
  return resized(array, grownCapacity(array.length, needed), ctor);
}

/** A copy of `array` with exactly `length` elements (`length` ≥ `array.length`). */
export function resized<T extends TypedArray>(array: T, length: number, ctor: TypedArrayCtor<T>): T {
  let grown: T;
  try {
    grown = new ctor(length);
  } catch {
    throw new MemoryExhausted(length * array.BYTES_PER_ELEMENT);
  }
  grown.set(array as never);
  return grown;
}
