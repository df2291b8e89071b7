import { checkScenario } from '../../src/check/index.js';
import { alloc, kill, mutexLock, mutexUnlock, scenario, waitOomEvent } from '../../src/kernel/builder.js';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { loadScenarioFile } from '../../src/kernel/load/loadScenario.js';
import { traceDocument, type TraceDocument } from '../../src/export/traceDocument.js';

/** The scenario file of the traces below. */
export const tetsuoFile = 'scenarios/tetsuo-t1-t2-t3.yaml';

const cache = new Map<string, TraceDocument>();
const cached = (key: string, build: () => TraceDocument): TraceDocument => {
  if (!cache.has(key)) cache.set(key, build());
  return structuredClone(cache.get(key)!);
};

function tetsuo(preset: string, knobs: Record<string, unknown>, property: string): TraceDocument {
  const run = checkScenario(loadScenarioFile(tetsuoFile), resolveDesign(preset, knobs), [property]);
  return traceDocument(run, run.verdicts[0], '0.1.0', tetsuoFile);
}

/** Tetsuo's livelock: reaper-slot+exitTakesMmapSem=false, no-oom-livelock[H], a 19-step lasso looping from state 16. A fresh copy each call. */
export const livelockTrace = (): TraceDocument => cached('livelock', () => tetsuo('reaper-slot', { exitTakesMmapSem: false }, 'no-oom-livelock[H]'));

/** tetsuo-panic, no-panic: H panics the kernel after 10 steps. A fresh copy each call. */
export const panicTrace = (): TraceDocument => cached('panic', () => tetsuo('tetsuo-panic', {}, 'no-panic'));

/** reaper-slot, no-needless-kill: 16 steps. A fresh copy each call. */
export const needlessKillTrace = (): TraceDocument => cached('needless', () => tetsuo('reaper-slot', {}, 'no-needless-kill'));

/** An ABBA deadlock built in code (no file): A takes a, B takes b, 2 steps. A fresh copy each call. */
export const deadlockTrace = (): TraceDocument =>
  cached('deadlock', () => {
    const abba = scenario('abba')
      .describe('A takes a then b, B takes b then a')
      .memory({ free: 1, reserves: 0 })
      .mutex('a')
      .mutex('b')
      .process('p', { pages: 1 }, (p) =>
        p.thread('A', [mutexLock('a'), mutexLock('b'), mutexUnlock('b'), mutexUnlock('a')]).thread('B', [mutexLock('b'), mutexLock('a'), mutexUnlock('a'), mutexUnlock('b')]),
      )
      .build();
    const run = checkScenario(abba, resolveDesign('reaper-slot'), ['no-deadlock']);
    return traceDocument(run, run.verdicts[0], '0.1.0');
  });

/**
 * Seed 000 built in code: a put_user() fault with GFP_NOFS charges memcg A
 * over its limit under memcg-deferred (3.12) and fails with -EFAULT;
 * no-spurious-enomem. A fresh copy each call.
 */
export const spuriousTrace = (): TraceDocument =>
  cached('spurious', () => {
    const s = scenario('put-user-efault')
      .describe('a put_user() fault over the memcg limit')
      .memory({ free: 4, reserves: 1 })
      .memcg('A', { limit: 1 })
      .process('p', { pages: 1, memcg: 'A' }, (p) => p.thread('T', [alloc(1, { gfp: 'GFP_NOFS', context: 'put_user' })]))
      .build();
    const run = checkScenario(s, resolveDesign('memcg-deferred'), ['no-spurious-enomem']);
    return traceDocument(run, run.verdicts[0], '0.1.0');
  });

/**
 * A userspace OOM handler that needs a lock its memcg's sleeping charger
 * holds (oom_kill_disable, memcg-charge-context: the charger sleeps in the
 * charge with every lock held); no-deadlock. A fresh copy each call.
 */
export const handlerDeadlockTrace = (): TraceDocument =>
  cached('handler', () => {
    const s = scenario('oom-handler-deadlock')
      .describe('the OOM handler needs the lock the sleeping charger holds')
      .memory({ free: 4, reserves: 1 })
      .mutex('m')
      .memcg('A', { limit: 1, oomKillDisable: true })
      .process('victim', { pages: 1, memcg: 'A' }, (p) => p.thread('V', [mutexLock('m'), alloc(1), mutexUnlock('m')]))
      .process('handler', { pages: 1 }, (p) => p.thread('U', [waitOomEvent('A'), mutexLock('m'), mutexUnlock('m'), kill('victim')]))
      .build();
    const run = checkScenario(s, resolveDesign('memcg-charge-context'), ['no-deadlock']);
    return traceDocument(run, run.verdicts[0], '0.1.0');
  });

/** Seed 003 before 3.12: the writer loops in the memcg charge path, 6 steps, cycle from step 4 (memcg-write-truncate). A fresh copy each call. */
export const memcgLivelockTrace = (): TraceDocument =>
  cached('memcgLivelock', () => {
    const file = 'scenarios/memcg-write-truncate.yaml';
    const run = checkScenario(loadScenarioFile(file), resolveDesign('memcg-charge-context'), ['no-oom-livelock']);
    return traceDocument(run, run.verdicts[0], '0.1.0', file);
  });

/** Every trace above, by name. */
export const allTraces = (): Record<string, TraceDocument> => ({
  livelock: livelockTrace(),
  panic: panicTrace(),
  needlessKill: needlessKillTrace(),
  deadlock: deadlockTrace(),
  spurious: spuriousTrace(),
  handlerDeadlock: handlerDeadlockTrace(),
  memcgLivelock: memcgLivelockTrace(),
});
