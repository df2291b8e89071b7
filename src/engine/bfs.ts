import { EdgeStore } from './edgeStore.js';
import { collisionProbability, fingerprint } from './fingerprint.js';
import { ensureCapacity, MemoryExhausted } from './growable.js';
import { Budget, type Limits } from './limits.js';
import type { Model } from './model.js';
import type { ExploreObserver } from './observer.js';
import type { ProgressListener } from './progress.js';
import type { Invariant, Predicate } from './property.js';
import type { SearchStats, StopReason } from './result.js';
import { StateQueue } from './stateQueue.js';
import { PermutationTable, type Symmetry } from './symmetry.js';
import { VisitedStore } from './visitedStore.js';

/** What the breadth-first search checks on the fly and records for later. */
export interface ExploreRequest<S> {
  readonly invariants: readonly Invariant<S>[];
  readonly checkDeadlock: boolean;
  /** State predicates whose values liveness checking needs; bit `i` of a state's flags is predicate `i`. At most 32. */
  readonly predicates: readonly Predicate<S>[];
  /** Keep the transition graph (needed for liveness). */
  readonly keepGraph: boolean;
  /** Stop as soon as every safety property is violated and nothing else is asked. */
  readonly stopWhenSettled: boolean;
  /**
   * Store one canonical state per orbit of this group (see {@link Symmetry});
   * every state the search checks, stores and reports is a representative.
   * Default: none.
   */
  readonly symmetry?: Symmetry<S>;
}

/** Options of a search run; `S` and `A` are the model's state and action types (for {@link ExploreOptions.observer}). */
export interface ExploreOptions<S = unknown, A = unknown> extends Limits {
  readonly onProgress?: ProgressListener;
  /** Seconds between progress reports (default 1). */
  readonly progressIntervalSeconds?: number;
  /** Told of every state stored and every transition generated (default: none, at no cost). */
  readonly observer?: ExploreObserver<S, A>;
  /**
   * Asked when the limits are (every 1024 expansions): `true` stops the
   * search as a limit does, with reason `interrupted` (the CLI's SIGINT).
   * Must be cheap. Default: never.
   */
  readonly shouldStop?: () => boolean;
}

/** The explored state space: fingerprints and parent links, and the graph if kept. */
export interface Exploration {
  readonly store: VisitedStore;
  readonly edges: EdgeStore | undefined;
  /** Predicate bits per state id (see {@link ExploreRequest.predicates}), of the states expanded (0 for those a limit left unexpanded). */
  readonly flags: Uint32Array;
  /** `levelStarts[d]` is the first id at BFS depth `d`. */
  readonly levelStarts: readonly number[];
  /** First (hence shallowest) violating state per invariant index. */
  readonly invariantViolations: ReadonlyMap<number, number>;
  /** First (shallowest) deadlocked state, if any. */
  readonly deadlock: number | undefined;
  readonly stats: SearchStats;
  /** Under symmetry: the permutations on the edges (ids in {@link EdgeStore.perm}). */
  readonly perms: PermutationTable | undefined;
}

/** What a search's {@link SearchStats} are made of, whichever search (one thread or several) ran it. */
export interface SearchCounts {
  readonly store: VisitedStore;
  readonly edges: EdgeStore | undefined;
  readonly flags: Uint32Array;
  readonly transitions: number;
  readonly depth: number;
  /** States expanded, when no edge store counts them. */
  readonly expanded: number;
  readonly queuePeakBytes: number;
  readonly seconds: number;
  readonly stopReason: StopReason | undefined;
  readonly symmetry?: Symmetry<unknown> | undefined;
}

/** A search's statistics from its stores and counters. */
export function searchStats(c: SearchCounts): SearchStats {
  const { store, edges, transitions, seconds, stopReason, symmetry } = c;
  return {
    states: store.size,
    transitions,
    depth: c.depth,
    expanded: edges ? edges.expanded : c.expanded,
    seconds,
    statesPerSecond: seconds > 0 ? store.size / seconds : 0,
    storeBytes: store.bytes,
    graphBytes: (edges?.bytes ?? 0) + c.flags.byteLength,
    queuePeakBytes: c.queuePeakBytes,
    collisionProbability: collisionProbability(store.size, transitions + store.size),
    ...(stopReason ? { stopReason } : {}),
    ...(symmetry ? { symmetry: { description: symmetry.description, order: symmetry.order } } : {}),
  };
}

