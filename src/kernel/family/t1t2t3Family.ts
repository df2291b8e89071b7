import { alloc, exit, mutexLock, mutexUnlock, scenario, upWrite, type PropertyRefName } from '../builder.js';
import type { Scenario } from '../scenario.js';

/**
 * Tetsuo Handa's T1/T2/T3 situation (seed 002, `scenarios/tetsuo-t1-t2-t3.yaml`)
 * scaled up, for searches too big to be exhaustive: `t1t2t3Family(n, m)`,
 * named `t1t2t3-N-M`.
 *
 * - One process `victim` (8 pages, the biggest, so the OOM killer picks it)
 *   whose `n` threads share its mm: `T1` exits (do_exit()); `T2`…`T(n-1)`
 *   sleep in `mutex_lock()` and release the mutex once they get it;
 *   `Tn` starts holding `mmap_sem` for write, allocates a page and
 *   `up_write()`s — the file's T3.
 * - `m` processes `holder1`…`holderM` (1 page each) with one thread
 *   `H1`…`Hm`: `Hi` starts holding mutex `i_mutexI`, allocates a page and
 *   unlocks it — the file's H. Holders sit outside the victim because a
 *   victim thread holding the mutex would release it when killed, and
 *   nothing would livelock.
 * - Victim thread `Tk` (2 ≤ k ≤ n-1) waits for `i_mutex((k-2) mod m + 1)`:
 *   the mutexes are dealt round-robin, so every holder blocks at least one
 *   victim thread (hence `m ≤ n - 2`).
 * - Memory as in the file: free 0, every allocation 1 page, 1 reserve page
 *   for TIF_MEMDIE tasks; nobody is a victim at the start (the first OOM
 *   kill happens in the model).
 * - Designs: `reaper-slot` and `reaper-slot+exitTakesMmapSem=false` (his
 *   reading, under which T1 can exit while Tn holds `mmap_sem`); no
 *   expected verdicts — the sizes worth generating are too big to prove
 *   anything exhaustively.
 * - Properties: `no-oom-livelock` and `no-oom-livelock[Hi]` per holder
 *   (his claim is about the holders looping in the allocator). Limit:
 *   exhaustive `check` takes at most 32 liveness predicates per search and
 *   `no-oom-livelock` uses 2 per task, so beyond n + m = 16 check it
 *   exhaustively per holder (`no-oom-livelock[H1]`); the random strategy
 *   has no such limit.
 *
 * `t1t2t3Family(3, 1)` is the file's scenario with `H`, `holder` and
 * `i_mutex` renamed `H1`, `holder1` and `i_mutex1`: the same state space.
 *
 * @throws {RangeError} unless n ≥ 3 and 1 ≤ m ≤ n - 2 (integers)
 */
export function t1t2t3Family(n: number, m: number): Scenario {
  if (!Number.isInteger(n) || !Number.isInteger(m) || n < 3 || m < 1 || m > n - 2) {
    throw new RangeError(`t1t2t3Family: need integers n ≥ 3 and 1 ≤ m ≤ n - 2, got n=${n}, m=${m}`);
  }
  const mutex = (i: number) => `i_mutex${i}`;
  const holders = Array.from({ length: m }, (_, i) => i + 1);
  let b = scenario(`t1t2t3-${n}-${m}`)
    .describe(`T1 exits, T2..T${n - 1} sleep in mutex_lock(), T${n} allocates holding mmap_sem for write; H1..H${m} hold the mutexes and allocate`)
    .source("seed 002 (Tetsuo Handa's T1/T2/T3), scaled: t1t2t3Family(n, m)")
    .memory({ free: 0, reserves: 1 });
  for (const i of holders) b = b.mutex(mutex(i));
  b = b.process('victim', { pages: 8 }, (p) => {
    let threads = p.thread('T1', [exit()]);
    for (let k = 2; k <= n - 1; k++) {
      const lock = mutex(((k - 2) % m) + 1);
      threads = threads.thread(`T${k}`, [mutexLock(lock), mutexUnlock(lock)]);
    }
    return threads.thread(`T${n}`, [alloc(1), upWrite('mmap_sem')], { holds: [{ lock: 'mmap_sem', mode: 'write' }] });
  });
  for (const i of holders) {
    b = b.process(`holder${i}`, { pages: 1 }, (p) => p.thread(`H${i}`, [alloc(1), mutexUnlock(mutex(i))], { holds: [{ lock: mutex(i), mode: 'write' }] }));
  }
  const perHolder = holders.map((i) => `no-oom-livelock[H${i}]` as PropertyRefName);
  return b
    .design('reaper-slot')
    .design('reaper-slot', { exitTakesMmapSem: false })
    .properties('no-oom-livelock', ...perHolder)
    .build();
}
