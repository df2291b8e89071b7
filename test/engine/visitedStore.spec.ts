import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { VisitedStore } from '../../src/engine/visitedStore.js';

describe('VisitedStore', () => {
  // Regression: per-state arrays grown separately once rounded to different
  // capacities, dropping a fingerprint word; the state was then stored twice
  // (dining philosophers N = 13 had 94643 states instead of SPIN's 94642).
  test('every inserted fingerprint is found again, across many growth steps', () => {
    const store = new VisitedStore();
    const n = 300_000;
    const lo = (i: number) => Math.imul(i, 0x9e3779b1) ^ 0x5bd1e995;
    const hi = (i: number) => Math.imul(i ^ 0x27d4eb2f, 0x85ebca6b);
    for (let i = 0; i < n; i++) expect(store.insert(lo(i), hi(i), i - 1, i & 255)).toBe(i);
    expect(store.size).toBe(n);
    for (let i = 0; i < n; i++) {
      if (store.insert(lo(i), hi(i), 0, 0) !== -(i + 1)) throw new Error(`state ${i} not found`);
    }
    expect(store.size).toBe(n);
    expect(store.parentOf(1234)).toBe(1233);
    expect(store.actionIndexOf(1234)).toBe(1234 & 255);
    expect(store.fingerprintLo(4321)).toBe(lo(4321));
    expect(store.fingerprintHi(4321)).toBe(hi(4321));
  });

  test('the store behaves as a set of 64-bit fingerprints', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -8, max: 8 }), fc.integer({ min: -3, max: 3 })), { maxLength: 3000 }), (pairs) => {
        const store = new VisitedStore();
        const ids = new Map<string, number>();
        for (const [lo, hi] of pairs) {
          const key = `${lo},${hi}`;
          const result = store.insert(lo, hi, 0, 0);
          if (ids.has(key)) expect(result).toBe(-(ids.get(key)! + 1));
          else {
            expect(result).toBe(ids.size);
            ids.set(key, ids.size);
          }
        }
        expect(store.size).toBe(ids.size);
      }),
      { seed: 20261122, numRuns: 200 },
    );
  });
});
