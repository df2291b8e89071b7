/**
 * The generic checking engine: models, properties, exhaustive BFS with
 * safety and liveness (under fairness), results. Knows nothing of kernels.
 *
 * Layer: the bottom one; imports nothing of oomcheck's. Every other layer
 * uses only this front.
 */
export type { Model, StateCodec } from './model.js';
export { bitPackedCodec, int32VectorCodec, integerCodec } from './codec.js';
export { PackedLayout } from './packedLayout.js';
export {
  alwaysEventually,
  deadlockFree,
  invariant,
  actorsNamed,
  isLiveness,
  leadsTo,
  naming,
  type AlwaysEventually,
  type DeadlockFree,
  type Fairness,
  type Invariant,
  type LeadsTo,
  type LivenessProperty,
  type Predicate,
  type Property,
  type SafetyProperty,
} from './property.js';
export type {
  CheckResult,
  Counterexample,
  Holds,
  Incomplete,
  PropertyResult,
  SearchStats,
  StopReason,
  TraceStep,
  Violated,
} from './result.js';
export { check, type CheckOptions } from './checker.js';
export { explore, type Exploration, type ExploreOptions, type ExploreRequest } from './bfs.js';
export { combineObservers, type ExploreObserver } from './observer.js';
export { defaultMaxMemoryBytes, type Limits } from './limits.js';
export type { Progress, ProgressListener } from './progress.js';
export { collisionProbability, fingerprint } from './fingerprint.js';
export { NondeterminismError, replayPath, storedPathTo } from './trace.js';
export { checkRandom } from './random.js';
export { composePermutations, identityPermutation, invertPermutation, type ActorPermutation, type Symmetry } from './symmetry.js';
export { concreteActionIndices } from './concreteTrace.js';
export { isViolating, minimizeCounterexample } from './minimize.js';
export type { JudgedCounterexample, RandomCheckResult, RandomOptions, RandomReport } from './randomTypes.js';
export { exploreParallel } from './parallelBfs.js';
export { checkRandomParallel } from './parallelRandom.js';
export { planSearch, type SearchPlan } from './searchPlan.js';
export type { BuiltModel, ModelSource, ParallelSearch } from './modelSource.js';
