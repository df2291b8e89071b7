/**
 * Named-free field access into bit-packed state vectors, for models that
 * work on their packed state directly (the fastest path: the codec then
 * only copies words). Field `i` takes `bits[i]` bits (1..31); fields do
 * not straddle 32-bit words. Pair it with `int32VectorCodec(layout.width)`.
 */
export class PackedLayout {
  /** Number of 32-bit words per state. */
  readonly width: number;
  private readonly word: Int32Array;
  private readonly shift: Int32Array;
  private readonly mask: Int32Array;

  /** @param names the fields' names, for the error when a value does not fit (default: their indices) */
  constructor(
    readonly bits: readonly number[],
    private readonly names?: readonly string[],
  ) {
    const n = bits.length;
    this.word = new Int32Array(n);
    this.shift = new Int32Array(n);
    this.mask = new Int32Array(n);
    let word = 0;
    let used = 0;
    bits.forEach((b, i) => {
      if (!Number.isInteger(b) || b < 1 || b > 31) throw new RangeError(`PackedLayout: field ${i} has ${b} bits; each field takes 1..31`);
      if (used + b > 32) {
        word++;
        used = 0;
      }
      this.word[i] = word;
      this.shift[i] = used;
      this.mask[i] = (1 << b) - 1;
      used += b;
    });
    this.width = n === 0 ? 0 : word + 1;
  }

  /** Value of field `i` of the state in `words`. */
  get(words: Int32Array, i: number): number {
    return (words[this.word[i]] >>> this.shift[i]) & this.mask[i];
  }

  /**
   * Sets field `i` of the state in `words` to `value`.
   * @throws {RangeError} if `value` does not fit the field.
   */
  set(words: Int32Array, i: number, value: number): void {
    const mask = this.mask[i];
    if ((value & mask) !== value) throw new RangeError(`PackedLayout: field ${this.names?.[i] ?? i} = ${value} does not fit in ${this.bits[i]} bits`);
    const w = this.word[i];
    const shift = this.shift[i];
    words[w] = (words[w] & ~(mask << shift)) | (value << shift);
  }

  /** The fields of a packed state, as a plain list (for traces and debugging). */
  unpack(words: Int32Array): number[] {
    return this.bits.map((_, i) => this.get(words, i));
  }
}