/**
 * Breadth-first search of every reachable state (under symmetry, of one
 * representative per orbit). States are encoded, fingerprinted and stored;
 * only the frontier keeps encoded states.
 * Invariants and deadlock are checked as states are found, so the first
 * violation found is at the smallest depth.
 */
export function explore<S, A>(model: Model<S, A>, request: ExploreRequest<S>, options: ExploreOptions<S, A> = {}): Exploration {
  const { codec } = model;
  const width = codec.width;
  const actorCount = model.actorNames.length;
  const store = new VisitedStore();
  const queue = new StateQueue(width);
  const edges = request.keepGraph ? new EdgeStore() : undefined;
  const maxStates = options.maxStates ?? Infinity;
  const current = new Int32Array(width);
  const scratch = new Int32Array(width);
  const fp = new Int32Array(2);
  const actions: A[] = [];
  const symmetry = request.symmetry;
  const perms = symmetry ? new PermutationTable(actorCount) : undefined;
  const invariants = request.invariants;
  const predicates = request.predicates;
  // Hoisted so a search without an observer tests one local per state and per transition.
  const onState = options.observer?.onState;
  const onTransition = options.observer?.onTransition;
  const invariantViolations = new Map<number, number>();
  // The model's fast path writes successors' words directly; a successor is decoded only when something reads it.
  const encodeNext = symmetry ? undefined : model.encodeNextState;
  const readsNewStates = invariants.length > 0 || onState !== undefined;
  // ... and the state expanded is read in place, when nothing can keep it.
  const view = encodeNext !== undefined && onTransition === undefined && onState === undefined ? codec.view : undefined;
  let flags = new Uint32Array(predicates.length > 0 ? 1024 : 0);
  // This search's own memory, what its budget counts besides heap growth.
  const budget = new Budget(options, () => store.bytes + queue.bytes + (edges?.bytes ?? 0) + flags.byteLength);
  let deadlock: number | undefined;
  let expanded = 0;
  let transitions = 0;
  let queuePeakBytes = 0;
  let stopReason: StopReason | undefined;
  const levelStarts: number[] = [0];
  // First id of the level after the one being expanded: states at or past
  // it were found but not expanded yet (they are one level deeper).
  let levelEnd = 0;
  let expanding = false;
  const progressEvery = (options.progressIntervalSeconds ?? 1) * 1000;
  let nextProgressAt = progressEvery;

  // Depth of the deepest stored state: the level being expanded, or one
  // more if its expansion has already found states of the next level.
  const depthReached = (): number => levelStarts.length - 1 + (store.size > levelEnd ? 1 : 0);

  const settled = (): boolean => request.stopWhenSettled && invariantViolations.size === invariants.length && (!request.checkDeadlock || deadlock !== undefined);

  // A newly stored state (id) has room in the flags; its predicates are
  // evaluated when it is expanded (as the parallel search does: the flags
  // of states a limit leaves unexpanded stay 0, and liveness never reads them).
  const makeRoom = (id: number): void => {
    if (predicates.length > 0 && id >= flags.length) flags = ensureCapacity(flags, id + 1, Uint32Array);
  };

  // Checks a newly stored state (id) while its decoded form is at hand.
  const onNewState = (id: number, state: S): void => {
    for (let p = 0; p < invariants.length; p++) {
      if (!invariantViolations.has(p) && !invariants[p].holds(state)) invariantViolations.set(p, id);
    }
    if (onState !== undefined) onState(id, state);
  };

  const stats = (seconds: number): SearchStats => searchStats({ store, edges, flags, transitions, depth: depthReached(), expanded, queuePeakBytes, seconds, stopReason, symmetry });

  try {
    const initials = model.initialStates();
    for (let i = 0; i < initials.length; i++) {
      const initial = symmetry ? symmetry.canonicalize(initials[i]).state : initials[i];
      codec.encode(initial, scratch, 0);
      fingerprint(scratch, 0, width, fp);
      const id = store.insertInitial(fp[0], fp[1], i);
      if (id >= 0) {
        queue.push(scratch, 0);
        makeRoom(id);
        onNewState(id, initial);
      }
    }
    levelEnd = store.size;
    while (queue.length > 0) {
      const id = expanded;
      if (id === levelEnd) {
        levelStarts.push(id);
        levelEnd = store.size;
      }
      queue.shiftInto(current);
      store.beginExpansion(id);
      const state = view !== undefined ? view.call(codec, current, 0) : codec.decode(current, 0);
      if (predicates.length > 0) {
        let bits = 0;
        for (let p = 0; p < predicates.length; p++) if (predicates[p](state)) bits |= 1 << p;
        flags[id] = bits;
      }
      actions.length = 0;
      model.actions(state, actions);
      const n = actions.length;
      if (n > 255) throw new Error(`model enables ${n} actions in one state; at most 255 are supported`);
      edges?.beginState();
      expanding = true;
      if (n === 0 && request.checkDeadlock && deadlock === undefined) {
        for (let a = 0; a < actorCount; a++) {
          if (!model.isFinished(state, a)) {
            deadlock = id;
            break;
          }
        }
      }
      for (let i = 0; i < n; i++) {
        const action = actions[i];
        let next: S | undefined;
        let perm = 0;
        if (encodeNext !== undefined) {
          encodeNext.call(model, state, action, scratch, 0);
        } else {
          next = model.nextState(state, action);
          if (symmetry) {
            const canonical = symmetry.canonicalize(next);
            next = canonical.state;
            perm = perms!.intern(canonical.perm);
          }
          codec.encode(next, scratch, 0);
        }
        fingerprint(scratch, 0, width, fp);
        let target = store.insert(fp[0], fp[1]);
        if (target >= 0) {
          queue.push(scratch, 0);
          makeRoom(target);
          if (readsNewStates) onNewState(target, next ?? codec.decode(scratch, 0));
        } else {
          target = -target - 1;
        }
        if (edges !== undefined || onTransition !== undefined) {
          const actor = model.actorOf(state, action);
          if (edges) edges.add(target, actor, i, perm);
          if (onTransition !== undefined) onTransition(id, state, action, actor, target);
        }
      }
      transitions += n;
      expanded = id + 1;
      expanding = false;
      // The state limit is an integer compare, checked after every expansion so it holds on small searches too;
      // the clock and memory are sampled every 1024 expansions.
      if (store.size >= maxStates && queue.length > 0) {
        stopReason = 'maxStates';
        break;
      }
      if ((expanded & 1023) === 0) {
        if (queue.bytes > queuePeakBytes) queuePeakBytes = queue.bytes;
        if (settled()) break;
        stopReason = budget.exceeded(store.size) ?? (options.shouldStop?.() ? 'interrupted' : undefined);
        if (stopReason) break;
        if (options.onProgress) {
          const seconds = budget.elapsedSeconds();
          if (seconds * 1000 >= nextProgressAt) {
            nextProgressAt = seconds * 1000 + progressEvery;
            options.onProgress({
              states: store.size,
              transitions,
              depth: depthReached(),
              queue: queue.length,
              seconds,
              statesPerSecond: store.size / seconds,
              memoryBytes: budget.residentBytes,
            });
          }
        }
      } else if (settled()) {
        break;
      }
    }
  } catch (error) {
    if (!(error instanceof MemoryExhausted)) throw error;
    stopReason = 'maxMemory';
    if (expanding) edges?.abandonLastState();
  }
  if (queue.bytes > queuePeakBytes) queuePeakBytes = queue.bytes;
  return {
    store,
    edges,
    flags,
    levelStarts,
    invariantViolations,
    deadlock,
    stats: stats(budget.elapsedSeconds()),
    perms,
  };
}
