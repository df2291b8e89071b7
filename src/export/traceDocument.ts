import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Fairness } from '../engine/index.js';
import type { Counterexample } from '../engine/index.js';
import type { KernelVerdict, ReachResult, ScenarioRun } from '../check/index.js';
import { type Knobs, type Scenario, layoutOf, parsePropertyRef, plainState, reachRef, type KernelState } from '../kernel/index.js';
import { slowPathName } from './taskSituation.js';

/**
 * Version of the trace document format (`schema/trace.schema.json`).
 * 2 added memory cgroups and GFP flags: the task fields `charged` and
 * `inFault`, the state's `memcgs` and `spuriousError` (and the scenario's
 * `memcgs`, `memcg`, `gfp`, `context` and user-space operations). 3
 * added the exit knobs (`dyingCurrentShortcut`, …) and the scenario's
 * `exit_mm` operation; its states are version 2's. 4 added the
 * `exitMmap` knob, the mm field `exitMmap` and the task field
 * `reapedSinceAttempt` (and the `memcgOomLock` and `oomLockHolderSleeps`
 * knobs). 5 added the `selectTieBreak` knob; its states are version 4's.
 * Versions 1 to 4 still read (see `readHeader`).
 */
export const TRACE_SCHEMA_VERSION = 5;

/** One step of a trace: who moved and what it did, in kernel words. */
export interface TraceDocumentStep {
  /** Actor name: a task, or `oom_reaper`. */
  readonly actor: string;
  /** Actor index in {@link TraceDocument.actors}. */
  readonly actorIndex: number;
  /** What the step did, e.g. `out_of_memory(); select_bad_process() aborts: T2 has TIF_MEMDIE; mutex_unlock(&oom_lock)`. */
  readonly label: string;
}

/**
 * A counterexample with everything needed to read, replay and share it:
 * the scenario (path, content hash and content), the design's knobs, the
 * property, the actors, every state (`states[0]` initial; `steps[i]` leads
 * from `states[i]` to `states[i + 1]`), and for a lasso the state where
 * its cycle starts. Exporters (JSON, ITF, Markdown, Mermaid, HTML) render
 * it; `replay` re-executes it.
 */
export interface TraceDocument {
  readonly schemaVersion: typeof TRACE_SCHEMA_VERSION;
  readonly tool: { readonly name: 'oomcheck'; readonly version: string };
  readonly scenario: {
    readonly name: string;
    /** The file it was loaded from, if any (as given on the command line). */
    readonly file?: string;
    /** sha256 of the file's bytes (or of the scenario's JSON when built in code). */
    readonly sha256: string;
    /** The validated scenario, so the trace replays without the file. */
    readonly content: Scenario;
  };
  readonly design: { readonly name: string; readonly preset: string; readonly knobs: Knobs };
  readonly property: {
    /** The property reference checked, e.g. `no-oom-livelock` or `no-oom-livelock[H]`. */
    readonly name: string;
    /** The engine property that failed, e.g. `no-oom-livelock[H]`. */
    readonly failing: string;
    /** `safety` (a path to a bad state) or `liveness` (a lasso). */
    readonly kind: 'safety' | 'liveness';
    readonly fairness?: Fairness;
    /**
     * Set on a witness of a reach query rather than a counterexample
     * (`name` is `reach[NAME]`, the invariant "not condition"): the path
     * leads to a state where this condition holds (canonical text).
     */
    readonly condition?: string;
  };
  /** Task names in scenario order, then `oom_reaper`. */
  readonly actors: readonly string[];
  readonly states: readonly KernelState[];
  readonly steps: readonly TraceDocumentStep[];
  /** Index in `states` where the cycle starts (lassos only); equal to `steps.length` when the last state stutters. */
  readonly loop?: number;
  /** Why this is a violation (for a witness: what it reaches), in plain language. */
  readonly summary: string;
}

/** sha256 (hex) of a file's bytes. */
export function fileSha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * The plain-language reason a trace violates its property, from the
 * document's own fields (failing property, states, loop, fairness,
 * actors) — so a reader can recompute it instead of trusting the
 * `summary` a file carries.
 */
