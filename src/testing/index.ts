/**
 * Test helpers for scenario authors: assertions that throw with a
 * readable counterexample, in any test runner.
 *
 * Layer: stands on `check` and `export` (and the `kernel` and `engine`
 * fronts), never on `cli`.
 */
export { expectHolds, expectViolates, type ExpectOptions } from './expect.js';
