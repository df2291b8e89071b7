import { type Exploration, type ExploreOptions, type ExploreRequest, searchStats } from './bfs.js';
import { EdgeStore } from './edgeStore.js';
import { fingerprint } from './fingerprint.js';
import { ensureCapacity, MemoryExhausted } from './growable.js';
import { Budget } from './limits.js';
import type { Model } from './model.js';
import type { ParallelSearch } from './modelSource.js';
import type { StopReason } from './result.js';
import { SearchPool } from './searchPool.js';
import { STATE_HEADER, SuccessorExpander } from './successors.js';
import { StateQueue } from './stateQueue.js';
import { VisitedStore } from './visitedStore.js';

/** States per batch at most: large enough that a batch's computation dwarfs its hand-over (tens of µs). */
const BATCH_STATES = 256;
/** Successor records per state a batch's output is sized for; a batch whose states have more is finished by the owner. */
const RECORDS_PER_STATE = 16;

/**
 * Breadth-first search of every reachable state, its successors computed
 * by worker threads: the same search as `explore`, state for state.
 *
 * The calling thread owns the visited store, the frontier and the graph;
 * it hands out the frontier in id order, in batches, and merges the
 * batches' successors in id order — the order `explore` expands them — so
 * every state gets the id it gets on one thread, and the parent links,
 * level starts, first violations, the graph, the statistics (but the
 * frontier's and the graph's bytes) and so every counterexample are the
 * same. What runs in parallel is what costs most: decoding, the model's
 * actions and next states, encoding, fingerprinting, and evaluating
 * liveness predicates (on expanded states: the flags of states left
 * unexpanded by a limit stay 0, and liveness never reads them) and
 * invariants (on every successor, since only the owner knows which are
 * new). Batches are taken by whichever thread is free first,
 * the caller included when the next batch to merge is still waiting, so
 * the expansion runs ahead of the merge by up to `2 × workers + 2`
 * batches; the owner's share (hash look-ups, copying new states into the
 * frontier, the graph) is the serial part. The threads start once the
 * frontier first holds a batch's worth of states (at once with
 * `ownerHelps: false`): a search that stays smaller runs on this thread.
 *
 * A search with an observer is not supported (decoded states stay in the
 * workers); `check` runs those on one thread. Worker threads' heaps are
 * not counted in the memory budget; the shared batches are.
 */
