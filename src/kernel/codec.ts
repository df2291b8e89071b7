import type { StateCodec } from '../engine/index.js';
import type { Layout } from './layout.js';
import { MmFlag, MM_EXIT_MMAP_SHIFT, StickyFlag, stateWords, TASK_WORDS, TaskFlag } from './packedState.js';
import type { AllocStage, ExitMmapStage, KernelState, LockState, MemcgState, MmState, TaskState } from './state.js';

/**
 * Packs a kernel state into 32-bit words in the order of
 * {@link stateWords} (`packedState.ts`, which also says how to add a
 * field): per task 4 words, per mm 1, per lock 2, per memcg 3, then
 * oom_lock, free, reserves, the reaper (3 + 1 per task) and two flags.
 * One word per field keeps it simple; kernel scenarios have thousands to
 * a few million states, not billions.
 */
export function kernelCodec(layout: Layout): StateCodec<KernelState> {
  const nTasks = layout.tasks.length;
  const nMms = layout.mms.length;
  const nLocks = layout.locks.length;
  const nMemcgs = layout.memcgs.length;
  const { width } = stateWords(layout);
  return {
    width,
    // Written in the word order, so each loop only advances `i`.
    encode(s, out, o) {
      let i = o;
      for (const t of s.tasks) {
        out[i++] = t.pc;
        out[i++] =
          (t.exited ? TaskFlag.exited : 0) |
          (t.fatalSignal ? TaskFlag.fatalSignal : 0) |
          (t.memdie ? TaskFlag.memdie : 0) |
          (t.exiting ? TaskFlag.exiting : 0) |
          (t.charged ? TaskFlag.charged : 0) |
          (t.inFault ? TaskFlag.inFault : 0) |
          (t.reapedSinceAttempt ? TaskFlag.reapedSinceAttempt : 0);
        out[i++] = t.alloc;
        out[i++] = t.memdieAborts;
      }
      for (const m of s.mms) {
        out[i++] =
          (m.freed ? MmFlag.freed : 0) |
          (m.reaped ? MmFlag.reaped : 0) |
          (m.flagged ? MmFlag.flagged : 0) |
          (m.oomKilled ? MmFlag.oomKilled : 0) |
          (m.victim ? MmFlag.victim : 0) |
          (m.notReapable ? MmFlag.notReapable : 0) |
          (m.exitMmap << MM_EXIT_MMAP_SHIFT);
      }
      for (const l of s.locks) {
        out[i++] = l.writer;
        out[i++] = l.readers;
      }
      for (const m of s.memcgs) {
        out[i++] = m.usage;
        out[i++] = m.limit;
        out[i++] = m.oomLock;
      }
      out[i++] = s.oomLock;
      out[i++] = s.free;
      out[i++] = s.reserves;
      out[i++] = s.reaper.current;
      out[i++] = s.reaper.attempts;
      out[i++] = s.reaper.head;
      for (const n of s.reaper.next) out[i++] = n;
      out[i++] = s.panicked ? 1 : 0;
      out[i++] = (s.needlessKill ? StickyFlag.needlessKill : 0) | (s.spuriousError ? StickyFlag.spuriousError : 0) | (s.raceKill ? StickyFlag.raceKill : 0);
    },
    // Plain loops and pushes, not Array.from with a callback: decoding runs once per state expanded.
    decode(w, o) {
      let i = o;
      const tasks: TaskState[] = [];
      for (let t = 0; t < nTasks; t++) {
        const pc = w[i];
        const flags = w[i + 1];
        tasks.push({
          pc,
          exiting: (flags & TaskFlag.exiting) !== 0,
          exited: (flags & TaskFlag.exited) !== 0,
          fatalSignal: (flags & TaskFlag.fatalSignal) !== 0,
          memdie: (flags & TaskFlag.memdie) !== 0,
          alloc: w[i + 2] as AllocStage,
          memdieAborts: w[i + 3],
          charged: (flags & TaskFlag.charged) !== 0,
          inFault: (flags & TaskFlag.inFault) !== 0,
          reapedSinceAttempt: (flags & TaskFlag.reapedSinceAttempt) !== 0,
        });
        i += TASK_WORDS;
      }
      const mms: MmState[] = [];
      for (let m = 0; m < nMms; m++) {
        const f = w[i++];
        mms.push({
          freed: (f & MmFlag.freed) !== 0,
          reaped: (f & MmFlag.reaped) !== 0,
          flagged: (f & MmFlag.flagged) !== 0,
          oomKilled: (f & MmFlag.oomKilled) !== 0,
          victim: (f & MmFlag.victim) !== 0,
          exitMmap: (f >> MM_EXIT_MMAP_SHIFT) as ExitMmapStage,
          notReapable: (f & MmFlag.notReapable) !== 0,
        });
      }
      const locks: LockState[] = [];
      for (let l = 0; l < nLocks; l++, i += 2) locks.push({ writer: w[i], readers: w[i + 1] });
      const memcgs: MemcgState[] = [];
      for (let m = 0; m < nMemcgs; m++, i += 3) memcgs.push({ usage: w[i], limit: w[i + 1], oomLock: w[i + 2] });
      const oomLock = w[i++];
      const free = w[i++];
      const reserves = w[i++];
      const current = w[i++];
      const attempts = w[i++];
      const head = w[i++];
      const next: number[] = [];
      for (let t = 0; t < nTasks; t++) next.push(w[i++]);
      const panicked = w[i++] === 1;
      const sticky = w[i++];
      const needlessKill = (sticky & StickyFlag.needlessKill) !== 0;
      const spuriousError = (sticky & StickyFlag.spuriousError) !== 0;
      const raceKill = (sticky & StickyFlag.raceKill) !== 0;
      return { tasks, mms, locks, memcgs, oomLock, free, reserves, reaper: { current, attempts, head, next }, panicked, needlessKill, spuriousError, raceKill };
    },
  };
}
