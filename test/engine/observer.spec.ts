/**
 * The explore observer: every stored state once, every generated
 * transition once, with the store's ids, and a search that would stop
 * once its safety properties have failed goes on for an observer.
 */
import { describe, expect, it } from 'vitest';
import { check, deadlockFree, invariant } from '../../src/engine/index.js';
import { graph, statesIn, toModel } from './randomModel.js';

describe('explore observer', () => {
  // 0 → 1 → 2 (bad) → 3, 0 → 3, 3 → 0: four states, five transitions, by two actors.
  const g = graph(
    4,
    2,
    [
      [0, 1, 0],
      [0, 3, 1],
      [1, 2, 0],
      [2, 3, 1],
      [3, 0, 0],
    ],
    { bad: statesIn(4, [2]) },
  );

  it('reports every state and every transition once, with store ids in BFS order', () => {
    const states: [number, number][] = [];
    const transitions: [number, number, number, number, number][] = [];
    const { stats } = check(toModel(g), [deadlockFree()], {
      observer: {
        onState: (id, state) => states.push([id, state]),
        onTransition: (from, state, action, actor, to) => transitions.push([from, state, action, actor, to]),
      },
    });
    expect(stats).toMatchObject({ states: 4, transitions: 5 });
    // BFS: 0 (id 0), then 1 and 3 (ids 1, 2), then 2 (id 3).
    expect(states).toEqual([
      [0, 0],
      [1, 1],
      [2, 3],
      [3, 2],
    ]);
    expect(transitions).toEqual([
      [0, 0, 0, 0, 1],
      [0, 0, 1, 1, 2],
      [1, 1, 2, 0, 3],
      [2, 3, 4, 0, 0],
      [3, 2, 3, 1, 2],
    ]);
  });

  it('does not stop when every safety property has failed: the observer sees the whole graph', () => {
    const bad = invariant<number>('not-bad', (s) => !g.bad[s]);
    const settled = check(toModel(g), [bad]);
    expect(settled.stats).toMatchObject({ states: 4, transitions: 3, expanded: 2 });
    let seen = 0;
    const observed = check(toModel(g), [bad], { observer: { onTransition: () => seen++ } });
    expect(observed.stats).toMatchObject({ states: 4, transitions: 5, expanded: 4 });
    expect(seen).toBe(5);
    expect(observed.results[0].verdict).toBe('violated');
  });
});
