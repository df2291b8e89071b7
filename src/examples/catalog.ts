import { alwaysEventually, deadlockFree, invariant, leadsTo, type Model, type Property } from '../engine/index.js';
import { busyWait } from './busyWait.js';
import { CRITICAL, peterson, type PetersonState } from './peterson.js';
import { eachPhilosopherEats, orderedPhilosophers } from './orderedPhilosophers.js';
import { philosophers } from './philosophers.js';
import { spinlock } from './spinlock.js';

/**
 * The engine's textbook models with their known answers: a quick way to
 * see the checker find (and not find) what it should. Expected verdicts
 * here are the classical results; the tests check them, with exact state
 * counts, and cross-check the counts against SPIN.
 */
// biome-ignore-start lint/suspicious/noExplicitAny: the catalog lists models of different state and action types side by side
export interface Example {
  readonly name: string;
  readonly description: string;
  readonly model: () => Model<any, any>;
  readonly properties: readonly Property<any>[];
  // biome-ignore-end lint/suspicious/noExplicitAny: see above
  /** Classical verdict per property name. */
  readonly expected: Readonly<Record<string, 'holds' | 'violated'>>;
}

const mutualExclusion = invariant<PetersonState>('mutual-exclusion', (s) => !(s.pc[0] === CRITICAL && s.pc[1] === CRITICAL));
const p0Enters = (fairness: 'none' | 'weak') =>
  leadsTo<PetersonState>(
    `p0-eventually-enters${fairness === 'none' ? '-unfair' : ''}`,
    (s) => s.pc[0] === 1,
    (s) => s.pc[0] === CRITICAL,
    fairness,
  );

/** Every example, in display order. */
export function examples(philosopherCount = 5): readonly Example[] {
  return [
    {
      name: 'peterson',
      description: "Peterson's mutual exclusion for two processes",
      model: () => peterson(),
      properties: [mutualExclusion, deadlockFree(), p0Enters('weak')],
      expected: { 'mutual-exclusion': 'holds', 'no-deadlock': 'holds', 'p0-eventually-enters': 'holds' },
    },
    {
      name: 'peterson-swapped',
      description: "Peterson's algorithm with turn set before flag (broken)",
      model: () => peterson({ swapped: true }),
      properties: [mutualExclusion, deadlockFree(), p0Enters('weak'), p0Enters('none')],
      expected: { 'mutual-exclusion': 'violated', 'no-deadlock': 'holds', 'p0-eventually-enters': 'holds', 'p0-eventually-enters-unfair': 'violated' },
    },
    {
      name: 'philosophers',
      description: `dining philosophers, N = ${philosopherCount}: left fork, right fork, put both down`,
      model: () => philosophers(philosopherCount),
      properties: [deadlockFree()],
      expected: { 'no-deadlock': 'violated' },
    },
    {
      name: 'philosophers-ordered',
      description: `dining philosophers, N = ${philosopherCount}, lower fork first (no deadlock), forks handed to a waiting neighbour: each eats infinitely often under weak fairness`,
      model: () => orderedPhilosophers(philosopherCount),
      properties: [deadlockFree(), ...eachPhilosopherEats(philosopherCount, 'weak')],
      expected: { 'no-deadlock': 'holds', ...Object.fromEntries(Array.from({ length: philosopherCount }, (_, i) => [`phil${i}-eats`, 'holds' as const])) },
    },
    {
      name: 'spinlock',
      description: 'two processes on a test-and-set spinlock: starvation is a fair cycle under weak, not strong, fairness',
      model: () => spinlock(),
      properties: [
        deadlockFree(),
        leadsTo<Int32Array>(
          'p0-eventually-acquires',
          (s) => s[0] === 0,
          (s) => s[0] === 1,
          'weak',
        ),
        leadsTo<Int32Array>(
          'p0-eventually-acquires-strong',
          (s) => s[0] === 0,
          (s) => s[0] === 1,
          'strong',
        ),
      ],
      expected: { 'no-deadlock': 'holds', 'p0-eventually-acquires': 'violated', 'p0-eventually-acquires-strong': 'holds' },
    },
    {
      name: 'busy-wait',
      description: 'a worker beside a busy-waiting poller: needs weak fairness to finish',
      model: () => busyWait(),
      properties: [alwaysEventually<Int32Array>('worker-finishes-unfair', (s) => s[0] === 1, 'none'), alwaysEventually<Int32Array>('worker-finishes', (s) => s[0] === 1, 'weak')],
      expected: { 'worker-finishes-unfair': 'violated', 'worker-finishes': 'holds' },
    },
  ];
}
