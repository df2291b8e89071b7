import { deadlockFree } from '../src/engine/index.js';
import type { KernelProperty } from './kernelProperty.js';

/**
 * `no-deadlock`: no reachable state in which nothing can move while some
 * task is unfinished — every unfinished task sleeps on a lock (or is
 * otherwise blocked) and the reaper has nothing it can do. A task is
 * finished once it has exited, or has run its program to the end without
 * a fatal signal, or is idle in user space waiting for a memcg OOM event
 * that has not fired (`wait_oom_event`: a handler with nothing to handle);
 * the reaper when it is idle; everything after a panic
 * (see `no-panic`). Safety: checked on every reachable state; the
 * counterexample is a shortest path.
 */
export const noDeadlock: KernelProperty = {
  name: 'no-deadlock',
  summary: 'never all unfinished tasks asleep with nothing able to move',
  build: () => [deadlockFree('no-deadlock')],
};
