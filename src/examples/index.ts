/**
 * The engine's textbook models with known answers (Peterson, dining
 * philosophers, a spinlock, a busy-wait loop), for `oomcheck examples`,
 * the SPIN cross-check and the benchmarks.
 *
 * Layer: imports the `engine` front only.
 */
export { examples } from './catalog.js';
export { philosophers } from './philosophers.js';
