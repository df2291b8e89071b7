import type { Knobs } from './knobs/index.js';
import type { PresetCommit } from './preset.js';

/** A kernel commit the model can express: the knob values it brought. */
export interface ModelledCommit extends PresetCommit {
  /** The knobs it changed, to the values it gave them. */
  readonly knobs: Partial<Knobs>;
  /** Whether its id was checked against the kernel's history (docs/kernel-history.md marks it [V]); otherwise recalled ([R]). */
  readonly verified: boolean;
}

/**
 * The kernel before 3.12 (3.11's mm/memcontrol.c): the knobs' defaults
 * but for the memcg OOM, handled right in the charge, and the dying-task
 * bypass to the root memcg. The commits below apply on top of it.
 */
export const baseKernelKnobs: Partial<Knobs> = { reaper: 'none', memcgOomContext: 'charge', memcgOomDisabled: 'sleep-in-charge', memcgDyingCharge: 'bypass', dyingCurrentShortcut: 'any-dying' };

/**
 * Every kernel commit the model can express, in history order, with the
 * first release that has it and the knob values it brought. A preset named
 * after a release (`linux-4.19`) includes every one up to that release
 * ({@link kernelAt}), and a test keeps every such preset to that. Evidence
 * per commit: docs/kernel-history.md.
 */
