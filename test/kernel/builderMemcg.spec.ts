import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { alloc, exit, kill, mutexLock, mutexUnlock, scenario, setLimit, waitOomEvent } from '../../src/kernel/builder.js';
import { loadScenarioFile } from '../../src/kernel/load/loadScenario.js';

const fixture = join(import.meta.dirname, 'load', 'fixtures', 'memcg.yaml');

describe('the scenario builder: memcgs, GFP masks, contexts, user-space ops', () => {
  test('op constructors make the ops of the file format, with only the fields given', () => {
    expect([alloc(1, { gfp: 'GFP_NOFS' }), alloc(2, { context: 'put_user' }), alloc(3, {}), waitOomEvent('grp'), kill('victim'), setLimit('grp', 8)]).toEqual([
      { op: 'alloc', pages: 1, gfp: 'GFP_NOFS' },
      { op: 'alloc', pages: 2, context: 'put_user' },
      { op: 'alloc', pages: 3 },
      { op: 'wait_oom_event', memcg: 'grp' },
      { op: 'kill', process: 'victim' },
      { op: 'set_limit', memcg: 'grp', pages: 8 },
    ]);
    expect(Object.keys(alloc(3, {}))).toEqual(['op', 'pages']);
  });

  test('it builds the same Scenario as the memcg fixture', () => {
    const built = scenario('memcg-handler')
      .describe('A writer in a memcg with oom_kill_disable allocates; a handler outside waits for the OOM event, kills it, raises the limit')
      .mutex('i_mutex')
      .memcg('grp', { limit: 4, oomKillDisable: true })
      .memcg('batch', { limit: 0, maxOvercharge: 2 })
      .memory({ free: 1, reserves: 1 })
      .process('writer', { pages: 3, memcg: 'grp' }, (p) =>
        p.thread('W', [
          mutexLock('i_mutex'),
          alloc(1, { gfp: 'GFP_NOFS | __GFP_NOFAIL' }),
          mutexUnlock('i_mutex'),
          alloc(1, { context: 'user-fault' }),
          alloc(1, { gfp: 'GFP_KERNEL', context: 'put_user' }),
        ]),
      )
      .process('handler', { pages: 1 }, (p) => p.thread('H', [waitOomEvent('grp'), kill('writer'), setLimit('grp', 8)]))
      .build();
    expect(built).toStrictEqual(loadScenarioFile(fixture));
  });

  test('build() checks memcgs, references and user mode like the loader', () => {
    const build = (): unknown =>
      scenario('s')
        .describe('d')
        .memory({ free: 0, reserves: 0 })
        .mutex('i_mutex')
        .memcg('grp', { limit: 2 })
        .process('victim', { pages: 3, memcg: 'grp' }, (p) =>
          p.thread('T', [mutexLock('i_mutex'), alloc(1, { context: 'user-fault' }), mutexUnlock('i_mutex'), setLimit('grp', 1), kill('victm'), exit()]),
        )
        .process('other', { pages: 0, memcg: 'gpr' }, (p) => p.thread('H', [alloc(1, { gfp: 'GFP_NOFS | __GFP_NORETRY | __GFP_NOFAIL' })]))
        .build();
    expect(build).toThrow(
      [
        // Reported in the order they are found (no lines to sort by): structure, memberships, operands, programs.
        "<builder>: at processes[1].threads[0].program[0].gfp: 'GFP_NOFS | __GFP_NORETRY | __GFP_NOFAIL': __GFP_NOFAIL cannot be combined with __GFP_NORETRY or __GFP_RETRY_MAYFAIL",
        "<builder>: at processes[1].memcg: no memcg named 'gpr' is declared in memcgs; did you mean 'grp'?",
        '<builder>: at memcgs[0].limit: limit 2 is below the starting usage 3 (pages of victim)',
        "<builder>: at processes[0].threads[0].program[3].pages: set_limit to 1 page would lower grp's limit of 2: only raising the limit is modelled",
        "<builder>: at processes[0].threads[0].program[4].process: no process named 'victm'; did you mean 'victim'?",
        '<builder>: at processes[0].threads[0].program[1]: a user page fault happens in user mode, but T holds i_mutex',
      ].join('\n'),
    );
  });
});
