import { describe, expect, test } from 'vitest';
import { check } from '../../src/engine/index.js';
import { builtinScenarioFiles } from '../../src/kernel/builtins.js';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { t1t2t3Family } from '../../src/kernel/family/t1t2t3Family.js';
import { loadScenarioFile } from '../../src/kernel/load/loadScenario.js';
import { kernelModel, type KernelModel } from '../../src/kernel/model.js';
import type { Scenario } from '../../src/kernel/scenario.js';
import type { KernelState } from '../../src/kernel/state.js';

/**
 * Every transition of `model`'s reachable states, written both ways: the
 * draft's words (`encodeNextState`) against the codec's encoding of
 * `nextState`. Returns the transitions compared and the first few that
 * differ (as `state → actor`, with both word vectors).
 */
function compareBothWays(model: KernelModel): { transitions: number; states: number; differences: string[] } {
  const { codec } = model;
  const encode = (s: KernelState): Int32Array => {
    const out = new Int32Array(codec.width);
    codec.encode(s, out, 0);
    return out;
  };
  const fast = new Int32Array(codec.width);
  const seen = new Set<string>();
  let frontier = model.initialStates().map((s) => codec.decode(encode(s), 0));
  for (const s of frontier) seen.add(encode(s).join(','));
  const differences: string[] = [];
  let transitions = 0;
  while (frontier.length > 0) {
    const next: KernelState[] = [];
    for (const state of frontier) {
      const enabled: number[] = [];
      model.actions(state, enabled);
      for (const actor of enabled) {
        transitions++;
        const slow = encode(model.nextState(state, actor));
        model.encodeNextState!(state, actor, fast, 0);
        if (fast.join(',') !== slow.join(',') && differences.length < 3) differences.push(`${encode(state).join(',')} → ${actor}: draft ${fast.join(',')}, codec ${slow.join(',')}`);
        const key = slow.join(',');
        if (!seen.has(key)) {
          seen.add(key);
          next.push(codec.decode(slow, 0));
        }
      }
    }
    frontier = next;
  }
  return { transitions, states: seen.size, differences };
}

/** `model` without its fast path: the engine builds every successor and encodes it. */
function withoutFastPath(model: KernelModel): KernelModel {
  return { ...model, encodeNextState: undefined } as unknown as KernelModel;
}

describe('the packed draft writes what the codec writes (issue 15: transitions on the packed state)', () => {
  const cases: { name: string; scenario: Scenario; designs: ReturnType<typeof resolveDesign>[] }[] = builtinScenarioFiles().map((file) => {
    const scenario = loadScenarioFile(file);
    return { name: scenario.name, scenario, designs: (scenario.designs ?? []).map((c) => resolveDesign(c.preset, c.knobs ?? {})) };
  });
  const family = t1t2t3Family(4, 2);
  cases.push({ name: family.name, scenario: family, designs: (family.designs ?? []).map((c) => resolveDesign(c.preset, c.knobs ?? {})) });
  for (const { name, scenario, designs } of cases) {
    test(`${name}: every transition under every design it lists`, () => {
      for (const design of designs) {
        const { transitions, differences } = compareBothWays(kernelModel(scenario, design));
        expect([design.name, differences]).toEqual([design.name, []]);
        expect(transitions).toBeGreaterThan(0);
      }
    });
  }

  test('the search finds the same states and transitions with and without the fast path (t1t2t3:4:2 under both its designs)', () => {
    const figures = family.designs!.map((c) => {
      const design = resolveDesign(c.preset, c.knobs ?? {});
      const model = kernelModel(family, design);
      const both = [check(model, []).stats, check(withoutFastPath(model), []).stats];
      return both.map((s) => [s.states, s.transitions]);
    });
    expect(figures).toEqual([
      [
        [2709, 8766],
        [2709, 8766],
      ],
      [
        [4376, 13704],
        [4376, 13704],
      ],
    ]);
  });
});
