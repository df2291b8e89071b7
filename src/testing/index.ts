/** Test helpers for scenario authors: assertions that throw with a readable counterexample, in any test runner. */
export { expectHolds, expectViolates, type ExpectOptions } from './expect.js';
