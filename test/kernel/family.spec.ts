import { describe, expect, test } from 'vitest';
import { checkScenario } from '../../src/check/index.js';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { familyScenario } from '../../src/kernel/family/familyScenario.js';
import { t1t2t3Family } from '../../src/kernel/family/t1t2t3Family.js';
import { layoutOf } from '../../src/kernel/layout.js';
import { expectHolds, expectViolates } from '../../src/testing/expect.js';

const hisReading = { design: 'reaper-slot', knobs: { exitTakesMmapSem: false } } as const;

describe('t1t2t3Family(n, m): the T1/T2/T3 scenario scaled', () => {
  test('6:3 has T1 exiting, T2..T5 on the mutexes dealt round-robin, T6 holding mmap_sem, H1..H3 in their own processes', () => {
    const s = t1t2t3Family(6, 3);
    expect(s.name).toBe('t1t2t3-6-3');
    expect(s.memory).toEqual({ free: 0, reserves: 1 });
    expect(s.processes.map((p) => `${p.name}:${p.pages}:${p.threads.map((t) => t.name).join(',')}`)).toEqual(['victim:8:T1,T2,T3,T4,T5,T6', 'holder1:1:H1', 'holder2:1:H2', 'holder3:1:H3']);
    expect(s.processes[0].threads.slice(1, 5).map((t) => t.program[0])).toEqual(['i_mutex1', 'i_mutex2', 'i_mutex3', 'i_mutex1'].map((lock) => ({ op: 'mutex_lock', lock })));
    expect(s.properties).toEqual(['no-oom-livelock', 'no-oom-livelock[H1]', 'no-oom-livelock[H2]', 'no-oom-livelock[H3]']);
    expect(layoutOf(s).tasks).toHaveLength(9);
    expect(familyScenario('t1t2t3:6:3')).toEqual(s);
  });

  test('3:1 is the file scenario renamed: the same 481 and 845 states, a 12-step livelock under exit_mm() and the 19-step livelock under his reading', () => {
    const s = t1t2t3Family(3, 1);
    const kernel = checkScenario(s, resolveDesign('reaper-slot'));
    // T1, already exiting, is only marked (≤4.6): it waits in exit_mm() for mmap_sem, held by T3, which is never killed.
    expect([kernel.stats.states, kernel.verdicts.map((v) => v.verdict), kernel.verdicts.map((v) => v.counterexample?.steps.length)]).toEqual([481, ['violated', 'violated'], [12, 12]]);
    const his = checkScenario(s, resolveDesign('reaper-slot', { exitTakesMmapSem: false }), ['no-oom-livelock[H1]']);
    expect([his.stats.states, his.verdicts[0].verdict, his.verdicts[0].counterexample?.steps.length]).toEqual([845, 'violated', 19]);
  });

  test('exhaustive state counts grow with the size: 4:2 has 2709 / 4376 states, 6:3 62175 / 88314; both readings livelock', () => {
    for (const [n, m, kernel, kernelSteps, his, steps] of [
      [4, 2, 2709, 16, 4376, 23],
      [6, 3, 62175, 20, 88314, 27],
    ] as const) {
      const s = t1t2t3Family(n, m);
      const a = checkScenario(s, resolveDesign('reaper-slot'), ['no-oom-livelock']);
      const b = checkScenario(s, resolveDesign('reaper-slot', { exitTakesMmapSem: false }), ['no-oom-livelock']);
      expect([a.stats.states, a.verdicts[0].verdict, a.verdicts[0].counterexample?.steps.length, b.stats.states, b.verdicts[0].verdict, b.verdicts[0].counterexample?.steps.length]).toEqual([
        kernel,
        'violated',
        kernelSteps,
        his,
        'violated',
        steps,
      ]);
    }
  });

  test('sizes out of range and unknown families are refused with the expected form', () => {
    expect(() => t1t2t3Family(2, 1)).toThrow('t1t2t3Family: need integers n ≥ 3 and 1 ≤ m ≤ n - 2, got n=2, m=1');
    expect(() => t1t2t3Family(4, 3)).toThrow(RangeError);
    expect(() => familyScenario('t1t2t3:4')).toThrow('unknown family "t1t2t3:4"; known: t1t2t3:N:M');
  });
});

describe('the family through the test helpers', () => {
  test('exit_mm() under mmap_sem: T4 livelocks at 4:2, in 16 steps (exhaustive, shortest): T1, already exiting, is only marked', () => {
    expect(expectViolates(t1t2t3Family(4, 2), 'no-oom-livelock', { design: 'reaper-slot' }).steps.length).toBe(16);
  });

  test('4.7 (mmf-oom-reaped): no livelock at 4:2 (exhaustive)', () => expectHolds(t1t2t3Family(4, 2), 'no-oom-livelock', { design: 'mmf-oom-reaped' }));

  test('his reading: every holder livelocks at 4:2, in 23 steps (exhaustive, shortest)', () => {
    expect(expectViolates(t1t2t3Family(4, 2), 'no-oom-livelock[H2]', hisReading).steps.length).toBe(23);
  });

  test('expectHolds fails with the Markdown timeline of the counterexample', () => {
    expect(() => expectHolds(t1t2t3Family(3, 1), 'no-oom-livelock[H1]', hisReading)).toThrow(
      /^expectHolds: no-oom-livelock\[H1\] in scenario t1t2t3-3-1 under reaper-slot\+exitTakesMmapSem=false \(exhaustive, 845 states\) is violated as no-oom-livelock\[H1\] in 19 steps:\n\n# t1t2t3-3-1 under reaper-slot\+exitTakesMmapSem=false: no-oom-livelock\[H1\] violated/,
    );
    expect(() => expectViolates(t1t2t3Family(3, 1), 'no-oom-livelock', { design: 'mmf-oom-reaped' })).toThrow(
      'expectViolates: no-oom-livelock in scenario t1t2t3-3-1 under mmf-oom-reaped (exhaustive, 1297 states): holds',
    );
  });
});

describe('the random strategy where exhaustive search is infeasible', () => {
  // t1t2t3:10:5: BFS stops at about 1.5 million states after 60 s (bench/random.md).
  test('10:5 under his reading: seed 1 finds H1 livelocking at the first run, minimized to 35 steps', () => {
    const trace = expectViolates(t1t2t3Family(10, 5), 'no-oom-livelock[H1]', { ...hisReading, strategy: 'random', seed: 1 });
    expect(trace.steps.length).toBe(35);
    expect(trace.loopStart).toBeDefined();
  });
});
