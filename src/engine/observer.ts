/**
 * Opt-in hooks into an exhaustive search, for tools that need the explored
 * graph itself (a state-graph export, coverage counts). A search without an
 * observer pays one well-predicted branch per state and per transition.
 *
 * The states passed are the engine's working objects: an observer may read
 * them during the call but must not keep them (a model may reuse its
 * successor object, see `Model.nextState`). Ids are the visited store's:
 * dense, in breadth-first order, initial states first.
 */
export interface ExploreObserver<S, A> {
  /** A state stored for the first time, as id `id`. Called once per distinct state, before any transition into it is reported. */
  readonly onState?: (id: number, state: S) => void;
  /**
   * A transition: `action` of actor `actor` (an index into the model's
   * `actorNames`) in state `from` (whose decoded form is `state`) leads to
   * state `to`. Called once per transition generated — the search's
   * `transitions` count — including those into states already stored.
   */
  readonly onTransition?: (from: number, state: S, action: A, actor: number, to: number) => void;
}

/** One observer telling each of `observers` of every state and transition, in order. */
export function combineObservers<S, A>(observers: readonly ExploreObserver<S, A>[]): ExploreObserver<S, A> {
  const onStates = observers.flatMap((o) => (o.onState ? [o.onState] : []));
  const onTransitions = observers.flatMap((o) => (o.onTransition ? [o.onTransition] : []));
  const onState = (id: number, state: S): void => {
    for (const f of onStates) f(id, state);
  };
  const onTransition = (from: number, state: S, action: A, actor: number, to: number): void => {
    for (const f of onTransitions) f(from, state, action, actor, to);
  };
  return { ...(onStates.length > 0 ? { onState } : {}), ...(onTransitions.length > 0 ? { onTransition } : {}) };
}
