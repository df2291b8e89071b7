/**
 * How much of a document the loader reads. Each bound keeps loading
 * linear in the size of the input and the memory it takes small: the
 * text size is checked before parsing, the rest in one pass over the
 * parsed document before it is converted to plain data. A document over
 * a bound is refused with a problem naming the bound, never half read.
 */
export interface DocumentLimits {
  /** Characters of text (UTF-16 code units; for a file, bytes, checked before reading it). */
  readonly maxChars: number;
  /** Characters in one string (a scalar value or a key). */
  readonly maxStringLength: number;
  /** Items in one list, entries in one mapping. */
  readonly maxListLength: number;
  /** Levels of nesting (a scenario is about 8 deep, a trace about 10). */
  readonly maxDepth: number;
  /** Alias uses (`*name`) in the document. */
  readonly maxAliases: number;
  /** Values in the document once aliases are expanded (the guard against alias bombs). */
  readonly maxValues: number;
}

/** The bounds on a scenario file (the largest built-in scenario is 12 KB, about 1,500 values). */
export const scenarioLimits: DocumentLimits = {
  // yaml parses about 15 µs per small item on a busy machine: 256 KiB (20× the largest scenario) take at most a few seconds.
  maxChars: 1 << 18,
  maxStringLength: 16_384,
  maxListLength: 10_000,
  maxDepth: 64,
  maxAliases: 1000,
  maxValues: 100_000,
};

/**
 * The bounds on a trace file (strict JSON, no aliases). Every trace the
 * writers produce must read back, and a random search's trace of a large
 * family is long: a 200-step trace of t1t2t3:36:18 is 8.4 MB as ITF. So
 * the size bound is 256 MiB (against hostile input), and the value bound
 * is the text's length (strict JSON cannot hold more values than it has
 * characters; see {@link traceLimitsFor}).
 */
export const traceLimits: DocumentLimits = {
  maxChars: 256 << 20,
  maxStringLength: 65_536,
  maxListLength: 1_000_000,
  maxDepth: 64,
  maxAliases: 0,
  maxValues: 500_000,
};

/** {@link traceLimits} for one trace's text: its value bound grows with the text, which can hold no more values than characters. */
export function traceLimitsFor(text: string): DocumentLimits {
  return { ...traceLimits, maxValues: Math.max(traceLimits.maxValues, text.length) };
}

/** `n` with thousands separated by commas (`1,048,576`), for messages about limits. */
export function countText(n: number): string {
  return n.toLocaleString('en-US');
}
