import { PackedLayout } from './packedLayout.js';
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
 * taking `bits[i]` bits (1..31), packed by a {@link PackedLayout}: a state
 * of 2N fields of 2–5 bits costs a few words instead of 2N, less to hash
 * and to queue. Decoding allocates a fresh vector (the state handed to the
 * model). Models that work on the packed words themselves are faster still
 * (use the layout with {@link int32VectorCodec}).
 *
 * @throws {RangeError} on encode, if a field does not fit its bits.
 */
export function bitPackedCodec(bits: readonly number[]): StateCodec<Int32Array> {
  const layout = new PackedLayout(bits);
  const scratch = new Int32Array(layout.width);
  return {
    width: layout.width,
    encode(state, out, offset) {
      scratch.fill(0);
      for (let i = 0; i < bits.length; i++) layout.set(scratch, i, state[i]);
      out.set(scratch, offset);
    },
    decode(words, offset) {
      const packed = words.subarray(offset, offset + layout.width);
      return Int32Array.from(bits, (_, i) => layout.get(packed, i));
    },
  };
}
