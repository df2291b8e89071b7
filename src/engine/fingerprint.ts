/**
 * 64-bit state fingerprints, computed as two independent 32-bit lanes over
 * an encoded state vector (murmur3-style mixing, different seeds and
 * multipliers per lane). The engine stores fingerprints instead of states;
 * {@link collisionProbability} reports the odds that two distinct states
 * shared one, as TLC does at the end of a run.
 */

/**
 * Fingerprints `words[offset .. offset + width)` into `out[0]` (low lane)
 * and `out[1]` (high lane); `out` is the caller's reusable pair, so the hot
 * path allocates nothing.
 */
export function fingerprint(words: Int32Array, offset: number, width: number, out: Int32Array): void {
  let h1 = 0x9747b28c ^ width;
  let h2 = 0x5bd1e995 ^ Math.imul(width, 0x27d4eb2f);
  for (let i = offset, end = offset + width; i < end; i++) {
    const w = words[i];
    let k1 = Math.imul(w, 0xcc9e2d51);
    k1 = (k1 << 15) | (k1 >>> 17);
    k1 = Math.imul(k1, 0x1b873593);
    h1 ^= k1;
    h1 = (h1 << 13) | (h1 >>> 19);
    h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;

    let k2 = Math.imul(w ^ 0x7f4a7c15, 0x85ebca6b);
    k2 = (k2 << 16) | (k2 >>> 16);
    k2 = Math.imul(k2, 0xc2b2ae35);
    h2 ^= k2;
    h2 = (h2 << 11) | (h2 >>> 21);
    h2 = (Math.imul(h2, 9) + 0x165667b1) | 0;
  }
  out[0] = fmix(h1 ^ Math.imul(h2, 0x9e3779b1));
  out[1] = fmix(h2 ^ h1);
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/**
 * TLC's "calculated (optimistic)" fingerprint collision probability:
 * `states * (transitions - states) / 2^64` — the chance that some newly
 * generated state was wrongly taken for an already visited one.
 */
export function collisionProbability(states: number, transitions: number): number {
  return (states * Math.max(0, transitions - states)) / 2 ** 64;
}
