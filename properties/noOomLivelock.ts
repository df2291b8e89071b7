import { leadsTo, naming } from '../src/engine/index.js';
import { AllocStage, type KernelState } from '../src/kernel/index.js';
import type { KernelProperty } from './kernelProperty.js';

/**
 * `no-oom-livelock`: every task that enters an allocation's slow path —
 * the page allocator's, or a memcg charge over the limit, including a
 * user fault restarted after pagefault_out_of_memory() — eventually
 * leaves it — its allocation succeeds, or fails (a TIF_MEMDIE task whose
 * reserves do not suffice gets NULL; a GFP flag or design returns an
 * error) — or exits, under
 * strong fairness (see `KernelProperty`: runnable tasks run, lock waiters
 * do not starve; with `cpus`, among the tasks the scheduler would run, so
 * a task that never gets its CPU back may stay in the allocator). A panic
 * also ends it (see `no-panic`).
 * Checked per task as "in the slow path leads to out of it"; a violation
 * is a lasso whose fair cycle keeps the task in the allocator: looping on
 * the OOM killer that keeps aborting, or asleep forever there.
 */
export const noOomLivelock: KernelProperty = {
  name: 'no-oom-livelock',
  summary: 'every task in the allocator slow path eventually leaves it or exits (strong fairness)',
  fairness: 'strong',
  build: (model, fairness) =>
    model.layout.tasks.map((t, i) =>
      naming(
        leadsTo<KernelState>(
          `no-oom-livelock[${t.name}]`,
          (s) => s.tasks[i].alloc !== AllocStage.None,
          (s) => s.tasks[i].alloc === AllocStage.None || s.tasks[i].exited || s.panicked,
          fairness,
        ),
        [i],
      ),
    ),
};
