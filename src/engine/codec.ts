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
      return words.subarray(offset, offset + width);
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
