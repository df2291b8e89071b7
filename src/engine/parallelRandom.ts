import type { Model } from './model.js';
import type { ParallelSearch } from './modelSource.js';
import type { Property } from './property.js';
import { checkRandom } from './random.js';
import type { RandomCheckResult, RandomOptions, RandomReport } from './randomTypes.js';
import type { RandomWorkerData, SharedRandomResult } from './randomWorker.js';
import type { PropertyResult } from './result.js';
import { RunShare } from './runShare.js';
import { replayPath } from './trace.js';
import { receiveFrom, startWorker, stopWorkers } from './workerThread.js';

/** Flags shared with the workers: [0] stop (the caller's `shouldStop` said so), [1] workers finished, [2] a worker failed. */
const STOP = 0;
const FINISHED = 1;
const FAILED = 2;

/**
 * `checkRandom` on `parallel.workers + 1` threads (this one and the
 * workers): the same result as one thread — verdicts, counterexamples,
 * the report's runs, path and lengths — for the same seed, whatever the
 * number of threads (but the seconds, and what a time limit or an
 * interruption cuts short). Each thread executes its {@link RunShare} of
 * the one stream of schedules fast-check draws from the seed; a property
 * is decided by the first failing schedule of the stream, shrunk and
 * minimized by the thread that ran it. Replaying one schedule (`path`)
 * runs on this thread alone.
 */
export function checkRandomParallel<S, A>(model: Model<S, A>, properties: readonly Property<S>[], options: RandomOptions, parallel: ParallelSearch): RandomCheckResult<S> {
  if (options.path !== undefined) return checkRandom(model, properties, options);
  const startedAt = performance.now();
  const threads = parallel.workers + 1;
  const seed = options.seed ?? Date.now() % 0x7fffffff;
  const failures = RunShare.failureTable(properties.length);
  const flags = new Int32Array(new SharedArrayBuffer(12));
  const { onProgress: _, shouldStop, ...plain } = options;
  const shared = { ...plain, seed };
  const entry = new URL('./randomWorker.js', import.meta.url).href;
  const workers = Array.from({ length: parallel.workers }, (_, w) => {
    const data: Omit<RandomWorkerData, 'port' | 'failed'> = { source: parallel.source, options: shared, index: w + 1, threads, failures, flags };
    return startWorker(entry, 'runRandomWorker', data, flags.subarray(FAILED, FAILED + 1));
  });
  const stop = (): boolean => {
    if (shouldStop?.() !== true) return false;
    Atomics.store(flags, STOP, 1);
    return true;
  };
  try {
    const own = shareOfProperties(model, properties, { ...options, seed, shouldStop: stop }, 0, threads, failures, startedAt);
    // Wait for the workers (passing an interruption on), then gather their results.
    while (Atomics.load(flags, FINISHED) < parallel.workers) {
      if (Atomics.load(flags, FAILED) === 1) break;
      stop();
      Atomics.wait(flags, FINISHED, Atomics.load(flags, FINISHED), 100);
    }
    const theirs = workers.map(({ port }) => {
      const message = receiveFrom(port) as { error?: string; shares?: SharedRandomResult[] } | undefined;
      if (message?.shares === undefined) throw new Error(`parallel random search: a worker thread failed: ${message?.error ?? 'no message'}`);
      return message.shares;
    });
    const byThread = [own, ...theirs];
    return merge(model, properties, byThread, failures, seed, (performance.now() - startedAt) / 1000);
  } finally {
    stopWorkers(workers);
  }
}

/** Runs this thread's share of every property's search, one `checkRandom` per property (each has its own first failure). */
export function shareOfProperties<S, A>(
  model: Model<S, A>,
  properties: readonly Property<S>[],
  options: RandomOptions,
  index: number,
  threads: number,
  failures: Int32Array,
  startedAt: number,
): SharedRandomResult[] {
  return properties.map((p, i) => {
    // `maxSeconds` bounds all the searches together, as in one checkRandom.
    const left = options.maxSeconds === undefined ? undefined : Math.max(1e-3, options.maxSeconds - (performance.now() - startedAt) / 1000);
    // Property i's schedules are dealt from thread i on, so that properties failing on their first schedules are shrunk on different threads.
    const share = new RunShare((index + i) % threads, threads, failures.subarray(i, i + 1));
    const { results, report } = checkRandom(model, [p], { ...options, ...(left !== undefined ? { maxSeconds: left } : {}) }, share);
    const r = results[0];
    if (r.verdict !== 'violated') return { result: r, report };
    const { initialIndex, steps, loopStart } = r.counterexample;
    const { counterexample: _, ...verdict } = r;
    return { result: verdict, path: { initialIndex, actionIndices: steps.map((s) => s.actionIndex), ...(loopStart !== undefined ? { loopStart } : {}) }, report };
  });
}

/** One result per property, taken from the thread that ran its first failing schedule; the report as one thread would give it. */
function merge<S, A>(model: Model<S, A>, properties: readonly Property<S>[], byThread: readonly SharedRandomResult[][], failures: Int32Array, seed: number, seconds: number): RandomCheckResult<S> {
  let runs = 0;
  let failure: Pick<RandomReport, 'property' | 'path' | 'runsToFailure' | 'lengths'> | undefined;
  const results = properties.map((_, p): PropertyResult<S> => {
    const first = RunShare.firstFailure(failures, p);
    if (first === undefined) {
      const all = byThread.map((shares) => shares[p]);
      const interrupted = all.find((s) => s.result.verdict === 'incomplete' && 'reason' in s.result && s.result.reason === 'interrupted');
      // Every schedule before the shortest share's end was run by some thread.
      const tried = Math.min(...all.map((s) => s.report.runs));
      runs += tried;
      return { ...(interrupted ?? all[0]).result, runs: tried } as PropertyResult<S>;
    }
    const threads = byThread.length;
    const winner = byThread[(((first - p) % threads) + threads) % threads][p];
    runs += first + 1;
    failure ??= { property: properties[p].name, path: winner.report.path, runsToFailure: first + 1, lengths: winner.report.lengths };
    const { initialIndex, actionIndices, loopStart } = winner.path!;
    const counterexample = replayPath(model, initialIndex, actionIndices, loopStart !== undefined ? { loopStart } : {});
    return { ...winner.result, verdict: 'violated', counterexample } as PropertyResult<S>;
  });
  return { results, report: { seed, runs, ...failure, seconds } };
}
