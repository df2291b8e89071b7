import { defineKnob } from '../knob.js';

/**
 * Which lock serializes the memcg OOM killer called from the charge path
 * (`memcgOomContext: charge`, a group without `oom_kill_disable`), and
 * what a charger that finds it taken does.
 *
 * `memcg-trylock` (before 4.2; from 3.12 in `mem_cgroup_oom_synchronize()`
 * at the end of the fault): `mem_cgroup_oom_trylock()` on the group's
 * hierarchy; the winner calls the OOM killer, the others sleep on
 * `memcg_oom_waitq` and retry the charge once woken.
 *
 * `memcg-trylock+oom-lock` (4.2-4.18, dc56401fc9f2 "mm: oom_kill:
 * simplify OOM killer locking"): the same, but the winner's
 * `mem_cgroup_out_of_memory()` first waits in `mutex_lock(&oom_lock)`,
 * the global lock, its group's OOM lock held meanwhile; it kills and
 * releases both. A memcg OOM kill thus makes the page allocator's
 * `mutex_trylock(&oom_lock)` fail, and the oom_reaper waits for it
 * (`reaperTakesOomLock`, 4.7-4.18), as the memcg killer waits for them.
 *
 * `oom-lock` (4.19, 29ef680ae7c2 "memcg, oom: move out_of_memory back to
 * the charge path"): `mem_cgroup_oom()` calls `mem_cgroup_out_of_memory()`
 * for every charger, which waits in `mutex_lock(&oom_lock)` — the global
 * lock, shared with the page allocator — and then runs the OOM killer
 * without trying the charge again: a charger that waited while another
 * killed goes on to kill, whatever was uncharged meanwhile (the group's
 * margin is checked under `oom_lock` only from 1378b37d03e8, 5.9). The
 * memcg trylock came back for the eventfd notification only (Michal
 * Hocko, "memcg, oom: notify on oom killer invocation from the charge
 * path", Dec 2018, stable 4.19+; not modelled). From 5.1 the wait is
 * `mutex_lock_killable()` (7775face2079, with `memcgOomSkipsDying`): a
 * waiter with SIGKILL pending returns at once and forces its charge.
 */
export const memcgOomLock = defineKnob({
  name: 'memcgOomLock',
  description:
    "the memcg OOM killer's lock: the group's mem_cgroup_oom_trylock(), losers sleep on memcg_oom_waitq and retry the charge (<4.2); the same, the winner then waiting in mutex_lock(&oom_lock) before it kills (4.2-4.18, dc56401fc9f2); or every charger in the charge path waits for the global oom_lock (mutex_lock) and then kills, the charge not retried (4.19, 29ef680ae7c2)",
  values: ['memcg-trylock', 'oom-lock', 'memcg-trylock+oom-lock'],
  defaultValue: 'memcg-trylock',
  sinceTraceVersion: 4,
});