export function summaryOf(doc: Pick<TraceDocument, 'property' | 'actors' | 'states' | 'steps' | 'loop'>): string {
  const { failing, condition } = doc.property;
  const n = doc.steps.length;
  if (condition !== undefined) return `Reachable in ${n} step${n === 1 ? '' : 's'}: ${n === 0 ? 'in the initial state' : `after step ${n}`}, ${condition}.`;
  const actors = doc.actors;
  const { property: base, thread: task } = parsePropertyRef(failing);
  const steps = doc.steps.length;
  const loopStart = doc.loop;
  if (loopStart === undefined) {
    const what: Record<string, string> = {
      'no-deadlock': 'every unfinished task is asleep and nothing can move: a deadlock',
      'no-needless-kill':
        "the OOM killer kills although an earlier victim's memory is about to be reaped (reaping) or is being torn down by its last user (tearing-down), or the reaper freed what it needs after its last attempt (reaped-in-window)",
      'no-kill-after-race': 'the OOM killer kills although the memory it needs came back after its last attempt',
      'no-panic': 'the kernel panics',
      'no-spurious-enomem': 'a system call or put_user() fails only because of a memcg OOM (a spurious -ENOMEM or -EFAULT)',
      'bounded-overcharge': "forced charges put a memcg's usage more than its maxOvercharge over its limit",
    };
    return `After ${steps} step${steps === 1 ? '' : 's'} ${what[base] ?? `${failing} fails`}.`;
  }
  const cycle = steps - loopStart;
  const forever =
    cycle === 0
      ? 'nothing can move any more, and it stays that way'
      : `${cycle === 1 ? 'the last step repeats' : `the last ${cycle} steps repeat`} forever, a fair cycle (${doc.property.fairness ?? 'strong'} fairness: every task and the reaper that can run keeps running)`;
  const looper = actors.indexOf(task ?? '');
  const loopState = doc.states[loopStart];
  const where = looper === -1 ? 'the page allocator' : slowPathName(loopState.tasks[looper].alloc);
  const what: Record<string, string> = {
    'no-oom-livelock': `${task} stays in ${where} forever: an OOM livelock`,
    'victim-always-handled': `${task} is an OOM victim (TIF_MEMDIE) that never exits and whose memory is never reaped`,
    'no-reaper-lockup': 'the OOM reaper never goes idle',
  };
  return `After ${loopStart} step${loopStart === 1 ? '' : 's'}, ${forever}; ${what[base] ?? `${failing} fails`}.`;
}

/**
 * The trace document of one violated property of a run (any strategy: only
 * its scenario, design and model are read). `file` is the
 * scenario file the run was loaded from (its hash is recorded), if any;
 * `recordedAs` is how the document names it (a built-in scenario is
 * named relative to the package, so the trace does not depend on where
 * oomcheck is installed), `file` by default.
 */
export function traceDocument(run: Pick<ScenarioRun, 'scenario' | 'design' | 'model'>, verdict: KernelVerdict, version: string, file?: string, recordedAs: string | undefined = file): TraceDocument {
  const trace = verdict.counterexample;
  if (!trace) throw new Error(`traceDocument: ${verdict.property} has no counterexample`);
  return documentOf(run, trace, verdict, version, file, recordedAs);
}

/**
 * The trace document of a reach query's witness (the `reachable` answer
 * of `reach`): written as a counterexample of the invariant "not
 * CONDITION" is, named `reach[NAME]`, with `property.condition` set so
 * that every format titles it as a witness and replay checks it.
 */
export function witnessDocument(run: Pick<ScenarioRun, 'scenario' | 'design' | 'model'>, reach: ReachResult, version: string, file?: string, recordedAs: string | undefined = file): TraceDocument {
  if (!reach.witness) throw new Error(`witnessDocument: ${reachRef(reach.name)} has no witness`);
  return documentOf(run, reach.witness, { property: reachRef(reach.name) }, version, file, recordedAs, reach.condition);
}

/** The document of `trace` for `verdict`'s property (a witness's when `witness` is given). */
function documentOf(
  run: Pick<ScenarioRun, 'scenario' | 'design' | 'model'>,
  trace: Counterexample<KernelState>,
  verdict: Pick<KernelVerdict, 'property' | 'failing' | 'fairness'>,
  version: string,
  file: string | undefined,
  recordedAs: string | undefined,
  condition?: string,
): TraceDocument {
  const sha256 = file ? fileSha256(file) : createHash('sha256').update(JSON.stringify(run.scenario)).digest('hex');
  const liveness = trace.loopStart !== undefined;
  const actors = run.model.actorNames;
  const doc: Omit<TraceDocument, 'summary'> = {
    schemaVersion: TRACE_SCHEMA_VERSION,
    tool: { name: 'oomcheck', version },
    scenario: { name: run.scenario.name, ...(recordedAs ? { file: recordedAs } : {}), sha256, content: run.scenario },
    design: { name: run.design.name, preset: run.design.preset, knobs: run.design.knobs },
    property: {
      name: verdict.property,
      failing: verdict.failing ?? verdict.property,
      kind: liveness ? 'liveness' : 'safety',
      ...(liveness && verdict.fairness ? { fairness: verdict.fairness } : {}),
      ...(condition !== undefined ? { condition } : {}),
    },
    actors,
    states: [trace.initial, ...trace.steps.map((s) => s.state)],
    steps: trace.steps.map((s) => ({ actor: s.actor, actorIndex: actors.indexOf(s.actor), label: s.action })),
    ...(liveness ? { loop: trace.loopStart } : {}),
  };
  return { ...doc, summary: summaryOf(doc) };
}

/** The document's states as readable plain data (tasks, locks, memory, reaper), for the human formats. */
export function readableStates(doc: TraceDocument): Record<string, unknown>[] {
  const layout = layoutOf(doc.scenario.content);
  return doc.states.map((s) => plainState(layout, s, doc.design.knobs));
}

/** What a trace shows, for titles: `no-oom-livelock[H] violated`, or for a witness `reach[NAME] reachable in 7 steps`. */
export function traceTitle(doc: Pick<TraceDocument, 'property' | 'steps'>): string {
  if (doc.property.condition === undefined) return `${doc.property.name} violated`;
  return `${doc.property.name} reachable in ${doc.steps.length} step${doc.steps.length === 1 ? '' : 's'}`;
}
