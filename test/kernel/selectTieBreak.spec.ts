import { describe, expect, test } from 'vitest';
import { check } from '../../src/engine/index.js';
import { alloc, exit, kernelModel, resolveDesign, scenario, type KernelState } from '../../src/kernel/index.js';

/** Processes `a` and `b` of 2 pages each (a tie of points), each thread allocating a page with none free. */
const tie = scenario('tie')
  .describe('two processes of equal points; either thread allocating invokes the OOM killer')
  .memory({ free: 0, reserves: 1 })
  .process('a', { pages: 2 }, (p) => p.thread('A', [alloc(1), exit()]))
  .process('b', { pages: 2 }, (p) => p.thread('B', [alloc(1), exit()]))
  .design('linux-4.19')
  .build();

/** The threads that hold the first SIGKILL in any reachable state (exactly one task killed), by name. */
function firstVictims(designName: string, knobs = {}): string[] {
  const model = kernelModel(tie, resolveDesign(designName, knobs));
  const victims = new Set<string>();
  check(model, [], {
    observer: {
      onState: (_id, s: KernelState) => {
        const killed = s.tasks.flatMap((t, i) => (t.fatalSignal ? [model.layout.tasks[i].name] : []));
        if (killed.length === 1) victims.add(killed[0]);
      },
    },
  });
  return [...victims];
}

describe('select_bad_process() on a tie of points (selectTieBreak)', () => {
  test('3.x–5.2 keep the process met first; 5.3 on takes the later one', () => {
    expect(resolveDesign('linux-4.19').knobs.selectTieBreak).toBe('first');
    expect(resolveDesign('linux-5.4').knobs.selectTieBreak).toBe('last');
    expect(firstVictims('linux-4.19')).toEqual(['A']);
    expect(firstVictims('linux-5.4')).toEqual(['B']);
    expect(firstVictims('linux-4.19', { selectTieBreak: 'last' })).toEqual(['B']);
    expect(firstVictims('linux-5.4', { selectTieBreak: 'first' })).toEqual(['A']);
  });
});
