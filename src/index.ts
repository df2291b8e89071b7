/**
 * oomcheck's programming interface, the package's main entry
 * (`import { checkScenario } from 'oomcheck'`): load or build a
 * scenario, resolve a design, check it (exhaustively or at random),
 * export and replay its counterexamples. Test assertions live in
 * `oomcheck/testing`.
 *
 * Layer: beside the CLI at the top; re-exports the fronts below it.
 */
export {
  alloc,
  builtinScenarioDir,
  builtinScenarioFiles,
  defaultKnobs,
  DesignError,
  downRead,
  downWrite,
  exit,
  familyScenario,
  kernelModel,
  kill,
  knobSpecs,
  loadScenarioFile,
  loadScenarioText,
  mutexLock,
  mutexUnlock,
  presetNamed,
  presets,
  propertyNames,
  resolveDesign,
  scenario,
  ScenarioError,
  setLimit,
  t1t2t3Family,
  upRead,
  upWrite,
  waitOomEvent,
  type AllocOptions,
  type Design,
  type KernelModel,
  type KernelState,
  type Knobs,
  type Op,
  type ProcessBuilder,
  type PropertyName,
  type Scenario,
  type ScenarioBuilder,
  type SchedPolicy,
  type ThreadSched,
} from './kernel/index.js';
export { kernelProperties, kernelPropertyNamed, type KernelProperty } from '../properties/index.js';
export {
  checkScenario,
  replayTrace,
  type ExhaustiveCheckOptions,
  type ExhaustiveRun,
  type KernelVerdict,
  type RandomCheckOptions,
  type RandomRun,
  type RecordedTrace,
  type ReplayResult,
  type ScenarioCheckOptions,
  type ScenarioRun,
} from './check/index.js';
export { exporters, exportersFor, readTraceFile, readTraceText, traceDocument, TraceFileError, type Exporter, type ExportFormat, type TraceDocument } from './export/index.js';
export type { Counterexample, Fairness, SearchStats, RandomReport } from './engine/index.js';
export { version } from './packageRoot.js';
