import { ensureCapacity, grownCapacity, resized } from './growable.js';

/**
 * The explored transition graph in compressed-sparse-row form, kept only
 * when a liveness property needs it. States are expanded in id order, so
 * the out-edges of state `i` are the contiguous range
 * `[start(i), start(i + 1))`. Each edge records its target, its actor and
 * the index of its action in the source's enabled list (to replay it),
 * and, in a search under symmetry, the id of the actor permutation that
 * took the successor to its canonical form (0, the identity, otherwise;
 * the array exists only once a non-identity permutation is added).
 */
export class EdgeStore {
  private starts = new Int32Array(1024);
  private targets = new Int32Array(4096);
  private actors = new Uint8Array(4096);
  private actionIndices = new Uint8Array(4096);
  private perms: Uint16Array | undefined;
  private expandedCount = 0;
  private edgeCount = 0;

  /** Number of states whose out-edges are recorded (a prefix of the ids). */
  get expanded(): number {
    return this.expandedCount;
  }

  /** Starts recording the out-edges of the next state, which must have id {@link expanded}. */
  beginState(): void {
    const i = this.expandedCount;
    this.starts = ensureCapacity(this.starts, i + 2, Int32Array);
    this.starts[i] = this.edgeCount;
    this.starts[i + 1] = this.edgeCount;
    this.expandedCount = i + 1;
  }

  /** Records an edge from the state begun last. */
  add(target: number, actor: number, actionIndex: number, perm = 0): void {
    const e = this.edgeCount;
    if (e >= this.targets.length) {
      const capacity = grownCapacity(this.targets.length, e + 1);
      this.targets = resized(this.targets, capacity, Int32Array);
      this.actors = resized(this.actors, capacity, Uint8Array);
      this.actionIndices = resized(this.actionIndices, capacity, Uint8Array);
      if (this.perms !== undefined) this.perms = resized(this.perms, capacity, Uint16Array);
    }
    this.targets[e] = target;
    this.actors[e] = actor;
    this.actionIndices[e] = actionIndex;
    if (perm !== 0 && this.perms === undefined) this.perms = new Uint16Array(this.targets.length);
    if (this.perms !== undefined) this.perms[e] = perm;
    this.edgeCount = e + 1;
    this.starts[this.expandedCount] = this.edgeCount;
  }

  /**
   * Forgets the edges of the last begun state when its expansion was cut
   * short (e.g. memory ran out mid-way): a half-recorded state could look
   * terminal, or unfair, and give a spurious lasso.
   */
  abandonLastState(): void {
    if (this.expandedCount === 0) return;
    this.expandedCount--;
    this.edgeCount = this.starts[this.expandedCount];
  }

  /** First edge index of `state`. */
  start(state: number): number {
    return this.starts[state];
  }

  /** One past the last edge index of `state`. */
  end(state: number): number {
    return this.starts[state + 1];
  }

  target(edge: number): number {
    return this.targets[edge];
  }

  actor(edge: number): number {
    return this.actors[edge];
  }

  actionIndex(edge: number): number {
    return this.actionIndices[edge];
  }

  /** Id of the edge's actor permutation (an id of the search's `PermutationTable`); 0 is the identity. */
  perm(edge: number): number {
    return this.perms === undefined ? 0 : this.perms[edge];
  }

  /** Whether some edge has a permutation other than the identity. */
  get hasPermutations(): boolean {
    return this.perms !== undefined;
  }

  /** Bytes allocated. */
  get bytes(): number {
    return this.starts.byteLength + this.targets.byteLength + this.actors.byteLength + this.actionIndices.byteLength + (this.perms?.byteLength ?? 0);
  }
}
