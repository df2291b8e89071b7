import { describe, expect, test } from 'vitest';
import { checkScenario } from '../../src/check/index.js';
import { loadScenarioFile, resolveDesign } from '../../src/kernel/index.js';

const unreapable = loadScenarioFile('scenarios/unreapable-victim.yaml');
const tetsuo = loadScenarioFile('scenarios/tetsuo-t1-t2-t3.yaml');
/** The victim's mm flagged while one of its threads still holds its mmap_sem: what 4.9's give-up does on purpose. */
const skippedLocked = { name: 'skipped-while-locked', condition: 'mm victim has MMF_OOM_SKIP and any task holds victim.mmap_sem' };
const twoVictims = { name: 'two-victims', condition: '2 tasks have TIF_MEMDIE' };

describe('reach queries: the invariant "not CONDITION", answered by the same BFS', () => {
  test('unreapable-victim: 4.9 flags the mm MMF_OOM_SKIP while U2 still holds its mmap_sem, in 7 steps; 4.6–4.8 never do (32 states)', () => {
    const skip = checkScenario(unreapable, resolveDesign('mmf-oom-skip'), [], { reach: [skippedLocked] });
    expect(skip.reach.map((r) => [r.name, r.answer, r.witness?.steps.length])).toEqual([['skipped-while-locked', 'reachable', 7]]);
    const witness = skip.reach[0].witness!;
    // The last step is the reaper giving up; U2 (task 1) still holds the victim's mmap_sem (lock 1) for write.
    expect(witness.steps[6].actor).toBe('oom_reaper');
    expect(witness.steps[6].state.mms[0].flagged).toBe(true);
    expect(witness.steps[6].state.locks[1].writer).toBe(1);
    expect(witness.steps.slice(0, 6).every((s) => !s.state.mms[0].flagged)).toBe(true);
    // Only the query is checked, so the search stops at the witness: 23 states, not the 241 of every property.
    expect(skip.stats.states).toBe(23);

    const reaped = checkScenario(unreapable, resolveDesign('mmf-oom-reaped'), [], { reach: [skippedLocked] });
    expect(reaped.reach).toEqual([{ name: 'skipped-while-locked', condition: skippedLocked.condition, answer: 'unreachable', states: 32 }]);
  });

  test('tetsuo-t1-t2-t3: two tasks with TIF_MEMDIE at once, in 7 steps (T3 takes the exiting-task shortcut), alongside the properties', () => {
    const run = checkScenario(tetsuo, resolveDesign('reaper-slot', { exitTakesMmapSem: false }), ['no-oom-livelock[H]'], { reach: [twoVictims] });
    expect(run.verdicts.map((v) => [v.property, v.verdict, v.counterexample?.steps.length])).toEqual([['no-oom-livelock[H]', 'violated', 19]]);
    expect(run.stats.states).toBe(845);
    const [two] = run.reach;
    expect([two.answer, two.witness?.steps.length]).toEqual(['reachable', 7]);
    // T3 calls out_of_memory() twice: the first kill marks T1; the second, with SIGKILL pending, marks T3 itself.
    expect(two.witness!.steps.map((s) => s.actor)).toEqual(['T3', 'T3', 'T3', 'T3', 'T3', 'T3', 'T3']);
    expect(two.witness!.steps[6].action).toBe('out_of_memory(); current T3 has a fatal signal pending: mark_oom_victim(T3); mutex_unlock(&oom_lock)');
    const end = two.witness!.steps[6].state;
    expect(end.tasks.filter((t) => t.memdie).length).toBe(2);
    expect(two.witness!.steps.slice(0, 6).every((s) => s.state.tasks.filter((t) => t.memdie).length < 2)).toBe(true);
  });

  test('unreachable: the count is every reachable state (the same search as the properties)', () => {
    const query = { name: 'exit-waits', condition: 'T1 has TIF_MEMDIE and T1 waits on mmap_sem' };
    const off = checkScenario(tetsuo, resolveDesign('mmf-oom-skip', { exitTakesMmapSem: false }), undefined, { reach: [query] });
    expect(off.reach.map((r) => [r.answer, r.states])).toEqual([['unreachable', 11396]]);
    expect(off.stats.states).toBe(11396);
    const on = checkScenario(tetsuo, resolveDesign('mmf-oom-skip'), [], { reach: [query] });
    expect(on.reach.map((r) => [r.answer, r.witness?.steps.length])).toEqual([['reachable', 4]]);
  });

  test('a limit leaves the answer incomplete, never "unreachable"', () => {
    const run = checkScenario(tetsuo, resolveDesign('mmf-oom-skip'), [], { reach: [{ name: 'never', condition: 'kernel has panicked and free > 100' }], maxStates: 50 });
    expect(run.reach).toEqual([{ name: 'never', condition: 'kernel has panicked and free > 100', answer: 'incomplete', reason: 'maxStates' }]);
  });

  test('random search: a witness when it finds one; otherwise "not reached in R runs" (incomplete), never unreachable', () => {
    const found = checkScenario(tetsuo, resolveDesign('reaper-slot'), [], { strategy: 'random', seed: 1, runs: 200, reach: [twoVictims] });
    expect([found.reach[0].answer, found.reach[0].witness?.steps.length]).toEqual(['reachable', 7]);
    const none = checkScenario(tetsuo, resolveDesign('reaper-slot'), [], { strategy: 'random', seed: 1, runs: 50, reach: [{ name: 'never', condition: 'free > 100' }] });
    expect(none.reach).toEqual([{ name: 'never', condition: 'free > 100', answer: 'incomplete', reason: 'random', runs: 50 }]);
  });

  test("the scenario's reach section is the default; a condition it cannot parse is an error", () => {
    const withReach = { ...tetsuo, reach: [twoVictims] };
    expect(checkScenario(withReach, resolveDesign('no-reaper'), []).reach.map((r) => r.answer)).toEqual(['reachable']);
    expect(() => checkScenario(tetsuo, resolveDesign('no-reaper'), [], { reach: [{ name: 'bad', condition: 'T9 has TIF_MEMDIE' }] })).toThrow(
      `reach query "bad": column 1 of the condition: 'T9' is no task or lock of the scenario nor a word of a condition here; did you mean 'T1'?`,
    );
  });
});

describe('reach words for a task past exit_mm()', () => {
  const exiting = loadScenarioFile('scenarios/exiting-without-mm.yaml');
  test('"E has no mm" holds from exit_mm() on; "E has exited" only once do_exit() ends, so E never waits on i_mutex having exited', () => {
    const queries = [
      { name: 'no-mm-waiting', condition: 'E has no mm and E waits on i_mutex' },
      { name: 'exited-waiting', condition: 'E has exited and E waits on i_mutex' },
      { name: 'exiting-no-mm', condition: 'E is PF_EXITING and E has no mm' },
    ];
    // Before 4.0 (any dying current takes the shortcut) E, with no mm, takes TIF_MEMDIE and then sleeps on i_mutex.
    const run = checkScenario(exiting, resolveDesign('no-reaper', { dyingCurrentShortcut: 'any-dying' }), [], { reach: queries });
    expect(run.reach.map((r) => [r.name, r.answer, r.witness?.steps.length ?? r.states])).toEqual([
      ['no-mm-waiting', 'reachable', 7],
      ['exited-waiting', 'unreachable', 85],
      ['exiting-no-mm', 'reachable', 2],
    ]);
  });
});
