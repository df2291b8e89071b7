import { describe, expect, test } from 'vitest';
import { checkScenario } from '../../src/check/index.js';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { loadScenarioFile } from '../../src/kernel/load/loadScenario.js';
import { shortestPathToLabel } from './shortestPath.js';

/**
 * unreapable-victim: the reaper cannot take victim's mmap_sem (U2 holds
 * it for write and sleeps on W's i_mutex), so it gives up and W chooses
 * victim again. 4.8's reaper flags the mm only on its second give-up
 * (MMF_OOM_NOT_REAPABLE, then MMF_OOM_REAPED), and 4.8's
 * oom_kill_process() only marks and queues a victim whose group is
 * already dying (task_will_free_mem(p), 1af8bb432695).
 */
const s = loadScenarioFile('scenarios/unreapable-victim.yaml');
const gaveUp = /oom_reap_task\(U1\): .*gives up/;

describe('a victim the reaper gave up on, chosen again (4.8)', () => {
  test('the first give-up sets only MMF_OOM_NOT_REAPABLE; the second sets MMF_OOM_REAPED, 13 steps in', () => {
    const first = shortestPathToLabel(s, 'linux-4.8', gaveUp)!;
    expect(first.path.at(-1)).toBe(
      'oom_reaper: mutex_lock(&oom_lock); oom_reap_task(U1): down_read_trylock(&victim->mm->mmap_sem) fails (attempt 2/2): gives up, MMF_OOM_NOT_REAPABLE set, exit_oom_victim(U1)',
    );
    expect([first.after.mms[0].notReapable, first.after.mms[0].flagged]).toEqual([true, false]);
    const second = shortestPathToLabel(s, 'linux-4.8', /MMF_OOM_REAPED set \(MMF_OOM_NOT_REAPABLE already: giving up\)/)!;
    expect(second.path.length).toBe(13);
    expect([second.after.mms[0].notReapable, second.after.mms[0].flagged]).toEqual([true, true]);
  });

  test('chosen again, the dying victim is only marked and queued under 4.8 (4.7 kills it again, to the same effect)', () => {
    const again = shortestPathToLabel(s, 'linux-4.8', /task_will_free_mem\(U1\)/)!;
    expect(again.path.length).toBe(10);
    expect(again.path.at(-1)).toBe(
      'W: out_of_memory(); select_bad_process() picks victim (4 points); task_will_free_mem(U1): mark_oom_victim(U1) only, no new SIGKILL; wake_oom_reaper(U1): pushed on oom_reaper_list; mutex_unlock(&oom_lock)',
    );
    // 4.7's oom_kill_process() (killExitingShortcut: none) takes the kill path there: SIGKILL to a group that has it
    // already and the same mark and queueing, so the same states (265), in other words.
    expect(shortestPathToLabel(s, 'linux-4.8', /task_will_free_mem\(U1\)/, { killExitingShortcut: 'none' })).toBeUndefined();
    expect(checkScenario(s, resolveDesign('linux-4.8', { killExitingShortcut: 'none' }), ['no-oom-livelock']).stats.states).toBe(265);
    expect(shortestPathToLabel(s, 'mmf-oom-reaped', /task_will_free_mem/)).toBeUndefined();
  });

  test('4.7 livelocks (11 steps), 4.8 holds after two give-ups (265 states), 4.9 after one (241 states)', () => {
    const summary = (preset: string, knobs = {}) => {
      const r = checkScenario(s, resolveDesign(preset, knobs), ['no-oom-livelock']);
      return [r.stats.states, r.verdicts[0].verdict, r.verdicts[0].counterexample?.steps.length];
    };
    expect(summary('mmf-oom-reaped')).toEqual([32, 'violated', 11]);
    expect(summary('linux-4.8')).toEqual([265, 'holds', undefined]);
    expect(summary('mmf-oom-skip')).toEqual([241, 'holds', undefined]);
    // Without the second give-up's flag, 4.8 is 4.7 again here: the victim is chosen for ever.
    expect(summary('linux-4.8', { mmFlagOnGiveUp: 'none' })).toEqual([32, 'violated', 11]);
  });
});
