import { invariant } from '../src/engine/index.js';
import type { KernelProperty } from './kernelProperty.js';

/**
 * `bounded-overcharge`: no memcg's usage ever exceeds its limit by more
 * than the scenario's `maxOvercharge` for it (default 0) — the runaway
 * seed 001 worries about when 4.19 forces a charge the OOM killer could
 * not make room for (OOM_FAILED), and the forced charges of dying tasks
 * and `__GFP_NOFAIL` (`memcgDyingCharge: force`). Charges bypassed to
 * the root memcg do not count. Safety (an invariant checked on every
 * state); the counterexample is a shortest path to the overcharge.
 */
export const boundedOvercharge: KernelProperty = {
  name: 'bounded-overcharge',
  summary: 'forced charges exceed a memcg limit by at most its maxOvercharge',
  build: (model) => [invariant('bounded-overcharge', (s) => model.layout.memcgs.every((m, i) => s.memcgs[i].usage <= s.memcgs[i].limit + m.maxOvercharge))],
};
