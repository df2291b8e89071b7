import type { AllocOp } from '../layout.js';
import { AllocStage, type KernelState } from '../state.js';
import { allocFailed, completeAlloc, failAlloc, leaveFault } from './allocEnd.js';
import { outOfMemoryStep } from './oomKiller.js';
import { lockName, pagesText, taskName, type Context, type Step } from './step.js';
import { event, type ForceReason, type StepEvent } from './stepEvent.js';

/**
 * The next step of task `t` charging allocation `op` to memcg `m`
 * (try_charge()), by stage (see {@link AllocStage}): the charge attempt,
 * then on failure the design's memcg OOM handling — in the charge
 * (`memcgOomContext: charge`), or recorded and handled at the end of a
 * user fault (`user-fault-end`, 3.12), with `oom_kill_disable` groups per
 * `memcgOomDisabled`. Once charged, the page allocator takes over.
 */
export function chargeStep(ctx: Context, s: KernelState, t: number, op: AllocOp, m: number): Step | undefined {
  switch (s.tasks[t].alloc) {
    case AllocStage.ChargeOom:
      return memcgOomStep(ctx, s, t, op, m);
    case AllocStage.MemcgOom:
      // 4.2-4.18: the memcg trylock's winner then waits for the global oom_lock before it kills.
      if (ctx.knobs.memcgOomLock === 'memcg-trylock+oom-lock' && s.oomLock !== t) return memcgOomMutexStep(ctx, s, t, m);
      return outOfMemoryStep(ctx, s, t, op, m);
    case AllocStage.MemcgWait:
      return memcgWakeStep(ctx, s, t, op, m);
    case AllocStage.FaultUnwound:
      return synchronizeStep(ctx, s, t, m);
    default:
      return tryChargeStep(ctx, s, t, op, m);
  }
}

/** `memcg A (usage 7/8)`. */
function usageText(ctx: Context, s: KernelState, m: number, extra = 0): string {
  const mc = s.memcgs[m];
  return `memcg ${ctx.layout.memcgs[m].name} (usage ${mc.usage + extra}/${mc.limit})`;
}

/**
 * A step that charges (or not: `bypass`) and goes on in the page
 * allocator in the same step: the freelist if it has the pages, else the
 * slow path. `charging` gives the events of the charge (when asked).
 */
export function chargedStep(ctx: Context, s: KernelState, t: number, pages: number, charging: () => readonly StepEvent[], charge: (d: KernelState) => void): Step {
  if (s.free >= pages) {
    return {
      events: () => [...charging(), event('page-allocated', 'get_page_from_freelist() ok', { pages, from: 'freelist' })],
      apply: (d) => {
        charge(d);
        d.free -= pages;
        completeAlloc(ctx, d, t);
      },
    };
  }
  return {
    events: () => [...charging(), event('slowpath-entered', 'get_page_from_freelist() fails: __alloc_pages_slowpath()', { pages })],
    apply: (d) => {
      charge(d);
      d.tasks[t].charged = true;
      d.tasks[t].alloc = AllocStage.Retry;
    },
  };
}

/**
 * try_charge(): within the limit the pages are charged. Over it:
 * `__GFP_NORETRY`/`__GFP_RETRY_MAYFAIL` fail; a dying task (TIF_MEMDIE,
 * SIGKILL, PF_EXITING) and `__GFP_NOFAIL` get through per
 * `memcgDyingCharge`; anyone else has a memcg OOM.
 */
function tryChargeStep(ctx: Context, s: KernelState, t: number, op: AllocOp, m: number): Step {
  const task = s.tasks[t];
  const { pages, gfp } = op;
  const mc = s.memcgs[m];
  const retry = task.alloc === AllocStage.ChargeRetry;
  const call = () => `${retry ? 'retry ' : ''}${ctx.names.tryCharge}(${pagesText(pages)})`;
  if (mc.usage + pages <= mc.limit) {
    return chargedStep(
      ctx,
      s,
      t,
      pages,
      () => [event('charged', `${call()} ok: ${usageText(ctx, s, m, pages)}`, { memcg: m, pages, retry })],
      (d) => void (d.memcgs[m].usage += pages),
    );
  }
  const over = () => `${call()}: over the limit of ${usageText(ctx, s, m)}`;
  const overLimit = () => event('charge-over-limit', over(), { memcg: m, pages, retry, memcgOom: false });
  // try_charge() lets dying tasks through first, then fails NORETRY/RETRY_MAYFAIL, then forces NOFAIL.
  const dying: ForceReason | undefined = task.memdie ? 'TIF_MEMDIE' : task.fatalSignal ? 'SIGKILL pending' : task.exiting ? 'PF_EXITING' : undefined;
  if (dying === undefined && (gfp.noretry || gfp.retryMayfail)) {
    const failed = () => (gfp.noretry ? allocFailed('noretry', '__GFP_NORETRY', op, task) : allocFailed('retry-mayfail', '__GFP_RETRY_MAYFAIL', op, task));
    return { events: () => [overLimit(), failed()], apply: (d) => failAlloc(ctx, d, t, op, false) };
  }
  if (dying !== undefined || gfp.nofail) {
    const why = dying ?? '__GFP_NOFAIL';
    if (ctx.knobs.memcgDyingCharge === 'bypass') {
      return chargedStep(
        ctx,
        s,
        t,
        pages,
        () => [overLimit(), event('charge-forced', `${why}: bypass, charged to the root memcg`, { memcg: m, mode: 'bypass', why })],
        () => {},
      );
    }
    const forced = () => event('charge-forced', `${why}: force, charged over the limit: ${usageText(ctx, s, m, pages)}`, { memcg: m, mode: 'force', why });
    return chargedStep(
      ctx,
      s,
      t,
      pages,
      () => [overLimit(), forced()],
      (d) => void (d.memcgs[m].usage += pages),
    );
  }
  return { events: () => [event('charge-over-limit', `${over()}: mem_cgroup_oom()`, { memcg: m, pages, retry, memcgOom: true })], apply: (d) => void (d.tasks[t].alloc = AllocStage.ChargeOom) };
}

