/**
 * Loading scenario files: YAML or JSON text to a validated
 * {@link Scenario}, every problem reported with its path, line and column.
 */
export type { Scenario } from '../scenario.js';
export { loadScenarioFile, loadScenarioText } from './loadScenario.js';
export { formatProblem, ScenarioError, type ScenarioProblem } from './scenarioError.js';
export { validateScenario, type ValidationSource } from './validateScenario.js';
export { formatOfFile, parseDocument, type DocumentFormat, type ParsedDocument, type ParseOutcome, type Position } from './parseDocument.js';
export { formatPath, type Path } from './path.js';
export { countText, scenarioLimits, traceLimits, type DocumentLimits } from './documentLimits.js';
export { maxPages } from './readValues.js';
export { maxListedProblems } from './problems.js';
export { checkLockRef, lockKey, resolveLockRef, reservedLockNames, type DeclaredNames, type LockCheck, type LockId } from './lockRefs.js';
export { checkPropertyRef } from './propertyRefs.js';
export { isLockOp, isUserSpaceOp, lockEffects, opDescriptions, opNames, userSpaceOps, type LockEffect, type LockOpName, type OpName } from './ops.js';
export { allocContexts, describeOperands, minPages, opOperands, type OperandName, type OperandSpec } from './opOperands.js';
export { checkMemcgRef, type DeclaredMemcgs } from './memcgRefs.js';
export { scenarioSchema, type JsonSchema } from './scenarioSchema.js';
