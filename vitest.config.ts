import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Timeouts that hold on a busy 2-core machine. Measured with two copies of the suite running at once
 * beside other work (load average 5-7 on 2 cores): the slowest test took 29 s (test/kernel/family.spec.ts,
 * the 4:2 state counts), and five tests took 5-12 s and failed at vitest's 5 s default. The timeouts are
 * about 4x the worst seen, and tests do not set their own: this file is the one place for them.
 */
const timeout = 120_000;

export default defineConfig({
  test: {
    // What vitest picked up by default: the specs under test/, including the *.browser.spec.ts ones
    // (skipped without Chromium). Naming the folder keeps stale compiled tests anywhere else out.
    include: ['test/**/*.spec.ts'],
    testTimeout: timeout,
    hookTimeout: timeout,
    // The tests are CPU-bound model checking. Workers: one fewer than the cores (vitest's own default for
    // `run`, made explicit), so a single worker on 2 cores. Measured with two suites at once on a loaded
    // 2-core machine: 1 worker each, slowest test 29 s, 4m55s wall; 2 workers each, slowest 85 s, 6m46s wall.
    // Forks, not threads: each file gets a whole process, so a slow file cannot starve another's event loop.
    pool: 'forks',
    maxWorkers: Math.max(1, availableParallelism() - 1),
  },
});
