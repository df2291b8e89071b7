import type { StateCodec } from '../engine/index.js';
import type { Layout } from './layout.js';
import { PackedState, type StatePacking } from './packedState.js';
import { assignState, copyState, type KernelState } from './state.js';

/**
 * Packs a kernel state into the words of `packing` (`packedState.ts`,
 * which says how each field is packed and how to add one) and unpacks
 * it: through a {@link PackedState}, so the layout of the words is known
 * in one place. Encoding writes every field into zeroed words; decoding
 * reads them all into a fresh plain state (`copyState` of the view).
 */
export function kernelCodec(layout: Layout, packing: StatePacking): StateCodec<KernelState> {
  const scratch = new PackedState(layout, packing);
  const { width } = packing.packed;
  return {
    width,
    encode(s, out, o) {
      scratch.words.fill(0);
      assignState(scratch, s);
      out.set(scratch.words, o);
    },
    decode(w, o) {
      scratch.words.set(w.subarray(o, o + width));
      return copyState(scratch);
    },
  };
}
