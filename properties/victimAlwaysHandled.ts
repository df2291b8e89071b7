import { leadsTo, naming } from '../src/engine/index.js';
import type { KernelState } from '../src/kernel/index.js';
import type { KernelProperty } from './kernelProperty.js';

/**
 * `victim-always-handled`: every OOM victim (a task marked TIF_MEMDIE)
 * eventually exits or has its mm reaped or torn down — Tetsuo Handa's
 * "the chain for reclaiming memory is never disconnected" (seed 002) —
 * under strong fairness (see `KernelProperty`; with `cpus`, among the
 * tasks the scheduler would run: a victim kept off its CPU need not
 * exit). A panic also ends it.
 * TIF_MEMDIE cleared without the memory coming back does not count.
 */
export const victimAlwaysHandled: KernelProperty = {
  name: 'victim-always-handled',
  summary: 'every TIF_MEMDIE victim eventually exits or has its mm reaped (strong fairness)',
  fairness: 'strong',
  build: (model, fairness) =>
    model.layout.tasks.map((t, i) =>
      naming(
        leadsTo<KernelState>(
          `victim-always-handled[${t.name}]`,
          (s) => s.tasks[i].memdie,
          (s) => {
            const mm = s.mms[model.layout.processes[t.process].mm];
            return s.tasks[i].exited || mm.reaped || mm.freed || s.panicked;
          },
          fairness,
        ),
        [i],
      ),
    ),
};