/**
 * mem_cgroup_oom() (or mem_cgroup_handle_oom() before 3.12), per design.
 * Deferred (`user-fault-end`): a user fault records the OOM and unwinds
 * with VM_FAULT_OOM, dropping its mmap_sem; any other context fails with
 * its error — spuriously, in the sense of seed 000. `sleep-in-charge`
 * with `oom_kill_disable`: asleep right here, every lock held. Otherwise
 * the memcg's OOM lock: its winner calls the OOM killer (in 4.2-4.18,
 * `memcg-trylock+oom-lock`, after mutex_lock(&oom_lock):
 * {@link memcgOomMutexStep}), the others sleep; or from 4.19 (`memcgOomLock: oom-lock`) the global oom_lock, which every
 * charger waits for and then kills ({@link oomLockStep}).
 */
function memcgOomStep(ctx: Context, s: KernelState, t: number, op: AllocOp, m: number): Step | undefined {
  const { knobs, layout } = ctx;
  const disabled = layout.memcgs[m].oomKillDisable;
  const deferred = disabled ? knobs.memcgOomDisabled === 'user-fault-end' : knobs.memcgOomContext === 'user-fault-end';
  if (deferred) {
    if (op.context !== 'user-fault') {
      return { events: () => [allocFailed('memcg-oom-not-a-fault', 'mem_cgroup_oom(): not a user fault, nothing to do', op, s.tasks[t])], apply: (d) => failAlloc(ctx, d, t, op, true) };
    }
    const mmapSem = layout.processes[layout.tasks[t].process].mmapSem;
    return {
      events: () => [
        event('memcg-oom-deferred', `mem_cgroup_oom(): ${ctx.names.memcgInOom} = ${layout.memcgs[m].name}`, { memcg: m }),
        event('fault-unwound', `the fault unwinds with VM_FAULT_OOM: up_read(${lockName(ctx, mmapSem)})`, { lock: mmapSem }),
      ],
      apply: (d) => {
        leaveFault(ctx, d, t);
        d.tasks[t].alloc = AllocStage.FaultUnwound;
      },
    };
  }
  // Before 3.12 the function was mem_cgroup_handle_oom(); 4.19's is mem_cgroup_oom().
  const fn = knobs.memcgOomDisabled === 'sleep-in-charge' ? 'mem_cgroup_handle_oom()' : 'mem_cgroup_oom()';
  if (disabled)
    return {
      events: () => [event('memcg-oom-sleep', `${fn}: oom_kill_disable: sleeps on memcg_oom_waitq, its locks held`, { memcg: m, reason: 'oom-kill-disable', holder: -1 })],
      apply: (d) => void (d.tasks[t].alloc = AllocStage.MemcgWait),
    };
  if (knobs.memcgOomLock === 'oom-lock') return oomLockStep(ctx, s, t, m);
  return lockOrSleep(ctx, s, t, m, fn);
}

/**
 * 4.19 (29ef680ae7c2, `memcgOomLock: oom-lock`): mem_cgroup_oom() calls
 * mem_cgroup_out_of_memory(), which takes the global oom_lock with
 * mutex_lock(): a sleeper waits — no step — until it is free, and then
 * kills without trying the charge again. From 5.1 (7775face2079,
 * `memcgOomSkipsDying`) mutex_lock_killable(): a waiter with SIGKILL
 * pending gives up the wait, mem_cgroup_out_of_memory() returns true
 * (OOM_SUCCESS) and try_charge() forces the retried charge.
 */
function oomLockStep(ctx: Context, s: KernelState, t: number, m: number): Step | undefined {
  const killable = ctx.knobs.memcgOomSkipsDying;
  const lock = `${killable ? 'mutex_lock_killable' : 'mutex_lock'}(&oom_lock)`;
  if (s.oomLock === -1) {
    return {
      events: () => [event('oom-lock-taken', `mem_cgroup_oom(): mem_cgroup_out_of_memory(): ${lock} ok`, { memcg: m, how: 'mutex_lock' })],
      apply: (d) => {
        d.oomLock = t;
        d.tasks[t].alloc = AllocStage.MemcgOom;
      },
    };
  }
  if (killable && s.tasks[t].fatalSignal) {
    return {
      events: () => [event('dying-no-kill', `mem_cgroup_out_of_memory(): ${lock} fails: SIGKILL pending, nobody killed`, { memcg: m, task: t, why: 'SIGKILL pending' })],
      apply: (d) => void (d.tasks[t].alloc = AllocStage.ChargeRetry),
    };
  }
  // Asleep in mutex_lock(&oom_lock) until its holder releases it (the holder's next step).
  return undefined;
}