export function exploreParallel<S, A>(model: Model<S, A>, request: ExploreRequest<S>, options: ExploreOptions<S, A>, parallel: ParallelSearch): Exploration {
  if (options.observer !== undefined) throw new Error('exploreParallel: an observer needs the one-thread search (explore)');
  if (!Number.isInteger(parallel.workers) || parallel.workers < 1) throw new RangeError(`exploreParallel: workers must be a positive integer, got ${parallel.workers}`);
  const { codec } = model;
  const width = codec.width;
  const store = new VisitedStore();
  const queue = new StateQueue(width);
  const edges = request.keepGraph ? new EdgeStore() : undefined;
  const expander = new SuccessorExpander(model, request);
  const { record, invariantWords } = expander;
  const slots = 2 * parallel.workers + 2;
  // Started once the frontier fills a batch: a search that stays smaller never pays for threads.
  let pool: SearchPool | undefined;
  const startPool = (): SearchPool =>
    new SearchPool(slots, BATCH_STATES, width, BATCH_STATES * (STATE_HEADER + RECORDS_PER_STATE * record), parallel.workers, {
      source: parallel.source,
      invariantCount: request.invariants.length,
      predicateCount: request.predicates.length,
      checkDeadlock: request.checkDeadlock,
    });
  // For the states of a batch that did not fit its output: expanded here, one at a time.
  let single = new Int32Array(STATE_HEADER + RECORDS_PER_STATE * record);
  const scratch = new Int32Array(width);
  const fp = new Int32Array(2);
  const maxStates = options.maxStates ?? Infinity;
  const invariants = request.invariants;
  const predicates = request.predicates;
  const invariantViolations = new Map<number, number>();
  let flags = new Uint32Array(predicates.length > 0 ? 1024 : 0);
  const budget = new Budget(options, () => store.bytes + queue.bytes + (edges?.bytes ?? 0) + flags.byteLength + (pool?.bytes ?? 0));
  let deadlock: number | undefined;
  let expanded = 0;
  let transitions = 0;
  let queuePeakBytes = 0;
  let stopReason: StopReason | undefined;
  const levelStarts: number[] = [0];
  let levelEnd = 0;
  let expanding = false;
  let stopped = false;
  const progressEvery = (options.progressIntervalSeconds ?? 1) * 1000;
  let nextProgressAt = progressEvery;

  const depthReached = (): number => levelStarts.length - 1 + (store.size > levelEnd ? 1 : 0);
  const settled = (): boolean => request.stopWhenSettled && invariantViolations.size === invariants.length && (!request.checkDeadlock || deadlock !== undefined);

  // A new state's invariants, from the bits its first occurrence's record carries (its predicates come with its expansion).
  const recordNewState = (id: number, out: Int32Array, at: number): void => {
    for (let p = 0; p < invariants.length; p++) {
      if (!invariantViolations.has(p) && (out[at + 3 + (p >>> 5)] & (1 << (p & 31))) !== 0) invariantViolations.set(p, id);
    }
    if (predicates.length > 0 && id >= flags.length) flags = ensureCapacity(flags, id + 1, Uint32Array);
  };

  // Merges the expansion of the next state (id `expanded`) from `out` at `at`; returns where the next state's starts.
  const mergeState = (out: Int32Array, at: number): number => {
    const id = expanded;
    if (id === levelEnd) {
      levelStarts.push(id);
      levelEnd = store.size;
    }
    store.beginExpansion(id);
    edges?.beginState();
    expanding = true;
    const n = out[at];
    if (out[at + 1] === 1 && deadlock === undefined) deadlock = id;
    if (predicates.length > 0) flags[id] = out[at + 2];
    let o = at + STATE_HEADER;
    for (let i = 0; i < n; i++, o += record) {
      let target = store.insert(out[o + 1], out[o + 2]);
      if (target >= 0) {
        queue.push(out, o + 3 + invariantWords);
        recordNewState(target, out, o);
      } else {
        target = -target - 1;
      }
      edges?.add(target, out[o], i);
    }
    transitions += n;
    expanded = id + 1;
    expanding = false;
    return o;
  };

  // The one-thread search's checks after an expansion: the state limit every time, the rest every 1024.
  const shouldStopAfterExpansion = (): boolean => {
    if (store.size >= maxStates && store.size > expanded) {
      stopReason = 'maxStates';
      return true;
    }
    if ((expanded & 1023) !== 0) return settled();
    const frontierBytes = queue.bytes + (pool?.bytes ?? 0);
    if (frontierBytes > queuePeakBytes) queuePeakBytes = frontierBytes;
    if (settled()) return true;
    stopReason = budget.exceeded(store.size) ?? (options.shouldStop?.() ? 'interrupted' : undefined);
    if (stopReason) return true;
    if (options.onProgress) {
      const seconds = budget.elapsedSeconds();
      if (seconds * 1000 >= nextProgressAt) {
        nextProgressAt = seconds * 1000 + progressEvery;
        options.onProgress({
          states: store.size,
          transitions,
          depth: depthReached(),
          queue: store.size - expanded,
          seconds,
          statesPerSecond: store.size / seconds,
          memoryBytes: budget.residentBytes,
        });
      }
    }
    return false;
  };

  // Expands state `k` of `input` on this thread and merges it.
  const expandHere = (input: Int32Array, k: number): void => {
    while (expander.expand(input, k, 1, single) === 0) single = new Int32Array(single.length * 2);
    mergeState(single, 0);
  };

  // Merges a computed batch of `count` states of which the first `done` are in `out`, expanding the rest here.
  const mergeBatch = (input: Int32Array, count: number, done: number, out: Int32Array): void => {
    let at = 0;
    for (let k = 0; k < count && !stopped; k++) {
      if (k < done) at = mergeState(out, at);
      else expandHere(input, k);
      stopped = shouldStopAfterExpansion();
    }
  };

  const compute = parallel.ownerHelps === false ? undefined : (input: Int32Array, count: number, out: Int32Array) => expander.expand(input, 0, count, out);
  try {
    const initials = model.initialStates();
    for (let i = 0; i < initials.length; i++) {
      codec.encode(initials[i], scratch, 0);
      fingerprint(scratch, 0, width, fp);
      const id = store.insertInitial(fp[0], fp[1], i);
      if (id >= 0) {
        queue.push(scratch, 0);
        // Initial states are checked as stored, here, as the one-thread search does.
        for (let p = 0; p < invariants.length; p++) if (!invariantViolations.has(p) && !invariants[p].holds(initials[i])) invariantViolations.set(p, id);
        if (predicates.length > 0) {
          if (id >= flags.length) flags = ensureCapacity(flags, id + 1, Uint32Array);
          let bits = 0;
          for (let p = 0; p < predicates.length; p++) if (predicates[p](initials[i])) bits |= 1 << p;
          flags[id] = bits;
        }
      }
    }
    levelEnd = store.size;
    let posted = 0;
    let merged = 0;
    const counts = new Int32Array(slots);
    const current = new Int32Array(width);
    while (!stopped && pool === undefined && queue.length > 0) {
      if (parallel.ownerHelps === false || queue.length >= BATCH_STATES) {
        pool = startPool();
        break;
      }
      queue.shiftInto(current);
      expandHere(current, 0);
      stopped = shouldStopAfterExpansion();
    }
    while (!stopped && pool !== undefined) {
      // Keep every slot busy: split what the frontier holds among the threads, at most a batch's worth each.
      while (posted - merged < slots && queue.length > 0) {
        const s = posted % slots;
        const count = Math.min(BATCH_STATES, queue.length, Math.max(1, Math.ceil(queue.length / (parallel.workers + 1))));
        const input = pool.inputs[s];
        for (let k = 0; k < count; k++) queue.shiftInto(input.subarray(k * width, (k + 1) * width));
        counts[s] = count;
        pool.post(s, count, posted);
        posted++;
      }
      if (posted === merged) break;
      const s = merged % slots;
      const done = pool.await(s, compute);
      merged++;
      mergeBatch(pool.inputs[s], counts[s], done, pool.outputs[s]);
    }
  } catch (error) {
    if (!(error instanceof MemoryExhausted)) throw error;
    stopReason = 'maxMemory';
    if (expanding) edges?.abandonLastState();
  } finally {
    pool?.close();
  }
  const frontierBytes = queue.bytes + (pool?.bytes ?? 0);
  if (frontierBytes > queuePeakBytes) queuePeakBytes = frontierBytes;
  const seconds = budget.elapsedSeconds();
  const stats = searchStats({ store, edges, flags, transitions, depth: depthReached(), expanded, queuePeakBytes, seconds, stopReason });
  // The parallel search stores states unreduced (`check` runs a symmetric search on one thread): no permutations.
  return { store, edges, flags, levelStarts, invariantViolations, deadlock, stats, perms: undefined };
}
