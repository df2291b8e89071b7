import type { Knobs } from '../design/knobs/index.js';

/**
 * The kernel's names for what the model does, as of the release a design
 * stands for, so that a trace of 3.11 does not speak of 4.2's oom_lock.
 * Only the names differ: what they do is the design's knobs' business.
 * Evidence: docs/kernel-history.md, "Names in traces".
 */
export interface KernelNames {
  /** Marking a victim TIF_MEMDIE: `mark_oom_victim(T)` (4.2), `mark_tsk_oom_victim(T)` (4.0: "oom: add helpers for setting and clearing TIF_MEMDIE", since-3.19 shortlog), `set_tsk_thread_flag(T, TIF_MEMDIE)` before. */
  markVictim(task: string): string;
  /** A victim's TIF_MEMDIE cleared on exit: `exit_oom_victim(T)` (4.2), `unmark_oom_victim()` (4.0), `clear_thread_flag(TIF_MEMDIE)` in exit_mm() (3.17); before, the flag leaves with the task. */
  exitVictim(task: string): string;
  /** The global OOM lock's trylock in __alloc_pages_may_oom(): `mutex_trylock(&oom_lock)` (4.2, dc56401fc9f2), `try_set_zonelist_oom()` before. */
  readonly oomTrylock: string;
  /** Its release: `mutex_unlock(&oom_lock)`, `clear_zonelist_oom()` before 4.2. */
  readonly oomUnlock: string;
  /** What the last-second allocation is said to run under: `oom_lock`, the zonelist OOM lock before 4.2. */
  readonly oomLockName: string;
  /** The memcg OOM lock: `mem_cgroup_oom_trylock` (3.12, fb2a6fc56be6), `mem_cgroup_oom_lock` before. */
  readonly memcgOomTrylock: string;
  /** Where the deferred memcg OOM is recorded: `current->memcg_in_oom` (4.4), `current->memcg_oom.memcg` in 3.12–4.3. */
  readonly memcgInOom: string;
  /** The memcg charge: `try_charge` (3.17), `__mem_cgroup_try_charge` before. */
  readonly tryCharge: string;
  /** The reaper's mm flag: `MMF_OOM_SKIP` (4.9), `MMF_OOM_REAPED` in 4.7–4.8. */
  readonly mmFlag: string;
  /** The panic when a global OOM finds nothing to kill: "System is deadlocked on memory" from 4.19, "Out of memory and no killable processes..." before. */
  readonly noVictimPanic: string;
}

/** Whether kernel release `release` (`3.11`, `4.19`) is before `than`; an unknown release is the newest. */
function before(release: string | undefined, than: string): boolean {
  if (release === undefined) return false;
  const [a, b] = [release, than].map((v) => v.split('.').map(Number));
  return a[0] !== b[0] ? a[0] < b[0] : a[1] < b[1];
}

/** The names for a design of kernel `release` (undefined: current names) with `knobs`. */
export function kernelNames(release: string | undefined, knobs: Pick<Knobs, 'mmFlagOnGiveUp'>): KernelNames {
  const old = (than: string) => before(release, than);
  return {
    markVictim: (t) => (old('4.0') ? `set_tsk_thread_flag(${t}, TIF_MEMDIE)` : old('4.2') ? `mark_tsk_oom_victim(${t})` : `mark_oom_victim(${t})`),
    exitVictim: (t) => (old('3.17') ? `TIF_MEMDIE leaves with ${t}` : old('4.0') ? `clear_thread_flag(TIF_MEMDIE) on ${t}` : old('4.2') ? `unmark_oom_victim() on ${t}` : `exit_oom_victim(${t})`),
    oomTrylock: old('4.2') ? 'try_set_zonelist_oom()' : 'mutex_trylock(&oom_lock)',
    oomUnlock: old('4.2') ? 'clear_zonelist_oom()' : 'mutex_unlock(&oom_lock)',
    oomLockName: old('4.2') ? 'the zonelist OOM lock' : 'oom_lock',
    memcgOomTrylock: old('3.12') ? 'mem_cgroup_oom_lock' : 'mem_cgroup_oom_trylock',
    memcgInOom: old('4.4') ? 'current->memcg_oom.memcg' : 'current->memcg_in_oom',
    tryCharge: old('3.17') ? '__mem_cgroup_try_charge' : 'try_charge',
    // 4.7-4.8 flagged only reaped mms (MMF_OOM_REAPED); 4.9 flags given-up ones too, as MMF_OOM_SKIP.
    mmFlag: knobs.mmFlagOnGiveUp === 'flag' ? 'MMF_OOM_SKIP' : 'MMF_OOM_REAPED',
    // "mm: memcontrol: print proper OOM header when no eligible victim left" (Johannes Weiner, August 2018).
    noVictimPanic: old('4.19') ? 'panic("Out of memory and no killable processes...")' : 'panic("System is deadlocked on memory")',
  };
}