/**
 * 4.2-4.18 (dc56401fc9f2, `memcgOomLock: memcg-trylock+oom-lock`): the
 * winner of mem_cgroup_oom_trylock() calls mem_cgroup_out_of_memory(),
 * which takes the global oom_lock with mutex_lock() before selecting a
 * victim: asleep there — no step — while someone else holds it (a global
 * OOM killer, the oom_reaper with `reaperTakesOomLock`), its group's OOM
 * lock held all the while. Once it has oom_lock, the OOM killer.
 */
function memcgOomMutexStep(ctx: Context, s: KernelState, t: number, m: number): Step | undefined {
  if (s.oomLock !== -1) return undefined;
  return {
    events: () => [event('oom-lock-taken', `mem_cgroup_out_of_memory(): mutex_lock(&oom_lock) ok, holding the OOM lock of memcg ${ctx.layout.memcgs[m].name}`, { memcg: m, how: 'mutex_lock' })],
    apply: (d) => void (d.oomLock = t),
  };
}

/** mem_cgroup_oom_trylock(): the winner goes on to the OOM killer; a loser sleeps on memcg_oom_waitq. */
function lockOrSleep(ctx: Context, s: KernelState, t: number, m: number, fn: string): Step {
  const holder = s.memcgs[m].oomLock;
  if (holder === -1) {
    return {
      events: () => [event('oom-lock-taken', `${fn}: ${ctx.names.memcgOomTrylock}(${ctx.layout.memcgs[m].name}) ok`, { memcg: m, how: 'trylock' })],
      apply: (d) => {
        d.memcgs[m].oomLock = t;
        d.tasks[t].alloc = AllocStage.MemcgOom;
      },
    };
  }
  return {
    events: () => [event('memcg-oom-sleep', `${fn}: ${taskName(ctx, holder)} handles the OOM: sleeps on memcg_oom_waitq`, { memcg: m, reason: 'lock-held', holder })],
    apply: (d) => void (d.tasks[t].alloc = AllocStage.MemcgWait),
  };
}

/**
 * pagefault_out_of_memory() → mem_cgroup_oom_synchronize() (3.12), with
 * the fault unwound and no lock held: with `oom_kill_disable` sleep;
 * otherwise the memcg's OOM lock, as in the charge.
 */
function synchronizeStep(ctx: Context, s: KernelState, t: number, m: number): Step {
  const fn = 'pagefault_out_of_memory(): mem_cgroup_oom_synchronize()';
  if (ctx.layout.memcgs[m].oomKillDisable) {
    return {
      events: () => [event('memcg-oom-sleep', `${fn}: oom_kill_disable: sleeps on memcg_oom_waitq, no locks held`, { memcg: m, reason: 'oom-kill-disable', holder: -1 })],
      apply: (d) => void (d.tasks[t].alloc = AllocStage.MemcgWait),
    };
  }
  return lockOrSleep(ctx, s, t, m, fn);
}

/**
 * A sleeper on memcg_oom_waitq (TASK_KILLABLE) wakes on SIGKILL, on
 * memcg_oom_recover() — the usage dropped or the limit was raised so the
 * charge fits — or, with the kernel OOM killer, on memcg_wakeup_oom()
 * when the OOM lock is released; then it retries the charge (a user
 * fault: it returns to user space and faults again).
 */
function memcgWakeStep(ctx: Context, s: KernelState, t: number, op: AllocOp, m: number): Step | undefined {
  const mc = s.memcgs[m];
  const by = s.tasks[t].fatalSignal ? 'sigkill' : mc.usage + op.pages <= mc.limit ? 'recover' : !ctx.layout.memcgs[m].oomKillDisable && mc.oomLock === -1 ? 'unlock' : undefined;
  if (by === undefined) return undefined;
  const why = () => ({ sigkill: 'SIGKILL', recover: `memcg_oom_recover(): ${usageText(ctx, s, m)}`, unlock: 'memcg_wakeup_oom(): the OOM lock was released' })[by];
  return { events: () => [event('memcg-oom-woken', `woken on memcg_oom_waitq by ${why()}`, { memcg: m, by })], apply: (d) => void (d.tasks[t].alloc = AllocStage.ChargeRetry) };
}

/** Whether memcg `m` is under OOM as user space sees it: a task of it asleep on memcg_oom_waitq (the OOM eventfd fires). */
export function memcgUnderOom(ctx: Pick<Context, 'layout' | 'knobs'>, s: KernelState, m: number): boolean {
  return s.tasks.some((task, t) => task.alloc === AllocStage.MemcgWait && ctx.layout.processes[ctx.layout.tasks[t].process].memcg === m);
}
