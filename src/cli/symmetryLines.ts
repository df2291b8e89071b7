import type { ExhaustiveRun } from '../check/index.js';
import { interchangeableTasks, isPerTaskProperty, parsePropertyRef } from '../kernel/index.js';

/** `{D1, D2} {E1, E2}`: classes of tasks by name. */
const classesText = (run: ExhaustiveRun, classes: readonly number[][]): string => classes.map((c) => `{${c.map((t) => run.model.layout.tasks[t].name).join(', ')}}`).join(' ');

/**
 * Why a search that could have used symmetry stored every state: the
 * scenario has interchangeable tasks, but a property checked names them
 * (`no-oom-livelock` names every task, `no-oom-livelock[H]` names H) and
 * a search keeps every task a property names in place. `undefined` when
 * the scenario has no interchangeable tasks (or some stayed so).
 */
function noSymmetryLine(run: ExhaustiveRun): string | undefined {
  const classes = interchangeableTasks(run.model.layout, []);
  if (classes.length === 0) return undefined;
  const members = new Set(classes.flat().map((t) => run.model.layout.tasks[t].name));
  const everyTask: string[] = [];
  const oneTask: string[] = [];
  for (const { property } of run.verdicts) {
    const { property: base, thread } = parsePropertyRef(property);
    if (!isPerTaskProperty(base)) continue;
    if (thread === undefined) everyTask.push(base);
    else if (members.has(thread)) oneTask.push(`${property} names ${thread}`);
  }
  const list = (names: readonly string[]) => (names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);
  const reasons = [...(everyTask.length === 0 ? [] : [`${list(everyTask)} ${everyTask.length === 1 ? 'names' : 'name'} every task`]), ...oneTask];
  return `  ${run.scenario.name} under ${run.design.name}: none — ${reasons.join('; ')} (otherwise interchangeable: tasks ${classesText(run, classes)})`;
}

/**
 * The lines saying what symmetry reduced, one per search that used it:
 * which tasks were interchangeable, the group's order and the states
 * stored (one per orbit); and, unless `symmetryOff` (--no-symmetry, or an
 * observer that sees every state), one per search whose scenario has
 * interchangeable tasks that the properties checked name, so that it
 * reduced nothing. Empty when no scenario has interchangeable tasks.
 */
export function symmetryLines(runs: readonly ExhaustiveRun[], symmetryOff = false): string[] {
  const reduced = runs.flatMap((run) => {
    const symmetry = run.stats.symmetry;
    if (symmetry === undefined) return [];
    return [`  ${run.scenario.name} under ${run.design.name}: ${symmetry.description} interchangeable (a group of ${symmetry.order}); ${run.stats.states} states stored, one per orbit`];
  });
  const none = symmetryOff ? [] : runs.flatMap((run) => (run.stats.symmetry === undefined ? (noSymmetryLine(run) ?? []) : []));
  return [
    ...(reduced.length === 0 ? [] : ['Symmetry (one state stored per orbit; --no-symmetry stores them all, with the same verdicts):', ...reduced]),
    ...(none.length === 0 ? [] : ['Symmetry: none where a property names the interchangeable tasks (a search keeps them in place; --property NAME[TASK] names one task):', ...none]),
  ];
}
