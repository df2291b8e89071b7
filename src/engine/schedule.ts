import type { Execution } from './execution.js';
import type { ViolationJudge } from './violationJudge.js';

/**
 * A schedule: which initial state, then which enabled action at each step,
 * both as free numbers taken modulo the number of choices. Free numbers
 * keep every schedule executable in every model, so fast-check can shrink
 * them (shorter arrays, smaller numbers) without knowing the model; 0
 * everywhere means "always the first choice".
 */
export interface Schedule {
  readonly initial: number;
  readonly choices: readonly number[];
}

/** Where a run violated the property: the steps of the counterexample and, for a lasso, where its cycle starts. */
export interface Finding {
  readonly steps: number;
  readonly loopStart?: number;
}

/**
 * Executes `schedule` into `run` and returns the first violation of the
 * judge's property along it, or `undefined`. The run stops early at a
 * state with no enabled action. Checked at every position `k`:
 * - safety: the state at `k` (invariant, or deadlock when terminal);
 * - liveness: every cycle closing at `k` (an earlier position with the same
 *   state, most recent first, so the shortest cycle wins), and a terminal
 *   state's stuttering.
 */
export function executeSchedule<S, A>(run: Execution<S, A>, judge: ViolationJudge<S>, schedule: Schedule): Finding | undefined {
  run.start(schedule.initial % run.model.initialStates().length);
  const liveness = judge.isLiveness;
  for (let k = 0; ; k++) {
    if (liveness) {
      for (const i of run.earlierTwins(k)) if (judge.lassoViolates(run, i, k)) return { steps: k, loopStart: i };
      if (run.isTerminal(k) && judge.lassoViolates(run, k, k)) return { steps: k, loopStart: k };
    } else if (judge.safetyViolatedAt(run, k)) {
      return { steps: k };
    }
    if (k === schedule.choices.length || run.isTerminal(k)) return undefined;
    run.take(schedule.choices[k] % run.enabledCounts[k]);
  }
}
