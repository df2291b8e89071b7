import type { ExploreObserver } from '../engine/index.js';
import { opText, type KernelAction, type KernelModel, type KernelState, type StepEvent } from '../kernel/index.js';

/** How many explored transitions ran one operation of a task's program. */
export interface OpCoverage {
  /** The task's name. */
  readonly task: string;
  /** The operation's index in the task's program (`program[pc]`). */
  readonly pc: number;
  /** The operation as traces write it: `mutex_lock(i_mutex)`. */
  readonly text: string;
  /** Transitions the task took with its pc at this operation. */
  readonly transitions: number;
  /** The task starts past this operation (`start.pc`): it cannot run, by design. */
  readonly beforeStart: boolean;
}

/**
 * What an exhaustive search exercised: every explored transition counted
 * once (transitions into states already seen included).
 */
export interface Coverage {
  /** Transitions counted: the search's `transitions`. */
  readonly transitions: number;
  /** Per kind of step event, the transitions with at least one event of that kind, in order of first appearance. */
  readonly stepKinds: readonly { readonly kind: StepEvent['kind']; readonly transitions: number }[];
  /** Every operation of every task's program, in task order then program order. */
  readonly ops: readonly OpCoverage[];
  /** Per task (by name), transitions taken past the end of its program (an exit on SIGKILL); tasks with none left out. */
  readonly afterProgram: readonly { readonly task: string; readonly transitions: number }[];
  /** Transitions of the oom_reaper kthread. */
  readonly reaper: number;
}

/** Collects a {@link Coverage} while a search runs: pass `observe` as the search's `observe`, read `coverage()` after. */
export interface CoverageCounter {
  readonly observe: (model: KernelModel) => ExploreObserver<KernelState, KernelAction>;
  /** @throws {Error} if no search was observed. */
  coverage(): Coverage;
}

/**
 * A coverage counter for one search. A task's transition counts for the
 * operation at its pc when it moves — an allocation's whole slow path,
 * retries and OOM kill included, counts for its `alloc`; a SIGKILLed
 * task's exit counts for the operation it was at. Step kinds come from the
 * typed step events (`KernelModel.stepEvents`), recomputed per transition,
 * so only a search that asks for coverage pays for them.
 */
export function coverageCounter(): CoverageCounter {
  let model: KernelModel | undefined;
  let perTask: number[][] = [];
  let reaper = 0;
  let transitions = 0;
  const kinds = new Map<StepEvent['kind'], number>();
  const seenKinds = new Set<StepEvent['kind']>();
  return {
    observe(m) {
      model = m;
      // One counter per op, and one past the end (a SIGKILLed task's exit after its program).
      perTask = m.layout.tasks.map((t) => new Array<number>(t.program.length + 1).fill(0));
      return {
        onTransition(_from, state, action, actor) {
          transitions++;
          if (actor === m.reaperActor) reaper++;
          else perTask[actor][Math.min(state.tasks[actor].pc, perTask[actor].length - 1)]++;
          seenKinds.clear();
          for (const e of m.stepEvents(state, action)) {
            if (seenKinds.has(e.kind)) continue;
            seenKinds.add(e.kind);
            kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
          }
        },
      };
    },
    coverage() {
      if (model === undefined) throw new Error('coverageCounter: no search was observed');
      const { layout } = model;
      const initial = model.initialStates()[0];
      return {
        transitions,
        stepKinds: [...kinds].map(([kind, n]) => ({ kind, transitions: n })),
        ops: layout.tasks.flatMap((t, ti) => t.program.map((op, pc) => ({ task: t.name, pc, text: opText(layout, op), transitions: perTask[ti][pc], beforeStart: pc < initial.tasks[ti].pc }))),
        afterProgram: layout.tasks.map((t, ti) => ({ task: t.name, transitions: perTask[ti][t.program.length] })).filter((a) => a.transitions > 0),
        reaper,
      };
    },
  };
}

/** The operations that never ran and could have (not before their task's start): each a modelling mistake, most likely. */
export function opsNeverRun(coverage: Coverage): OpCoverage[] {
  return coverage.ops.filter((op) => op.transitions === 0 && !op.beforeStart);
}
