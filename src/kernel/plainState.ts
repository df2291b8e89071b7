import type { Knobs } from './design/knobs/index.js';
import type { Layout } from './layout.js';
import { opText } from './opText.js';
import { AllocStage, type KernelState } from './state.js';
import { pastExitMm } from './transitions/exit.js';
import { kernelNames } from './transitions/kernelNames.js';

const stages = [
  '',
  'in allocator (retry)',
  'in allocator, holds oom_lock (last-second attempt)',
  'in allocator, holds oom_lock (out_of_memory)',
  'in try_charge, over the memcg limit (mem_cgroup_oom)',
  'in try_charge, holds the memcg OOM lock (mem_cgroup_out_of_memory)',
  'asleep on memcg_oom_waitq',
  'fault unwound with VM_FAULT_OOM (pagefault_out_of_memory)',
  'in try_charge (retry)',
  'in allocator, asleep in schedule_timeout_uninterruptible(1) (lost the oom_lock trylock)',
  'in allocator, holds oom_lock, asleep in schedule_timeout_killable(1) (out_of_memory)',
  'in allocator, holds oom_lock, woken (runnable) from schedule_timeout_killable(1) (out_of_memory)',
];

/** Where an mm's teardown stands ({@link ExitMmapStage}), as the state line says it. */
const exitMmapStages = ['', 'in exit_mmap() (its last user tears it down)', 'in exit_mmap(), past its own reap: the rest still to unmap'];

/**
 * A kernel state as readable plain data for traces: per task where it is
 * (next operation, allocator stage) and its flags; memory; oom_lock; the
 * mms; the reaper.
 */
export function plainState(layout: Layout, s: KernelState, knobs?: Knobs): Record<string, unknown> {
  // The mm flag in the release's name (4.8: MMF_OOM_REAPED), when the design is known.
  const mmFlag = knobs === undefined ? 'MMF_OOM_SKIP' : kernelNames(undefined, knobs).mmFlag;
  const name = (t: number) => (t === -1 ? null : layout.tasks[t].name);
  const tasks = Object.fromEntries(
    layout.tasks.map((info, t) => {
      const task = s.tasks[t];
      const op = info.program[task.pc];
      const where = task.exited
        ? 'exited'
        : task.alloc !== AllocStage.None
          ? stages[task.alloc]
          : op === undefined
            ? 'done'
            : `next: ${op.op === 'exit' || op.op === 'exit_mm' ? op.op : opText(layout, op)}`;
      const flags = [
        task.exiting && !task.exited ? 'PF_EXITING' : '',
        pastExitMm(layout, s, t) ? 'no mm' : '',
        task.fatalSignal && !task.exited ? 'SIGKILL' : '',
        task.memdie ? 'TIF_MEMDIE' : '',
        task.inFault ? 'in page fault' : '',
      ].filter((f) => f !== '');
      return [info.name, flags.length > 0 ? `${where} [${flags.join(', ')}]` : where];
    }),
  );
  const mms = Object.fromEntries(
    layout.mms.map((p, i) => {
      const mm = s.mms[i];
      return [
        p.name,
        [mm.freed ? 'freed' : 'live', exitMmapStages[mm.exitMmap], mm.reaped ? 'reaped' : '', mm.flagged ? mmFlag : '', mm.notReapable ? 'MMF_OOM_NOT_REAPABLE' : '']
          .filter((x) => x !== '')
          .join(', '),
      ];
    }),
  );
  const held = Object.fromEntries(
    layout.locks.flatMap((l, i) => {
      const lock = s.locks[i];
      const readers = layout.tasks.map((t, ti) => ((lock.readers >> ti) & 1 ? t.name : '')).filter((n) => n !== '');
      if (lock.writer !== -1) return [[l.name, `${name(lock.writer)}${l.kind === 'rwsem' ? ' (write)' : ''}`]];
      if (readers.length > 0) return [[l.name, `${readers.join(', ')} (read)`]];
      return [];
    }),
  );
  // Before 4.19 (reaperTakesOomLock) oom_reap_task() starts with mutex_lock(&oom_lock).
  const reaperWaits = knobs?.reaperTakesOomLock === true && s.oomLock !== -1;
  const queue: string[] = [];
  for (let t = s.reaper.head, n = 0; t !== -1 && n <= layout.tasks.length; t = s.reaper.next[t], n++) queue.push(layout.tasks[t].name);
  const memcgs = Object.fromEntries(
    layout.memcgs.map((m, i) => {
      const mc = s.memcgs[i];
      return [m.name, `usage ${mc.usage}/${mc.limit}${mc.oomLock === -1 ? '' : `, OOM lock: ${name(mc.oomLock)}`}`];
    }),
  );
  return {
    free: s.free,
    reserves: s.reserves,
    oom_lock: name(s.oomLock),
    locks: held,
    tasks,
    mms,
    ...(layout.memcgs.length > 0 ? { memcgs } : {}),
    reaper:
      s.reaper.current === -1
        ? 'idle'
        : `reaping ${name(s.reaper.current)}${reaperWaits ? `: waits in mutex_lock(&oom_lock), held by ${name(s.oomLock)}` : ''} (failed trylocks: ${s.reaper.attempts})`,
    ...(queue.length > 0 ? { oom_reaper_list: queue } : {}),
    ...(s.panicked ? { panicked: true } : {}),
    ...(s.spuriousError ? { spurious_error: true } : {}),
  };
}
