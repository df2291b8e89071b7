import { describe, expect, test } from 'vitest';
import type { KernelVerdict } from '../../src/check/index.js';
import { replayPath } from '../../src/engine/index.js';
import { itfExporter, jsonExporter, readTraceText, traceDocument } from '../../src/export/index.js';
import { familyScenario, kernelModel, resolveDesign, scenarioLimits, type KernelAction } from '../../src/kernel/index.js';

/** Values in a JSON text, as the reader counts them: every object, array and scalar. */
function valuesIn(value: unknown): number {
  if (Array.isArray(value)) return 1 + value.reduce((n: number, v) => n + valuesIn(v), 0);
  if (value !== null && typeof value === 'object') return 1 + Object.values(value).reduce((n: number, v) => n + valuesIn(v), 0);
  return 1;
}

/*
 * Reading is linear but slow (the YAML parser keeps every position): a
 * 200-step trace of this family (--depth 200, the random default) is 4.2 MB
 * of JSON and 8.4 MB of ITF and took 10 s and 19 s to read; 90 steps keep
 * the test short and are past the old fixed bound of 100,000 values.
 */
describe('every reader reads the long traces a bounded run writes', () => {
  test('a 90-step trace of the family 36:18 (ITF: 134,371 values, refused before) round-trips through JSON and ITF', () => {
    const scenario = familyScenario('t1t2t3:36:18');
    const design = resolveDesign('no-reaper');
    const model = kernelModel(scenario, design);
    // A schedule that moves every actor in turn: step k takes the (k mod n)-th enabled action.
    const indices: number[] = [];
    let state = model.initialStates()[0];
    const enabled: KernelAction[] = [];
    for (let k = 0; k < 90; k++) {
      enabled.length = 0;
      model.actions(state, enabled);
      if (enabled.length === 0) break;
      indices.push(k % enabled.length);
      state = model.nextState(state, enabled[k % enabled.length]);
    }
    expect(indices).toHaveLength(90);
    const counterexample = replayPath(model, 0, indices);
    const verdict = { property: 'no-deadlock', kind: 'deadlockFree', verdict: 'violated', counterexample } as unknown as KernelVerdict;
    const doc = traceDocument({ scenario, design, model }, verdict, '0.1.0');
    const itf = itfExporter.render(doc);
    const json = jsonExporter.render(doc);
    expect([valuesIn(JSON.parse(itf)), scenarioLimits.maxValues]).toEqual([134_371, 100_000]);
    expect([json.length, itf.length]).toEqual([2215110, 4172179]);
    for (const [text, name] of [
      [json, 'long.json'],
      [itf, 'long.itf.json'],
    ]) {
      const read = readTraceText(text, name);
      expect(read.steps).toEqual(doc.steps);
      expect(read.states).toEqual(doc.states);
    }
  });
});
