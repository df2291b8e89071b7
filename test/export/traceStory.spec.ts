import { describe, expect, test } from 'vitest';
import { traceStory } from '../../src/export/traceStory.js';
import { deadlockTrace, handlerDeadlockTrace, livelockTrace, needlessKillTrace, panicTrace, spuriousTrace } from './traces.js';

describe('the plain-language account of a trace', () => {
  test("Tetsuo's livelock: who loops, who holds TIF_MEMDIE and why it is stuck, what the reaper did", () => {
    expect(traceStory(livelockTrace())).toBe(
      'H never gets out of the page allocator: steps 17–19 repeat forever, and in them H\'s out_of_memory() ends in "select_bad_process() aborts: T2 has TIF_MEMDIE". ' +
        'T2 got TIF_MEMDIE at step 7 but sleeps in mutex_lock(&i_mutex), held by H; the OOM reaper gave up on T2 at step 13, after 2 failed down_read_trylock(&mm->mmap_sem) while T3 held it for write. ' +
        'From step 17 on the OOM reaper is idle. ' +
        'The cycle is fair under strong fairness (every task and the reaper that can run does run, and no task waits forever for a lock that keeps being released).',
    );
  });

  test('a needless kill: what was killed, the free memory, and the race that freed it', () => {
    expect(traceStory(needlessKillTrace())).toBe(
      "At step 16 H's out_of_memory() kills holder (mark_oom_victim(H)) although 8 pages are free, enough for its 1-page request: " +
        'the OOM reaper freed them at step 15 (oom_reap_task(T1): down_read_trylock(&mm->mmap_sem) ok, reaps 8 pages, exit_oom_victim(T1)), after H had taken oom_lock (step 13) and failed its last-second allocation (step 14).',
    );
  });

  test('a panic: the OOM killer outcome, and the victim it waited for', () => {
    expect(traceStory(panicTrace())).toBe(
      "At step 10 H's out_of_memory() panics: select_bad_process() aborts: T1 has TIF_MEMDIE (2 of 2); T1 timed out: panic. " +
        'T1 got TIF_MEMDIE at step 4 but has not begun do_exit() yet; its exit_mm() will wait for &mm->mmap_sem, held by T3 for write; the OOM reaper was woken for T1 at step 4 (wake_oom_reaper(T1): task_to_reap = T1) but never got to it.',
    );
  });

  test('a deadlock: who sleeps on what, held by whom', () => {
    expect(traceStory(deadlockTrace())).toBe(
      'After step 2 nothing can move any more, yet tasks are unfinished: A sleeps in mutex_lock(&b), held by B; B sleeps in mutex_lock(&a), held by A. A deadlock.',
    );
  });

  test("a lost wake-up is told as such, and a property it does not know falls back to the document's summary", () => {
    // The reaper's slot busy with T1 before step 7: the model itself drops the wake-up (the label says so too);
    // steps 12 and 13 are relabelled with words the model does not write there, so nothing is read into them.
    const doc = livelockTrace();
    const states = doc.states.map((s, i) => (i === 6 ? { ...s, reaper: { ...s.reaper, current: 0 } } : s));
    const steps = doc.steps.map((s, i) =>
      i === 6 ? { ...s, label: s.label.replace('task_to_reap = T2', 'slot busy with T1, dropped') } : i === 11 || i === 12 ? { ...s, label: 'takes T9 off the head of oom_reaper_list' } : s,
    );
    expect(traceStory({ ...doc, states, steps })).toContain('the OOM reaper never looked at T2: its wake-up at step 7 was lost (wake_oom_reaper(T2): slot busy with T1, dropped).');
    const unknown = { ...needlessKillTrace(), property: { ...needlessKillTrace().property, failing: 'some-future-property' } };
    expect(traceStory(unknown)).toBe(unknown.summary);
  });

  test('a spurious error (seed 000): the memcg at its limit and the failing step', () => {
    expect(traceStory(spuriousTrace())).toBe(
      "At step 2 memcg A is at its limit (usage 1/1) and T's allocation fails only because of the memcg OOM: mem_cgroup_oom(): not a user fault, nothing to do: put_user() returns -EFAULT. The caller cannot tell this error from a real one.",
    );
  });

  test('a userspace OOM handler deadlock: the charger asleep on memcg_oom_waitq, the handler on its lock', () => {
    expect(traceStory(handlerDeadlockTrace())).toBe(
      'After step 4 nothing can move any more, yet tasks are unfinished: V sleeps on memcg_oom_waitq of memcg A; U sleeps in mutex_lock(&m), held by V. A deadlock.',
    );
    expect(handlerDeadlockTrace().summary).toBe('After 4 steps every unfinished task is asleep and nothing can move: a deadlock.');
    expect(spuriousTrace().summary).toBe('After 2 steps a system call or put_user() fails only because of a memcg OOM (a spurious -ENOMEM or -EFAULT).');
  });
});
