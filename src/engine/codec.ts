import type { StateCodec } from './model.js';

/**
 * Codec for models whose states already are `Int32Array`s of a fixed
 * width. Decoding returns a view, not a copy: a model using it must not
 * keep a state it was handed beyond the call (it may return new arrays
 * freely).
 */
export function int32VectorCodec(width: number): StateCodec<Int32Array> {
  return {
    width,
    encode(state, out, offset) {
      for (let i = 0; i < width; i++) out[offset + i] = state[i];
    },
    decode(words, offset) {
      return offset === 0 && words.length === width ? words : words.subarray(offset, offset + width);
    },
  };
}

/** Codec for models whose state is a single integer (32-bit). */
export const integerCodec: StateCodec<number> = {
  width: 1,
  encode(state, out, offset) {
    out[offset] = state;
  },
  decode(words, offset) {
    return words[offset];
  },
};

/**
 * Codec for states that are vectors of small unsigned integers, field `i`
 * taking `bits[i]` bits (1..31). Fields are packed into 32-bit words
 * without straddling a word boundary, so a state of 2N fields of 2–5 bits
 * costs a few words instead of 2N: less to hash, less to queue.
 * Decoding allocates a fresh vector (the state handed to the model).
 *
 * @throws {RangeError} on encode, if a field does not fit its bits.
 */
export function bitPackedCodec(bits: readonly number[]): StateCodec<Int32Array> {
  const n = bits.length;
  const wordOf = new Int32Array(n);
  const shiftOf = new Int32Array(n);
  let word = 0;
  let used = 0;
  bits.forEach((b, i) => {
    if (!Number.isInteger(b) || b < 1 || b > 31) throw new RangeError(`bitPackedCodec: field ${i} has ${b} bits; each field takes 1..31`);
    if (used + b > 32) {
      word++;
      used = 0;
    }
    wordOf[i] = word;
    shiftOf[i] = used;
    used += b;
  });
  const width = n === 0 ? 0 : word + 1;
  return {
    width,
    encode(state, out, offset) {
      for (let w = 0; w < width; w++) out[offset + w] = 0;
      for (let i = 0; i < n; i++) {
        const v = state[i];
        if (v >>> bits[i] !== 0 || v < 0) throw new RangeError(`bitPackedCodec: field ${i} = ${v} does not fit in ${bits[i]} bits`);
        out[offset + wordOf[i]] |= v << shiftOf[i];
      }
    },
    decode(words, offset) {
      const state = new Int32Array(n);
      for (let i = 0; i < n; i++) state[i] = (words[offset + wordOf[i]] >>> shiftOf[i]) & ((1 << bits[i]) - 1);
      return state;
    },
  };
}
