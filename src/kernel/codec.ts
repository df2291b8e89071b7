import type { StateCodec } from '../engine/index.js';
import type { Layout } from './layout.js';
import type { AllocStage, KernelState, LockState, MemcgState, MmState, TaskState } from './state.js';

const TASK_WORDS = 4;

/**
 * Packs a kernel state into 32-bit words: per task 4 words, per mm 1, per
 * lock 2, per memcg 3, then oom_lock, free, reserves, the reaper (3 + 1 per task) and
 * two flags. One word per field keeps it simple; kernel scenarios have
 * thousands to a few million states, not billions.
 */
export function kernelCodec(layout: Layout): StateCodec<KernelState> {
  const nTasks = layout.tasks.length;
  const nMms = layout.mms.length;
  const nLocks = layout.locks.length;
  const nMemcgs = layout.memcgs.length;
  const width = nTasks * TASK_WORDS + nMms + nLocks * 2 + nMemcgs * 3 + 3 + 3 + nTasks + 2;
  return {
    width,
    encode(s, out, o) {
      let i = o;
      for (const t of s.tasks) {
        out[i++] = t.pc;
        out[i++] = (t.exited ? 1 : 0) | (t.fatalSignal ? 2 : 0) | (t.memdie ? 4 : 0) | (t.exiting ? 8 : 0) | (t.charged ? 16 : 0) | (t.inFault ? 32 : 0);
        out[i++] = t.alloc;
        out[i++] = t.memdieAborts;
      }
      for (const m of s.mms) out[i++] = (m.freed ? 1 : 0) | (m.reaped ? 2 : 0) | (m.flagged ? 4 : 0) | (m.oomKilled ? 8 : 0) | (m.victim ? 16 : 0) | (m.notReapable ? 32 : 0);
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
      out[i++] = (s.needlessKill ? 1 : 0) | (s.spuriousError ? 2 : 0) | (s.raceKill ? 4 : 0);
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
          exiting: (flags & 8) !== 0,
          exited: (flags & 1) !== 0,
          fatalSignal: (flags & 2) !== 0,
          memdie: (flags & 4) !== 0,
          alloc: w[i + 2] as AllocStage,
          memdieAborts: w[i + 3],
          charged: (flags & 16) !== 0,
          inFault: (flags & 32) !== 0,
        });
        i += TASK_WORDS;
      }
      const mms: MmState[] = [];
      for (let m = 0; m < nMms; m++) {
        const f = w[i++];
        mms.push({ freed: (f & 1) !== 0, reaped: (f & 2) !== 0, flagged: (f & 4) !== 0, oomKilled: (f & 8) !== 0, victim: (f & 16) !== 0, notReapable: (f & 32) !== 0 });
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
      const needlessKill = (sticky & 1) !== 0;
      const spuriousError = (sticky & 2) !== 0;
      const raceKill = (sticky & 4) !== 0;
      return { tasks, mms, locks, memcgs, oomLock, free, reserves, reaper: { current, attempts, head, next }, panicked, needlessKill, spuriousError, raceKill };
    },
  };
}
