import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bitPackedCodec, PackedLayout } from '../../src/engine/index.js';

/** A list of field widths and a state whose fields fit them. */
const fieldsAndState = fc
  .array(fc.integer({ min: 1, max: 31 }), { minLength: 1, maxLength: 24 })
  .chain((bits) => fc.tuple(fc.constant(bits), fc.tuple(...bits.map((b) => fc.integer({ min: 0, max: 2 ** b - 1 })))));

describe('bit-packed states', () => {
  test('PackedLayout: fields do not straddle words; 16 2-bit + 16 5-bit fields take 4 words', () => {
    const layout = new PackedLayout([...Array<number>(16).fill(2), ...Array<number>(16).fill(5)]);
    expect(layout.width).toBe(4); // 32 bits, then 6 + 6 + 4 fields of 5 bits
    expect(new PackedLayout([31, 2]).width).toBe(2);
    expect(new PackedLayout([]).width).toBe(0);
  });

  test('PackedLayout: set then get returns every field, and setting one field leaves the others', () => {
    fc.assert(
      fc.property(fieldsAndState, fc.nat(), ([bits, values], k) => {
        const layout = new PackedLayout(bits);
        const words = new Int32Array(layout.width);
        for (const [i, v] of values.entries()) layout.set(words, i, v);
        expect(layout.unpack(words)).toEqual(values);
        const i = k % bits.length;
        layout.set(words, i, 0);
        expect(layout.unpack(words)).toEqual(values.map((v, j) => (j === i ? 0 : v)));
      }),
      { seed: 20261122, numRuns: 500 },
    );
  });

  test('bitPackedCodec: decode(encode(s)) = s, at any offset', () => {
    fc.assert(
      fc.property(fieldsAndState, fc.integer({ min: 0, max: 5 }), ([bits, values], offset) => {
        const codec = bitPackedCodec(bits);
        const words = new Int32Array(offset + codec.width + 2).fill(-1);
        codec.encode(Int32Array.from(values), words, offset);
        expect(Array.from(codec.decode(words, offset))).toEqual(values);
        expect(words[offset + codec.width]).toBe(-1); // nothing written past the state
      }),
      { seed: 20261122, numRuns: 500 },
    );
  });

  test('values that do not fit and widths out of range are refused', () => {
    expect(() => new PackedLayout([3, 0])).toThrow('PackedLayout: field 1 has 0 bits; each field takes 1..31');
    expect(() => new PackedLayout([32])).toThrow(RangeError);
    expect(() => bitPackedCodec([2, 2]).encode(Int32Array.of(1, 4), new Int32Array(1), 0)).toThrow('PackedLayout: field 1 = 4 does not fit in 2 bits');
    expect(() => bitPackedCodec([2]).encode(Int32Array.of(-1), new Int32Array(1), 0)).toThrow(RangeError);
  });
});
