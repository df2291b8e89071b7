import type { EdgeStore } from './edgeStore.js';

/**
 * Strongly connected components of the subgraph induced by a set of
 * states, by an iterative Tarjan (no recursion, so no stack overflow on
 * million-state graphs). Arrays are allocated once for the whole graph and
 * reused across calls, which only touch the states they are given.
 */
export class SccFinder {
  private readonly index: Int32Array;
  private readonly low: Int32Array;
  private readonly onStack: Uint8Array;
  private readonly stack: Int32Array;
  private readonly callState: Int32Array;
  private readonly callEdge: Int32Array;
  /** Component number of each state of the last run (only valid for its members). */
  readonly component: Int32Array;

  /** `n`: number of states (ids `0 .. n-1`) whose edges are known. */
  constructor(
    private readonly edges: EdgeStore,
    private readonly n: number,
  ) {
    this.index = new Int32Array(n).fill(-1);
    this.low = new Int32Array(n);
    this.onStack = new Uint8Array(n);
    this.stack = new Int32Array(n);
    this.callState = new Int32Array(n);
    this.callEdge = new Int32Array(n);
    this.component = new Int32Array(n);
  }

  /**
   * Components of the subgraph induced by `members` (listed in `states`,
   * flagged by `stamp[s] === mark`). Returns the states grouped by
   * component — component `c` is `order[starts[c] .. starts[c + 1])` — in
   * Tarjan's emission order: every component is emitted after all the
   * components it can reach.
   */
  run(states: ArrayLike<number>, stamp: Int32Array, mark: number): { order: Int32Array; starts: Int32Array; count: number } {
    const { edges, index, low, onStack, stack, callState, callEdge, component } = this;
    const n = this.n;
    const order = new Int32Array(states.length);
    const starts: number[] = [0];
    let orderLength = 0;
    let counter = 0;
    let sp = 0;
    for (let r = 0; r < states.length; r++) {
      const root = states[r];
      if (index[root] !== -1) continue;
      let cp = 0;
      index[root] = low[root] = counter++;
      stack[sp++] = root;
      onStack[root] = 1;
      callState[cp] = root;
      callEdge[cp] = edges.start(root);
      cp++;
      while (cp > 0) {
        const v = callState[cp - 1];
        let e = callEdge[cp - 1];
        const end = edges.end(v);
        let descended = false;
        while (e < end) {
          const w = edges.target(e);
          e++;
          if (w >= n || stamp[w] !== mark) continue;
          if (index[w] === -1) {
            callEdge[cp - 1] = e;
            index[w] = low[w] = counter++;
            stack[sp++] = w;
            onStack[w] = 1;
            callState[cp] = w;
            callEdge[cp] = edges.start(w);
            cp++;
            descended = true;
            break;
          }
          if (onStack[w] === 1 && index[w] < low[v]) low[v] = index[w];
        }
        if (descended) continue;
        if (low[v] === index[v]) {
          const c = starts.length - 1;
          let x: number;
          do {
            x = stack[--sp];
            onStack[x] = 0;
            component[x] = c;
            order[orderLength++] = x;
          } while (x !== v);
          starts.push(orderLength);
        }
        cp--;
        if (cp > 0) {
          const u = callState[cp - 1];
          if (low[v] < low[u]) low[u] = low[v];
        }
      }
    }
    for (let r = 0; r < states.length; r++) index[states[r]] = -1;
    return { order, starts: Int32Array.from(starts), count: starts.length - 1 };
  }
}
