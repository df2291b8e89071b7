/**
 * The engine's textbook models with known answers (Peterson, dining
 * philosophers, deadlock-free ones with a liveness property, a spinlock, a busy-wait loop), for `oomcheck examples`,
 * the SPIN cross-check and the benchmarks.
 *
 * Layer: imports the `engine` front only.
 */
export { examples } from './catalog.js';
export { EATING, eachPhilosopherEats, orderedPhilosophers, type OrderedPhilosophersOptions } from './orderedPhilosophers.js';
export { philosophers } from './philosophers.js';
