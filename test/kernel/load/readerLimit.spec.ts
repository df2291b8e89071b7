import { describe, expect, test } from 'vitest';
import { check } from '../../../src/engine/index.js';
import { resolveDesign } from '../../../src/kernel/design/design.js';
import { loadScenarioText } from '../../../src/kernel/load/loadScenario.js';
import { kernelModel } from '../../../src/kernel/model.js';
import { problemsOf, threadLines, victimWith } from './helpers.js';

/** Threads T1…T`n` of process `victim`, each exiting; thread `reader` (if given) runs `readerOps` instead. */
function threads(n: number, reader?: number, readerOps: readonly string[] = []): string[] {
  return Array.from({ length: n }, (_, i) => (i + 1 === reader ? threadLines(`T${i + 1}`, readerOps) : threadLines(`T${i + 1}`, ['{ op: exit }']))).flat();
}

describe("a lock's readers are the first 31 threads' (the state encoding's 31-bit mask)", () => {
  test('the 31st thread may read-lock, the 32nd may not: down_read, a user fault, or a start holding one', () => {
    expect(problemsOf(victimWith(threads(32, 31, ['{ op: down_read, lock: mmap_sem }', '{ op: up_read, lock: mmap_sem }', '{ op: exit }'])))).toEqual([]);
    expect(problemsOf(victimWith(threads(32, 32, ['{ op: down_read, lock: mmap_sem }', '{ op: up_read, lock: mmap_sem }', '{ op: exit }'])))).toEqual([
      "s.yaml:102:9: at processes[0].threads[31]: thread T32 is thread 32 of the scenario and can hold a lock for read (down_read, a user fault, or a start holding one); only the first 31 threads can: a lock's readers are a 31-bit mask in the state encoding",
    ]);
    expect(problemsOf(victimWith(threads(33, 33, ['{ op: alloc, pages: 1, context: user-fault }', '{ op: exit }'])))).toEqual([
      "s.yaml:105:9: at processes[0].threads[32]: thread T33 is thread 33 of the scenario and can hold a lock for read (down_read, a user fault, or a start holding one); only the first 31 threads can: a lock's readers are a 31-bit mask in the state encoding",
    ]);
  });

  test('threads past the 31st that take no read lock load and run: 40 threads each exit, in one process', () => {
    const scenario = loadScenarioText(victimWith(threads(40)).join('\n'), 's.yaml');
    const model = kernelModel(scenario, resolveDesign('reaper-slot'));
    // A task's fields are 19 bits (a 1-bit pc, 7 flags, a 4-bit stage, 1 bit of aborts, a 6-bit next pointer), packed without straddling words.
    expect([scenario.processes[0].threads.length, model.codec.width]).toEqual([40, 29]);
    const result = check(model, [], { maxStates: 5000 });
    expect([result.stats.states, result.stats.stopReason]).toEqual([5005, 'maxStates']); // the limit is checked after each expansion
  });
});
