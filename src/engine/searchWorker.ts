// A worker thread of a parallel exhaustive search (see searchPool.ts and parallelBfs.ts): rebuilds the
// model from its source, then computes the batches the owner posts until told to stop.
import type { BuiltModel } from './modelSource.js';
import { planSearch } from './searchPlan.js';
import { batchAt, DONE, doneAt, EPOCH, READY, STOP, statusAt, countAt, TAKEN, type SearchWorkerData } from './searchPool.js';
import { SuccessorExpander } from './successors.js';
import { reportFailure } from './workerThread.js';

/** Entry point (called by the pool's bootstrap script): runs until the owner sets the stop flag. */
export async function runSearchWorker(data: SearchWorkerData): Promise<void> {
  const { control, inputs, outputs } = data;
  try {
    const module = (await import(data.source.module)) as Record<string, (data: unknown) => BuiltModel>;
    const factory = module[data.source.factory];
    if (typeof factory !== 'function') throw new Error(`${data.source.module} exports no function ${data.source.factory}`);
    const { model, properties } = factory(data.source.data);
    // Fairness does not change which predicates a search evaluates, only how liveness reads them.
    const plan = planSearch(properties, 'weak');
    if (plan.invariants.length !== data.invariantCount || plan.predicates.length !== data.predicateCount) {
      throw new Error(`the model source built ${plan.invariants.length} invariants and ${plan.predicates.length} predicates, the search has ${data.invariantCount} and ${data.predicateCount}`);
    }
    const expander = new SuccessorExpander(model, { invariants: plan.invariants, predicates: plan.predicates, checkDeadlock: data.checkDeadlock });
    const slots = inputs.length;
    for (;;) {
      if (Atomics.load(control, STOP) === 1) return;
      const epoch = Atomics.load(control, EPOCH);
      // The oldest ready batch: the owner merges batches in order.
      let oldest = -1;
      for (let s = 0; s < slots; s++) {
        if (Atomics.load(control, statusAt(s)) === READY && (oldest < 0 || control[batchAt(s)] < control[batchAt(oldest)])) oldest = s;
      }
      const taken = oldest >= 0 && Atomics.compareExchange(control, statusAt(oldest), READY, TAKEN) === READY ? oldest : -1;
      if (oldest >= 0 && taken < 0) continue;
      if (taken < 0) {
        Atomics.wait(control, EPOCH, epoch);
        continue;
      }
      Atomics.store(control, doneAt(taken), expander.expand(inputs[taken], 0, Atomics.load(control, countAt(taken)), outputs[taken]));
      Atomics.store(control, statusAt(taken), DONE);
      Atomics.notify(control, statusAt(taken));
    }
  } catch (error) {
    reportFailure(data, error);
  }
}