export const modelledCommits: readonly ModelledCommit[] = [
  {
    id: '3812c8c8f395',
    subject: 'mm: memcg: do not trap chargers with full callstack on OOM',
    release: '3.12',
    knobs: { memcgOomContext: 'user-fault-end', memcgOomDisabled: 'user-fault-end' },
    verified: true,
  },
  { id: '519e52473ebe', subject: 'mm: memcg: enable memcg OOM killer only for user faults', release: '3.12', knobs: { memcgOomContext: 'user-fault-end' }, verified: true },
  { id: '4942642080ea', subject: 'mm: memcg: handle non-error OOM situations more gracefully', release: '3.12', knobs: { memcgOomContext: 'user-fault-end' }, verified: true },
  { id: 'd7a94e7e11ba', subject: "oom: don't count on mm-less current process", release: '4.0', knobs: { dyingCurrentShortcut: 'current-mm' }, verified: true },
  // mem_cgroup_out_of_memory() takes oom_lock with mutex_lock() after the memcg trylock (Tetsuo Handa's linux-mm posts: "As of linux-4.2").
  { id: 'dc56401fc9f2', subject: 'mm: oom_kill: simplify OOM killer locking', release: '4.2', knobs: { memcgOomLock: 'memcg-trylock+oom-lock' }, verified: true },
  { id: '10d53c748bc9', subject: 'memcg: ratify and consolidate over-charge handling', release: '4.4', knobs: { memcgDyingCharge: 'force' }, verified: false },
  { id: 'aac453635549', subject: 'mm, oom: introduce oom reaper', release: '4.6', knobs: { reaper: 'slot' }, verified: true },
  { id: '36324a990cf5', subject: 'oom: clear TIF_MEMDIE after oom_reaper managed to unmap the address space', release: '4.6', knobs: { reaperClearsMemdie: 'after-reap' }, verified: true },
  {
    id: 'bb29902a7515',
    subject: 'oom, oom_reaper: protect oom_reaper_list using simpler way',
    release: '4.6',
    knobs: { reaper: 'queue', reaperQueueOrder: 'lifo', reaperEnqueueCheck: 'next-only' },
    verified: true,
  },
  { id: 'af8e15cc85a2', subject: 'oom, oom_reaper: do not enqueue task if it is on the oom_reaper_list head', release: '4.6', knobs: { reaperEnqueueCheck: 'head-or-next' }, verified: true },
  { id: '98748bd72200', subject: 'oom: consider multi-threaded tasks in task_will_free_mem', release: '4.7', knobs: { killExitingShortcut: 'none' }, verified: false },
  { id: '3da88fb3bacf', subject: 'mm, oom: move GFP_NOFS check to out_of_memory', release: '4.7', knobs: { nofsCallsOutOfMemory: true }, verified: true },
  { id: '3ef22dfff239', subject: 'oom, oom_reaper: try to reap tasks which skip regular OOM killer path', release: '4.7', knobs: { shortcutWakesReaper: true }, verified: true },
  {
    id: '449d777d7ad6',
    subject: 'mm, oom_reaper: clear TIF_MEMDIE for all tasks queued for oom_reaper',
    release: '4.7',
    knobs: { reaperClearsMemdie: 'always', reaperClearsNextPointer: true },
    verified: true,
  },
  { id: 'bb8a4b7fd126', subject: 'mm, oom_reaper: hide oom reaped tasks from OOM killer more carefully', release: '4.7', knobs: { mmFlagOnReap: 'flag' }, verified: false },
  { id: 'e2fe14564d33', subject: 'oom_reaper: close race with exiting task', release: '4.7', knobs: { reaperTakesOomLock: true }, verified: true },
  { id: '44a70adec910', subject: 'mm, oom_adj: make sure processes sharing mm have same view of oom_score_adj', release: '4.8', knobs: {}, verified: true },
  { id: 'b18dc5f291c0', subject: 'mm, oom: skip vforked tasks from being selected', release: '4.8', knobs: { vforkSkip: true }, verified: true },
  { id: '97fd49c2355f', subject: 'mm, oom: kill all tasks sharing the mm', release: '4.8', knobs: { killSharers: 'all' }, verified: true },
  {
    id: '1af8bb432695',
    subject: 'mm, oom: fortify task_will_free_mem()',
    release: '4.8',
    knobs: { dyingCurrentShortcut: 'task-will-free-mem', shortcutNeedsSharersDying: true, killExitingShortcut: 'task-will-free-mem' },
    verified: true,
  },
  // Its id from the `Fixes: 696453e66630ad45` tags of Tetsuo Handa's 2017 linux-mm patches; the subject from the since-4.7 shortlog.
  { id: '696453e66630', subject: 'mm, oom: task_will_free_mem should skip oom_reaped tasks', release: '4.8', knobs: { shortcutRequiresUnflaggedMm: true }, verified: true },
  { id: '862e3073b3ee', subject: 'mm, oom: get rid of signal_struct::oom_victims', release: '4.9', knobs: { victimAbortsSelection: 'victim-unflagged' }, verified: true },
  { id: '11a410d516e8', subject: 'mm,oom_reaper: do not attempt to reap a task twice', release: '4.9', knobs: { mmFlagOnGiveUp: 'flag' }, verified: false },
  { id: '7d2e7a22cf27', subject: 'oom, suspend: fix oom_killer_disable vs. pm suspend properly', release: '4.9', knobs: { reaperClearsMemdie: 'never' }, verified: false },
  { id: '06ad276ac187', subject: 'mm, oom: do not enforce OOM killer for __GFP_NOFAIL automatically', release: '4.11', knobs: { nofailForcesOom: false }, verified: true },
  { id: 'cd04ae1e2dc8', subject: 'mm, oom: do not rely on TIF_MEMDIE for memory reserves access', release: '4.14', knobs: { oomReserves: 'alloc-oom' }, verified: true },
  // v4.13-4372-g212925802454: in the 4.14 merge window (CVE-2018-1000200 "affects Linux 4.14, 4.15, and 4.16"), not 4.16.
  { id: '212925802454', subject: 'mm: oom: let oom_reap_task and exit_mmap run concurrently', release: '4.14', knobs: { exitMmap: 'unmap-skip' }, verified: true },
  // Merged in 4.17-rc5 (David Rientjes on oss-security, 14 May 2018); backported to 4.14 and 4.16 stable, not modelled there.
  { id: '27ae357fa82b', subject: 'mm, oom: fix concurrent munlock and oom reaper unmap, v3', release: '4.17', knobs: { exitMmap: 'reap-skip' }, verified: true },
  {
    id: '29ef680ae7c2',
    subject: 'memcg, oom: move out_of_memory back to the charge path',
    release: '4.19',
    knobs: { memcgOomContext: 'charge', memcgOomDisabled: 'user-fault-end', memcgNoVictim: 'force', memcgNofsOom: 'no-kill', memcgOomLock: 'oom-lock' },
    verified: true,
  },
  { id: 'af5679fbc669', subject: 'mm, oom: remove oom_lock from oom_reaper', release: '4.19', knobs: { reaperTakesOomLock: false }, verified: true },
  { id: '9bfe5ded054b', subject: 'mm, oom: remove sleep from under oom_lock', release: '4.19', knobs: { oomLockHolderSleeps: false }, verified: true },
  { id: '7775face2079', subject: 'memcg: killed threads should not invoke memcg OOM killer', release: '5.1', knobs: { memcgOomSkipsDying: true }, verified: true },
  { id: 'f9c645621a28', subject: "memcg, oom: don't require __GFP_FS when invoking memcg OOM killer", release: '5.4', knobs: { memcgNofsOom: 'kill' }, verified: true },
];

