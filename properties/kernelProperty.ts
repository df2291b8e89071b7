import type { Fairness, Property } from '../src/engine/index.js';
import type { KernelModel, KernelState, PropertyName } from '../src/kernel/index.js';

/**
 * A kernel property: a name, what it means in kernel terms, and the engine
 * properties that check it on a given model (one per task for the per-task
 * ones). It is violated when any of them is; the first violated one's
 * counterexample is reported.
 *
 * Liveness defaults to strong fairness per actor. In the kernel model an
 * actor has no step exactly when it waits — on a mutex, an rwsem, oom_lock,
 * mmap_sem in exit_mm() — so strong fairness says: every task (and the
 * reaper) that can run eventually runs, and no waiter loses forever to
 * others on a lock that keeps being released. Weak fairness (`--fairness
 * weak`) also allows such lock starvation.
 *
 * In a scenario with `cpus` an actor also has no step while the scheduler
 * keeps it off its CPU (runnable actors of higher priority fill every CPU
 * it may use; `transitions/scheduler.ts`), and a sleeping task's only step
 * is its timer firing, which needs no CPU. So the fairness is among the
 * actors the scheduler would run: strong fairness says an actor offered a
 * CPU infinitely often eventually steps; one kept off its CPU in every
 * state of a cycle is owed nothing there (a SCHED_IDLE task behind
 * runnable fair tasks starves, as CVE-2016-10723's holder does).
 */
export interface KernelProperty {
  readonly name: PropertyName;
  /** One line, for tables and help. */
  readonly summary: string;
  /** Default fairness of its liveness checks (`undefined` for safety properties). */
  readonly fairness?: Fairness;
  /** The engine properties on `model`; `fairness` (liveness only) overrides the default. */
  readonly build: (model: KernelModel, fairness: Fairness) => readonly Property<KernelState>[];
}
