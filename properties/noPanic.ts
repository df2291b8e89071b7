import { invariant } from '../src/engine/index.js';
import type { KernelProperty } from './kernelProperty.js';

/**
 * `no-panic`: the kernel never panics — neither "Out of memory and no
 * killable processes" nor a design's panic timeout (Tetsuo Handa's
 * "guaranteed last resort", which trades a livelock for a panic). Safety:
 * a shortest path to the panic.
 */
export const noPanic: KernelProperty = {
  name: 'no-panic',
  summary: 'the kernel never panics',
  build: () => [invariant('no-panic', (s) => !s.panicked)],
};