/** Whether kernel release `a` (`4.9`, `4.19`, `5.4`) is at most `b`. */
export function releaseAtMost(a: string, b: string): boolean {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  return x[0] !== y[0] ? x[0] < y[0] : x[1] <= y[1];
}

/**
 * Changes the model expresses whose text and release were checked but
 * whose commit id was not found (docs/kernel-history.md): their knobs go
 * into every `linux-X.Y` preset from their release on, and no preset lists
 * them as commits.
 */
export const unidentifiedChanges: readonly { readonly subject: string; readonly release: string; readonly knobs: Partial<Knobs> }[] = [
  // "[PATCH 09/10] mm, oom_reaper: do not attempt to reap a task more than twice" (Michal Hocko, linux-mm,
  // 20 Jun 2016, 1466426628-15074-10-git-send-email-mhocko@kernel.org), in the 4.8 merge (mmotm since-4.7 shortlog):
  // the first give-up sets MMF_OOM_NOT_REAPABLE, the second MMF_OOM_REAPED. Its id is not in the stored material
  // (bc448e897b6d, once recalled for it, is "mm, oom_reaper: report success/failure", 4.6).
  { subject: 'mm, oom_reaper: do not attempt to reap a task more than twice', release: '4.8', knobs: { mmFlagOnGiveUp: 'second-give-up' } },
  // "[PATCH 10/10] mm, oom: hide mm which is shared with kthread or global init" (Michal Hocko, linux-mm,
  // 20 Jun 2016, 1466426628-15074-11-git-send-email-mhocko@kernel.org), in the 4.8 merge (mmotm since-4.7 shortlog).
  // One patch, two changes: oom_kill_process() sets MMF_OOM_REAPED on an mm a spared process still uses, and
  // oom_scan_process_thread() no longer aborts on a process with `signal->oom_victims` (a live TIF_MEMDIE
  // thread) once find_lock_task_mm() finds its mm MMF_OOM_REAPED.
  { subject: 'mm, oom: hide mm which is shared with kthread or global init', release: '4.8', knobs: { sharedUnkillableMm: 'flag-skip', victimAbortsSelection: 'memdie-unflagged' } },
  // "[PATCH] mm: oom: Remove thread group leader check in oom_evaluate_task()" (Tetsuo Handa, linux-mm,
  // 18 Jun 2019, 1560853257-14934-1-git-send-email-penguin-kernel@I-love.SAKURA.ne.jp): oom_evaluate_task() loses
  // `if (points == oc->chosen_points && thread_group_leader(oc->chosen)) goto next;`, so the later of two tied
  // processes is chosen. Stored copies of 5.3–5.8-era and 6.6 trees have no such check [V]; the release, 5.3, is
  // inferred from the posting date [I]; the commit id was not found (kernel-expert review, 2026-11-30).
  { subject: 'mm: oom: Remove thread group leader check in oom_evaluate_task()', release: '5.3', knobs: { selectTieBreak: 'last' } },
];

/** The modelled commits up to `release`, and the knobs they add up to on {@link baseKernelKnobs}. */
export function kernelAt(release: string): { readonly commits: readonly PresetCommit[]; readonly knobs: Partial<Knobs> } {
  const included = modelledCommits.filter((c) => releaseAtMost(c.release, release));
  return {
    commits: included.map(({ id, subject, release }) => ({ id, subject, release })),
    knobs: Object.assign({}, baseKernelKnobs, ...kernelChanges(release)),
  };
}

/** The knob values of every change up to `release`, commits and unidentified changes together, in release order (a later release's value wins). */
export function kernelChanges(release: string): Partial<Knobs>[] {
  const changes = [...modelledCommits, ...unidentifiedChanges].filter((c) => releaseAtMost(c.release, release));
  // By release; Array.prototype.sort is stable, so within one release the commits keep their table order, the unidentified changes after them.
  return changes.sort((a, b) => (a.release === b.release ? 0 : releaseAtMost(a.release, b.release) ? -1 : 1)).map((c) => c.knobs);
}
