import type { ExhaustiveRun } from '../check/index.js';

/**
 * The lines saying what symmetry reduced, one per search that used it:
 * which tasks were interchangeable, the group's order and the states
 * stored (one per orbit). Empty when no search had interchangeable tasks.
 */
export function symmetryLines(runs: readonly ExhaustiveRun[]): string[] {
  const lines = runs.flatMap((run) => {
    const symmetry = run.stats.symmetry;
    if (symmetry === undefined) return [];
    return [`  ${run.scenario.name} under ${run.design.name}: ${symmetry.description} interchangeable (a group of ${symmetry.order}); ${run.stats.states} states stored, one per orbit`];
  });
  return lines.length === 0 ? [] : ['Symmetry (one state stored per orbit; --no-symmetry stores them all, with the same verdicts):', ...lines];
}
