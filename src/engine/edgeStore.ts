import { CHUNK_BITS, CHUNK_MASK, Chunks } from './chunks.js';
import { ensureCapacity } from './growable.js';

/**
 * The explored transition graph in compressed-sparse-row form, kept only
 * when a liveness property needs it. States are expanded in id order, so
 * the out-edges of state `i` are the contiguous range
 * `[start(i), start(i + 1))`. Each edge records its target, its actor and
 * the index of its action in the source's enabled list (to replay it),
 * and, in a search under symmetry, the id of the actor permutation that
 * took the successor to its canonical form (0, the identity, otherwise;
 * the array exists only once a non-identity permutation is added).
 * Edges are kept in fixed chunks ({@link Chunks}): the graph grows
 * without copying what it holds (growing by reallocation cost a tenth of
 * the owner's time in a parallel search of t1t2t3:8:4).
 */
export class EdgeStore {
  private starts = new Int32Array(1024);
  private readonly targets = new Chunks(Int32Array, 1);
  private readonly actors = new Chunks(Uint8Array, 1);
  private readonly actionIndices = new Chunks(Uint8Array, 1);
  private perms: Chunks<Uint16Array> | undefined;
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
    this.targets.ensure(e);
    this.actors.ensure(e);
    this.actionIndices.ensure(e);
    const c = e >>> CHUNK_BITS;
    const o = e & CHUNK_MASK;
    this.targets.list[c][o] = target;
    this.actors.list[c][o] = actor;
    this.actionIndices.list[c][o] = actionIndex;
    if (perm !== 0 && this.perms === undefined) {
      // The first non-identity permutation: the edges before it had the identity (0).
      this.perms = new Chunks(Uint16Array, 1);
      for (let i = 0; i < e; i++) this.perms.ensure(i);
    }
    if (this.perms !== undefined) {
      this.perms.ensure(e);
      this.perms.list[c][o] = perm;
    }
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
    return this.targets.list[edge >>> CHUNK_BITS][edge & CHUNK_MASK];
  }

  actor(edge: number): number {
    return this.actors.list[edge >>> CHUNK_BITS][edge & CHUNK_MASK];
  }

  actionIndex(edge: number): number {
    return this.actionIndices.list[edge >>> CHUNK_BITS][edge & CHUNK_MASK];
  }

  /** Id of the edge's actor permutation (an id of the search's `PermutationTable`); 0 is the identity. */
  perm(edge: number): number {
    return this.perms === undefined ? 0 : this.perms.list[edge >>> CHUNK_BITS][edge & CHUNK_MASK];
  }

  /** Whether some edge has a permutation other than the identity. */
  get hasPermutations(): boolean {
    return this.perms !== undefined;
  }

  /** Bytes allocated. */
  get bytes(): number {
    return this.starts.byteLength + this.targets.bytes + this.actors.bytes + this.actionIndices.bytes + (this.perms?.bytes ?? 0);
  }
}
