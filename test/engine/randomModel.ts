/**
 * Small random explicit-graph models for property tests of the engine.
 *
 * A {@link Graph} is a list of labelled edges `(from, to, actor)` over states
 * `0 .. size-1`, one or two initial states, a few random per-state boolean
 * predicates and, per actor, the set of states where it has finished.
 * {@link toModel} turns it into a `Model<number, number>` whose actions are
 * edge indices, so every transition of the model is exactly one edge.
 */
import fc from 'fast-check';
import { integerCodec, type Model } from '../../src/engine/index.js';

/** Seed of every `fc.assert` in the engine property tests (reproducible CI). */
export const SEED = 0x0badcafe;

export interface Edge {
  readonly from: number;
  readonly to: number;
  readonly actor: number;
}

export interface Graph {
  /** Number of states; states are `0 .. size-1`. */
  readonly size: number;
  /** Number of actors; actors are `0 .. actorCount-1`, named `a0`, `a1`, ... */
  readonly actorCount: number;
  /** The transitions. Parallel edges and self-loops are allowed. */
  readonly edges: readonly Edge[];
  /** Initial states, in order (may repeat). */
  readonly initials: readonly number[];
  /** Per-state predicates, indexed by state. */
  readonly bad: readonly boolean[];
  readonly goal: readonly boolean[];
  readonly from: readonly boolean[];
  readonly to: readonly boolean[];
  /** `finished[actor][state]`. */
  readonly finished: readonly (readonly boolean[])[];
}

export interface GraphShape {
  /** Default 8. */
  readonly maxStates?: number;
  /** Default 3. */
  readonly maxActors?: number;
  /** Bound on the edges of the `sparse` and `total` flavours (default 24); `escape` graphs have up to 4 edges per state. */
  readonly maxEdges?: number;
}

/** A boolean per state, with a random density among 0, 1/4, 1/2, 3/4, 1. */
function predicateArb(size: number): fc.Arbitrary<boolean[]> {
  return fc.integer({ min: 0, max: 4 }).chain((density) =>
    fc.array(
      fc.integer({ min: 0, max: 3 }).map((x) => x < density),
      { minLength: size, maxLength: size },
    ),
  );
}

export type GraphFlavour = 'sparse' | 'total' | 'escape';

/**
 * Random small graphs: 1..8 states, 1..3 actors, 1 or 2 initial states.
 * Three flavours, by default mixed 1 : 1 : 2:
 * - `sparse`: a random list of up to 3 edges per state on average (at most
 *   24); many states are terminal, so many liveness violations are just a
 *   stuttering terminal state.
 * - `total`: every state has 1..3 outgoing edges, so there is no terminal
 *   state and every liveness violation is a genuine cycle.
 * - `escape`: built so that fairness matters: states `0 .. core-1` are the
 *   non-goal core (goal = the other states, and `to` = goal half of the
 *   time), each core state has 1..2 edges inside the core, by actors among
 *   the first 1..actorCount only, and 0..2 "escape" edges into the goal by
 *   any actor; each goal state has 1..2 edges anywhere. Cycles in the
 *   core with an actor that could escape but never steps inside are what
 *   weak and strong fairness disagree about.
 * State numbers are drawn without fast-check's bias towards small values,
 * which would pile most edges onto state 0 and leave most graphs with a
 * single reachable state.
 */
export function graphArb(shape: GraphShape = {}, flavours: readonly GraphFlavour[] = ['sparse', 'total', 'escape', 'escape']): fc.Arbitrary<Graph> {
  const { maxStates = 8, maxActors = 3, maxEdges = 24 } = shape;
  return fc
    .record({
      size: fc.noBias(fc.integer({ min: 1, max: maxStates })),
      actorCount: fc.noBias(fc.integer({ min: 1, max: maxActors })),
      flavour: fc.constantFrom(...flavours),
    })
    .chain(({ size, actorCount, flavour }) => {
      if (flavour === 'escape' && size >= 2) return escapeGraphArb(size, actorCount);
      const state = fc.noBias(fc.nat(size - 1));
      const actor = fc.noBias(fc.nat(actorCount - 1));
      const perState = Math.max(1, Math.min(3, Math.floor(maxEdges / size)));
      const edges: fc.Arbitrary<Edge[]> =
        flavour === 'sparse'
          ? fc.noBias(fc.integer({ min: Math.floor(size / 2), max: Math.min(maxEdges, 3 * size) })).chain((n) => fc.array(fc.record({ from: state, to: state, actor }), { minLength: n, maxLength: n }))
          : fc
              .tuple(...Array.from({ length: size }, (_, from) => fc.array(fc.record({ from: fc.constant(from), to: state, actor }), { minLength: 1, maxLength: perState })))
              .map((lists) => lists.flat());
      return fc.record({
        size: fc.constant(size),
        actorCount: fc.constant(actorCount),
        edges,
        initials: fc.array(state, { minLength: 1, maxLength: 2 }),
        bad: predicateArb(size),
        goal: predicateArb(size),
        from: predicateArb(size),
        to: predicateArb(size),
        finished: fc.array(predicateArb(size), { minLength: actorCount, maxLength: actorCount }),
      });
    });
}

