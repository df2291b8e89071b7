/**
 * Checking scenarios: a scenario's kernel model under a design, the
 * engine properties of its property references, one search (exhaustive
 * or random) with one result type, and replay of recorded
 * counterexamples.
 *
 * Layer: imports `engine`, `kernel` and `properties` (their fronts) only;
 * `export`, `testing`, `bench` and `cli` stand on it.
 */
export { checkScenario, type ExhaustiveCheckOptions, type ExhaustiveRun, type RandomCheckOptions, type RandomRun, type ScenarioCheckOptions, type ScenarioRun } from './checkScenario.js';
export { buildChecks, enginePropertiesOf, verdictsOf, type PropertyCheck, type ScenarioChecks } from './propertyChecks.js';
export type { KernelVerdict } from './verdict.js';
export { coverageCounter, opsNeverRun, type Coverage, type CoverageCounter, type OpCoverage } from './coverage.js';
export { replayTrace, type Divergence, type RecordedTrace, type ReplayResult } from './replay.js';
export { reachChecks, reachResultsOf, type ReachCheck, type ReachResult } from './reachChecks.js';
