import { resolveDesign } from '../../src/kernel/design/design.js';
import type { Knobs } from '../../src/kernel/design/knobs/index.js';
import { kernelModel } from '../../src/kernel/model.js';
import type { Scenario } from '../../src/kernel/scenario.js';
import type { KernelState } from '../../src/kernel/state.js';

/** Breadth-first, for tests: the shortest list of `actor: label` steps from the initial state to a step whose label matches, with the states around that step. */
export function shortestPathToLabel(scenario: Scenario, preset: string, match: RegExp, knobs: Partial<Knobs> = {}): { path: string[]; before: KernelState; after: KernelState } | undefined {
  const model = kernelModel(scenario, resolveDesign(preset, knobs));
  const key = (s: KernelState) => JSON.stringify(s);
  const [initial] = model.initialStates();
  const seen = new Set([key(initial)]);
  let frontier: { state: KernelState; path: string[] }[] = [{ state: initial, path: [] }];
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const { state, path } of frontier) {
      const enabled: number[] = [];
      model.actions(state, enabled);
      for (const a of enabled) {
        const label = `${model.actorNames[a]}: ${model.label(state, a)}`;
        const after = model.nextState(state, a);
        if (match.test(label)) return { path: [...path, label], before: state, after };
        if (!seen.has(key(after))) {
          seen.add(key(after));
          next.push({ state: after, path: [...path, label] });
        }
      }
    }
    frontier = next;
  }
  return undefined;
}
