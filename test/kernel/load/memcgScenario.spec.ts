import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadScenarioFile } from '../../../src/kernel/load/loadScenario.js';
import type { Scenario } from '../../../src/kernel/scenario.js';

/** What `fixtures/memcg.yaml` loads to, written out field by field: only the fields given, gfp as written. */
const expectedMemcgFixture: Scenario = {
  name: 'memcg-handler',
  description: 'A writer in a memcg with oom_kill_disable allocates; a handler outside waits for the OOM event, kills it, raises the limit',
  locks: [{ name: 'i_mutex', kind: 'mutex' }],
  memcgs: [
    { name: 'grp', limit: 4, oomKillDisable: true },
    { name: 'batch', limit: 0, maxOvercharge: 2 },
  ],
  memory: { free: 1, reserves: 1 },
  processes: [
    {
      name: 'writer',
      memcg: 'grp',
      pages: 3,
      threads: [
        {
          name: 'W',
          program: [
            { op: 'mutex_lock', lock: 'i_mutex' },
            { op: 'alloc', pages: 1, gfp: 'GFP_NOFS | __GFP_NOFAIL' },
            { op: 'mutex_unlock', lock: 'i_mutex' },
            { op: 'alloc', pages: 1, context: 'user-fault' },
            { op: 'alloc', pages: 1, gfp: 'GFP_KERNEL', context: 'put_user' },
          ],
        },
      ],
    },
    {
      name: 'handler',
      pages: 1,
      threads: [
        {
          name: 'H',
          program: [
            { op: 'wait_oom_event', memcg: 'grp' },
            { op: 'kill', process: 'writer' },
            { op: 'set_limit', memcg: 'grp', pages: 8 },
          ],
        },
      ],
    },
  ],
};

describe('a scenario with memcgs, GFP masks, allocation contexts and user-space ops', () => {
  test('loads to exactly the fields written', () => {
    expect(loadScenarioFile(join(import.meta.dirname, 'fixtures', 'memcg.yaml'))).toStrictEqual(expectedMemcgFixture);
  });
});