function escapeGraphArb(size: number, actorCount: number): fc.Arbitrary<Graph> {
  const actor = fc.noBias(fc.nat(actorCount - 1));
  const state = fc.noBias(fc.nat(size - 1));
  const sizes = fc.record({ core: fc.noBias(fc.integer({ min: 1, max: size - 1 })), insiders: fc.noBias(fc.integer({ min: 1, max: actorCount })) });
  return sizes.chain(({ core, insiders }) => {
    const insider = fc.noBias(fc.nat(insiders - 1));
    const coreState = fc.noBias(fc.nat(core - 1));
    const goalState = fc.noBias(fc.integer({ min: core, max: size - 1 }));
    const goal = Array.from({ length: size }, (_, s) => s >= core);
    const edgesOf = (from: number): fc.Arbitrary<Edge[]> =>
      from < core
        ? fc
            .tuple(
              fc.array(fc.record({ from: fc.constant(from), to: coreState, actor: insider }), { minLength: 1, maxLength: 2 }),
              fc.array(fc.record({ from: fc.constant(from), to: goalState, actor }), { maxLength: 2 }),
            )
            .map(([inside, escapes]) => [...inside, ...escapes])
        : fc.array(fc.record({ from: fc.constant(from), to: state, actor }), { minLength: 1, maxLength: 2 });
    return fc.record({
      size: fc.constant(size),
      actorCount: fc.constant(actorCount),
      edges: fc.tuple(...Array.from({ length: size }, (_, from) => edgesOf(from))).map((lists) => lists.flat()),
      initials: fc.array(state, { minLength: 1, maxLength: 2 }),
      bad: predicateArb(size),
      goal: fc.constant(goal),
      from: predicateArb(size),
      to: fc.oneof(fc.constant(goal), predicateArb(size)),
      finished: fc.array(predicateArb(size), { minLength: actorCount, maxLength: actorCount }),
    });
  });
}

/** Random sort keys for the actions of a model of at most `maxEdges` edges (see {@link ModelOptions.actionOrder}). */
export function actionOrderArb(maxEdges = 32): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: maxEdges, maxLength: maxEdges });
}

export interface ModelOptions {
  /**
   * Sort keys, one per edge index: each state lists its actions by
   * increasing key (ties by edge index). Absent: edge-list order.
   */
  readonly actionOrder?: readonly number[];
}

/** The edge indices leaving each state, in the order the model lists them as actions. */
export function actionLists(g: Graph, options: ModelOptions = {}): number[][] {
  const lists: number[][] = Array.from({ length: g.size }, () => []);
  for (const [i, e] of g.edges.entries()) lists[e.from].push(i);
  const keys = options.actionOrder;
  if (keys) {
    const key = (i: number): number => keys[i] ?? 0;
    for (const list of lists) list.sort((x, y) => key(x) - key(y) || x - y);
  }
  return lists;
}

/** `g` as a model: states are numbers, actions are edge indices. */
export function toModel(g: Graph, options: ModelOptions = {}): Model<number, number> {
  const lists = actionLists(g, options);
  return {
    actorNames: Array.from({ length: g.actorCount }, (_, a) => `a${a}`),
    codec: integerCodec,
    initialStates: () => g.initials,
    actions(state, out) {
      for (const i of lists[state]) out.push(i);
    },
    actorOf: (_state, edge) => g.edges[edge].actor,
    nextState: (_state, edge) => g.edges[edge].to,
    label: (state, edge) => `e${edge}:${state}->${g.edges[edge].to}`,
    isFinished: (state, actor) => g.finished[actor][state],
  };
}

/** A graph from a compact description; predicates default to all-false, `finished` to never. */
export function graph(
  size: number,
  actorCount: number,
  edges: readonly (readonly [from: number, to: number, actor: number])[],
  rest: Partial<Omit<Graph, 'size' | 'actorCount' | 'edges'>> = {},
): Graph {
  const none = (): boolean[] => Array.from({ length: size }, () => false);
  return {
    size,
    actorCount,
    edges: edges.map(([from, to, actor]) => ({ from, to, actor })),
    initials: rest.initials ?? [0],
    bad: rest.bad ?? none(),
    goal: rest.goal ?? none(),
    from: rest.from ?? none(),
    to: rest.to ?? none(),
    finished: rest.finished ?? Array.from({ length: actorCount }, none),
  };
}

/** The set of `states` as a per-state boolean array of `g`. */
export function statesIn(size: number, states: readonly number[]): boolean[] {
  return Array.from({ length: size }, (_, s) => states.includes(s));
}
