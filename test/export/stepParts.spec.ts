import { describe, expect, test } from 'vitest';
import { labelFragments, stepParts } from '../../src/export/stepParts.js';
import { livelockTrace, memcgLivelockTrace, needlessKillTrace } from './traces.js';

describe('cutting steps for a timeline', () => {
  test('labelFragments splits at top-level "; " only', () => {
    expect(labelFragments('out_of_memory(); no killable process: panic("a; b"); f(x; y); mutex_unlock(&oom_lock)')).toEqual([
      'out_of_memory()',
      'no killable process: panic("a; b")',
      'f(x; y)',
      'mutex_unlock(&oom_lock)',
    ]);
    expect(labelFragments('do_exit()')).toEqual(['do_exit()']);
  });

  test("gives the OOM killer's part of an out_of_memory() call its own lane", () => {
    const parts = stepParts(livelockTrace());
    expect(parts).toHaveLength(19);
    expect(parts[6]).toEqual({
      number: 7,
      actor: 'T3',
      task: 2,
      own: 'out_of_memory(); mutex_unlock(&oom_lock)',
      oomKiller: ['select_bad_process() picks victim (8 points)', 'SIGKILL to victim', 'mark_oom_victim(T2)', 'wake_oom_reaper(T2): task_to_reap = T2'],
    });
    expect(parts[18].oomKiller).toEqual(['select_bad_process() aborts: T2 has TIF_MEMDIE']);
    expect(parts.filter((p) => p.oomKiller.length > 0).map((p) => p.number)).toEqual([7, 10, 19]);
  });

  test("a memcg's mem_cgroup_out_of_memory() call gives the OOM killer its part too, up to mem_cgroup_oom_unlock()", () => {
    const parts = stepParts(memcgLivelockTrace());
    expect(parts[2]).toEqual({
      number: 3,
      actor: 'W',
      task: 0,
      own: 'mem_cgroup_out_of_memory(); mem_cgroup_oom_unlock()',
      oomKiller: ['select_bad_process() picks victim (8 points)', 'SIGKILL to victim', 'set_tsk_thread_flag(V, TIF_MEMDIE)'],
    });
    expect(parts[5].oomKiller).toEqual(['select_bad_process() aborts: V has TIF_MEMDIE']);
  });

  test("writes a task's own mm, and the reaped victim's, as &mm->mmap_sem; the reaper has no task", () => {
    const parts = stepParts(livelockTrace());
    expect(parts[11]).toEqual({ number: 12, actor: 'oom_reaper', own: 'oom_reap_task(T2): down_read_trylock(&mm->mmap_sem) fails (attempt 1/2), sleeps HZ/10', oomKiller: [] });
    expect(parts[13].own).toBe('up_write(&mm->mmap_sem)');
    expect(stepParts(needlessKillTrace())[9].own).toBe('returns to user space with SIGKILL pending: do_exit(): PF_EXITING');
    expect(stepParts(needlessKillTrace())[10].own).toBe('exit_mm(): down_read(&mm->mmap_sem) ok; mm still used by other threads; exit_oom_victim(T3)');
  });

  test("leaves another process's mmap_sem spelled out", () => {
    const doc = livelockTrace();
    const steps = doc.steps.map((s, i) => (i === 0 ? { ...s, label: 'down_read(&victim->mm->mmap_sem)' } : s));
    expect(stepParts({ ...doc, steps })[0].own).toBe('down_read(&victim->mm->mmap_sem)');
  });
});
