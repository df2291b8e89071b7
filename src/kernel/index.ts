/**
 * The kernel model: scenarios (their format, loader and builder), designs
 * (knobs and presets), the state and its transitions, and the model the
 * engine explores. Callers outside the kernel use only this front.
 *
 * Layer: imports the `engine` front and the leaf `packageRoot` only;
 * `properties`, `check`, `export`, `testing`, `bench` and `cli` stand on it.
 */
export { builtinScenarioDir, builtinScenarioFiles } from './builtins.js';
export {
  alloc,
  downRead,
  downWrite,
  exit,
  kill,
  mutexLock,
  mutexUnlock,
  scenario,
  setLimit,
  upRead,
  upWrite,
  waitOomEvent,
  type AllocOptions,
  type ProcessBuilder,
  type ScenarioBuilder,
  type ThreadSched,
} from './builder.js';
export { DesignError, resolveDesign, type Design } from './design/design.js';
export { describeValues, knobAccepts } from './design/knob.js';
export { defaultKnobs, knobNamed, knobSpecs, type KnobName, type Knobs } from './design/knobs/index.js';
export { presetNamed, presets } from './design/presets/index.js';
export { presetRelease, type Preset, type PresetCommit } from './design/preset.js';
export { kernelNames, type KernelNames } from './transitions/kernelNames.js';
export { familyForms, familyScenario } from './family/familyScenario.js';
export { t1t2t3Family } from './family/t1t2t3Family.js';
export { layoutOf, type Layout } from './layout.js';
export { loadScenarioFile, loadScenarioText } from './load/loadScenario.js';
export { parseDocument, type Position } from './load/parseDocument.js';
export { countText, scenarioLimits, traceLimits, traceLimitsFor, type DocumentLimits } from './load/documentLimits.js';
export { formatPath, type Path } from './load/path.js';
export { formatProblem, problemAt, ScenarioError, type ScenarioProblem } from './load/scenarioError.js';
export { schemaParts, type JsonSchema } from './load/jsonSchema.js';
export { scenarioSchema } from './load/scenarioSchema.js';
export { closest, suggestion } from './load/suggest.js';
export { validateScenario } from './load/validateScenario.js';
export { kernelModel, type KernelAction, type KernelModel } from './model.js';
export { isUserSpaceOp, operandsOf } from './ops/index.js';
export { allocExtras, opText } from './opText.js';
export { plainState } from './plainState.js';
export { isPerTaskProperty, parsePropertyRef, perTaskPropertyNames, propertyNames, type PropertyName, type PropertyRef } from './propertyNames.js';
export type { Op, ProcessSpec, Scenario, SchedPolicy, ThreadSpec } from './scenario.js';
export { AllocStage, ExitMmapStage, type KernelState } from './state.js';
export { interchangeableTasks, kernelSymmetry, permuteState } from './symmetry.js';
export { blockedOn, inChargePath, taskInUserMode, type LockWait } from './taskSituation.js';
export { lockName, pagesText } from './transitions/step.js';
export { labelOf, type Lane, type StepEvent, type StepEventOf } from './transitions/stepEvent.js';
export { taskFinished } from './transitions/taskStep.js';
export { tasksNotScheduled } from './transitions/scheduler.js';
export { hasMm, pastExitMm } from './transitions/exit.js';
export { waitsForOomEvent } from './transitions/userspace.js';
export { visibleText } from './visibleText.js';
export { atomPattern, atomSpecs, type AtomSpec } from './reach/atoms.js';
export { compileCondition } from './reach/compileCondition.js';
export type { Condition, ConditionNames, ConditionProblem, ParsedCondition } from './reach/condition.js';
export { conditionText } from './reach/conditionText.js';
export { parseCondition } from './reach/parseCondition.js';
export { conditionNamesOf, parseReachCondition, reachRef } from './reach/reachQuery.js';
export type { ReachAnswer, ReachQuery } from './scenario.js';
