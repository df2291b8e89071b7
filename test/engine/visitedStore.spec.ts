import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { VisitedStore } from '../../src/engine/visitedStore.js';

const lo = (i: number) => Math.imul(i, 0x9e3779b1) ^ 0x5bd1e995;
const hi = (i: number) => Math.imul(i ^ 0x27d4eb2f, 0x85ebca6b);

describe('VisitedStore', () => {
  // Regression: per-state arrays grown separately once rounded to different
  // capacities, dropping a fingerprint word; the state was then stored twice
  // (dining philosophers N = 13 had 94643 states instead of SPIN's 94642).
  // 300 000 states cross the first chunk's doublings, several full chunks
  // and seven table doublings.
  test('finds every fingerprint again and rebuilds every parent link, as a BFS uses it', () => {
    const store = new VisitedStore();
    const n = 300_000;
    const parent: number[] = [-1, -2];
    expect(store.insertInitial(lo(0), hi(0), 0)).toBe(0);
    expect(store.insertInitial(lo(0), hi(0), 1)).toBe(-1); // duplicate initial state
    expect(store.insertInitial(lo(1), hi(1), 2)).toBe(1);
    parent[1] = -3;
    let next = 2;
    for (let p = 0; next < n; p++) {
      store.beginExpansion(p);
      // Expanding p finds p % 5 new states (0..4), then one it has seen.
      for (let k = 0; k < p % 5 && next < n; k++) {
        if (store.insert(lo(next), hi(next)) !== next) throw new Error(`state ${next} not new`);
        parent[next] = p;
        next++;
      }
      if (store.insert(lo(p), hi(p)) !== -(p + 1)) throw new Error(`state ${p} not found while expanding it`);
    }
    expect(store.size).toBe(n);
    for (let i = 0; i < n; i++) {
      if (store.insert(lo(i), hi(i)) !== -(i + 1)) throw new Error(`state ${i} not found`);
    }
    expect(store.size).toBe(n);
    for (let i = 0; i < n; i += 997) expect(store.parentOf(i)).toBe(parent[i]);
    expect(store.parentOf(n - 1)).toBe(parent[n - 1]);
    expect(store.parentOf(0)).toBe(-1);
    expect(store.parentOf(1)).toBe(-3);
    expect(store.fingerprintLo(4321)).toBe(lo(4321));
    expect(store.fingerprintHi(4321)).toBe(hi(4321));
  });

  test('the store behaves as a set of 64-bit fingerprints', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -8, max: 8 }), fc.integer()), { maxLength: 3000 }), (pairs) => {
        const store = new VisitedStore();
        store.insertInitial(99, 99, 0);
        store.beginExpansion(0);
        const ids = new Map<string, number>([['99,99', 0]]);
        for (const [l, h] of pairs) {
          const key = `${l},${h}`;
          const result = store.insert(l, h);
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
