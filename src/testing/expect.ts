/**
 * Assertions for scenario tests, in any test runner: they throw an
 * {@link Error} with the (minimized) counterexample as a Markdown timeline
 * when the verdict is not the one asserted.
 *
 * ```ts
 * test('4.9 never livelocks on T1/T2/T3', () =>
 *   expectHolds('scenarios/tetsuo-t1-t2-t3.yaml', 'no-oom-livelock', { design: 'mmf-oom-skip' }));
 * test('the first reaper livelocks under his reading', () => {
 *   const trace = expectViolates('scenarios/tetsuo-t1-t2-t3.yaml', 'no-oom-livelock[H]', { design: 'reaper-slot', knobs: { exitTakesMmapSem: false } });
 *   expect(trace.steps.length).toBe(17);
 * });
 * ```
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Counterexample, Fairness } from '../engine/index.js';
import { version } from '../packageRoot.js';
import { jsonExporter, markdownTrace, traceDocument, type TraceDocument } from '../export/index.js';
import { checkScenario, type KernelVerdict } from '../check/index.js';
import { resolveDesign, type Design, loadScenarioFile, ScenarioError, type Scenario, type KernelState } from '../kernel/index.js';

/** How {@link expectHolds} and {@link expectViolates} check. */
export interface ExpectOptions {
  /**
   * A preset name or a resolved design. Default: the scenario's only
   * design (with its knobs); an Error if it lists none or several.
   */
  readonly design?: string | Design;
  /** Knob overrides on top of the preset (not with a resolved `design`). */
  readonly knobs?: Readonly<Record<string, unknown>>;
  /** `exhaustive` (default): BFS, proves "holds"; `random`: fast-check schedules, only finds violations. */
  readonly strategy?: 'exhaustive' | 'random';
  /** Random: schedules to try (default 1000). */
  readonly runs?: number;
  /** Random: steps per schedule at most (default 200). */
  readonly depth?: number;
  /** Random: the seed (default from the clock, printed in failures; fix it in tests). */
  readonly seed?: number;
  /** Liveness fairness (default: the property's own, strong). */
  readonly fairness?: Fairness;
  /** Exhaustive: stop after this many states (the verdict is then incomplete, a failure). */
  readonly maxStates?: number;
  /** Either strategy: seconds at most. */
  readonly maxSeconds?: number;
}

interface Outcome {
  readonly verdict: KernelVerdict;
  /** The failure message's first line: scenario, design, property, strategy. */
  readonly what: string;
  /** The Markdown timeline of the counterexample, if any. */
  readonly markdown?: string;
}

function scenarioOf(input: Scenario | string): { scenario: Scenario; file?: string } {
  if (typeof input !== 'string') return { scenario: input };
  try {
    return { scenario: loadScenarioFile(input), file: input };
  } catch (error) {
    if (error instanceof ScenarioError) throw new Error(error.format());
    throw error;
  }
}

function designOf(scenario: Scenario, options: ExpectOptions): Design {
  const knobs = options.knobs ?? {};
  if (typeof options.design === 'object') {
    if (options.knobs) throw new Error('expect: knobs cannot be applied to a resolved design; pass the preset name');
    return options.design;
  }
  if (typeof options.design === 'string') return resolveDesign(options.design, knobs);
  const listed = scenario.designs ?? [];
  if (listed.length !== 1) throw new Error(`expect: scenario ${scenario.name} lists ${listed.length} designs; name one with options.design`);
  return resolveDesign(listed[0].preset, { ...(listed[0].knobs ?? {}), ...knobs });
}

function outcome(input: Scenario | string, property: string, options: ExpectOptions): Outcome {
  const { scenario, file } = scenarioOf(input);
  const design = designOf(scenario, options);
  const fairness = options.fairness ? { fairness: options.fairness } : {};
  const strategy = options.strategy ?? 'exhaustive';
  const run =
    strategy === 'random'
      ? checkScenario(scenario, design, [property], {
          strategy: 'random',
          ...fairness,
          ...(options.runs !== undefined ? { runs: options.runs } : {}),
          ...(options.depth !== undefined ? { depth: options.depth } : {}),
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
          ...(options.maxSeconds !== undefined ? { maxSeconds: options.maxSeconds } : {}),
        })
      : checkScenario(scenario, design, [property], {
          ...fairness,
          ...(options.maxStates !== undefined ? { maxStates: options.maxStates } : {}),
          ...(options.maxSeconds !== undefined ? { maxSeconds: options.maxSeconds } : {}),
        });
  const verdict = run.verdicts[0];
  const search = run.strategy === 'random' ? `random, seed ${run.report.seed}, ${run.report.runs} runs` : `exhaustive, ${run.stats.states} states`;
  const what = `${property} in scenario ${scenario.name} under ${design.name} (${search})`;
  const markdown = verdict.counterexample ? explained(traceDocument(run, verdict, version(), file)) : undefined;
  return { verdict, what, ...(markdown !== undefined ? { markdown } : {}) };
}

/**
 * The Markdown timeline of a failing assertion, with its JSON trace
 * written to a fresh folder under the system's temporary folder so that
 * the Replay line names a file that exists.
 */
function explained(doc: TraceDocument): string {
  const file = join(mkdtempSync(join(tmpdir(), 'oomcheck-expect-')), `${doc.property.name.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  writeFileSync(file, jsonExporter.render(doc));
  return markdownTrace(doc, file);
}

/**
 * Asserts that `property` (a reference: `no-oom-livelock`, or
 * `no-oom-livelock[H]`) holds for `scenario` (a scenario or a file path)
 * under the design `options` names. Exhaustive (default): fails if it is
 * violated or the search is incomplete. Random: fails only if a violation
 * is found — finding none proves nothing.
 * @throws {Error} `expectHolds: … is violated …` with the counterexample's Markdown timeline
 */
export function expectHolds(scenario: Scenario | string, property: string, options: ExpectOptions = {}): void {
  const { verdict, what, markdown } = outcome(scenario, property, options);
  if (verdict.verdict === 'violated') {
    const steps = verdict.counterexample!.steps.length;
    throw new Error(`expectHolds: ${what} is violated as ${verdict.failing ?? property} in ${steps} steps:\n\n${markdown}`);
  }
  if (verdict.verdict === 'incomplete' && options.strategy !== 'random') {
    throw new Error(`expectHolds: ${what} is incomplete: a limit stopped the search before a verdict`);
  }
}

/**
 * Asserts that `property` is violated for `scenario` under the design
 * `options` names (exhaustive: a shortest counterexample; random: a
 * minimized one) and returns the counterexample for further assertions.
 * @throws {Error} `expectViolates: … holds` (or `… no violation found`) when none is found
 */
export function expectViolates(scenario: Scenario | string, property: string, options: ExpectOptions = {}): Counterexample<KernelState> {
  const { verdict, what } = outcome(scenario, property, options);
  if (verdict.verdict === 'violated') return verdict.counterexample!;
  throw new Error(`expectViolates: ${what}: ${verdict.verdict === 'holds' ? 'holds' : 'no violation found'}`);
}
