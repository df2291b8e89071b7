import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  atomPattern,
  atomSpecs,
  compileCondition,
  conditionText,
  kernelModel,
  loadScenarioFile,
  parseCondition,
  parseReachCondition,
  resolveDesign,
  type ConditionNames,
  type KernelState,
} from '../../../src/kernel/index.js';

const names = { tasks: ['T1', 'T2', 'T3', 'H'], processes: ['victim', 'holder'], mutexes: ['i_mutex'], memcgs: ['A'] };

/** The canonical text of `text` parsed, or `column N: message`. */
function parsed(text: string, with_: ConditionNames = names): string {
  const r = parseCondition(text, with_);
  return r.ok ? conditionText(r.condition) : `column ${r.column}: ${r.message}`;
}

describe('reach conditions: the language', () => {
  test('every atom of the table parses from its own sentence and prints back the same', () => {
    const example: Record<string, string> = { '<task>': 'T1', '<lock>': 'i_mutex', '<process>': 'victim', '<memcg>': 'A', '<compare>': '>=', '<number>': '3' };
    for (const atom of atomSpecs) {
      const text = atomPattern(atom)
        .split(' ')
        .map((w) => example[w] ?? w)
        .join(' ');
      const r = parseCondition(text, names);
      expect([atom.name, r.ok && r.condition.kind === 'atom' ? r.condition.atom.name : r]).toEqual([atom.name, atom.name]);
      expect(parsed(text)).toBe(text);
    }
  });

  test('and binds tighter than or; not and parentheses; canonical text keeps the meaning', () => {
    expect(parsed('T1 has TIF_MEMDIE or T2 has SIGKILL and free == 0')).toBe('T1 has TIF_MEMDIE or T2 has SIGKILL and free == 0');
    expect(parsed('(T1 has TIF_MEMDIE or T2 has SIGKILL) and free==0')).toBe('(T1 has TIF_MEMDIE or T2 has SIGKILL) and free == 0');
    expect(parsed('not (mm victim is reaped and mm victim is freed)')).toBe('not (mm victim is reaped and mm victim is freed)');
    expect(parsed('((not not T1 has exited))')).toBe('not not T1 has exited');
  });

  test('quantified subjects, plural verbs, quoted names', () => {
    expect(parsed('2 tasks have TIF_MEMDIE')).toBe('2 tasks have TIF_MEMDIE');
    expect(parsed('any task holds victim.mmap_sem and every task is in __alloc_pages_slowpath and no task holds oom_lock')).toBe(
      'any task holds victim.mmap_sem and every task is in __alloc_pages_slowpath and no task holds oom_lock',
    );
    expect(parsed("'my task' waits on 'a lock'", { ...names, tasks: ['my task'], mutexes: ['a lock'] })).toBe("'my task' waits on 'a lock'");
    expect(parsed('T2 waits on mmap_sem and A.oom_lock is held and memcg A usage >= 3')).toBe('T2 waits on mmap_sem and A.oom_lock is held and memcg A usage >= 3');
  });

  test('mistakes: the column and a did-you-mean', () => {
    expect(parsed('T9 has TIF_MEMDIE')).toBe("column 1: 'T9' is no task or lock of the scenario nor a word of a condition here; did you mean 'T1'?");
    expect(parsed('T1 has TIF_MEMDI')).toBe("column 8: unexpected 'TIF_MEMDI': expected 'TIF_MEMDIE', 'SIGKILL', 'no', 'exited' or 'finished'; did you mean 'TIF_MEMDIE'?");
    expect(parsed('T1 has')).toBe("column 7: 'T1 has' is not finished: expected 'TIF_MEMDIE', 'SIGKILL', 'no', 'exited' or 'finished' after it");
    expect(parsed('mm victm is reaped')).toBe("column 4: no process named 'victm'; did you mean 'victim'?");
    expect(parsed('T1 holds i_mutx')).toBe("column 10: no lock named 'i_mutx'; did you mean 'i_mutex'?");
    expect(parsed('mm holder has MMF_OOM_SKIP and memcg B usage > 1')).toBe("column 38: no memcg named 'B'; did you mean 'A'?");
    expect(parsed('free == x')).toBe("column 9: expected a number, got 'x'");
    expect(parsed('free = 0')).toBe("column 6: unexpected '=' (a comparison is ==, !=, <, <=, > or >=)");
    expect(parsed('(T1 has exited')).toBe("column 15: the '(' at column 1 is not closed");
    expect(parsed('T1 has exited)')).toBe("column 14: a ')' without its '('");
    expect(parsed('T1 has exited and')).toBe("column 18: the condition ends after 'and': expected a condition");
    expect(parsed('T1 has exited T2 has exited')).toBe("column 15: unexpected 'T2': expected 'and', 'or' or ')'");
    expect(parsed("T1 holds 'i_mutex")).toBe("column 10: a name quoted with ' is not closed");
    expect(parsed('   ')).toBe('column 1: the condition is empty');
    expect(parsed('mm T1 has MMF_OOM_SKIP')).toBe("column 4: no process named 'T1'; expected one of victim, holder");
    expect(parsed('mm victim has MMF_OOM_SKIP', { tasks: ['T1'] })).toBe('mm victim has MMF_OOM_SKIP');
    expect(parsed('x'.repeat(2001))).toBe('column 2001: a condition is at most 2000 characters, this one has 2001');
  });
});

describe('reach conditions: evaluation on the model', () => {
  test('atoms read the state they declare, quantifiers count tasks', () => {
    const scenario = loadScenarioFile('scenarios/tetsuo-t1-t2-t3.yaml');
    const model = kernelModel(scenario, resolveDesign('reaper-slot'));
    const holds = (text: string, s: KernelState) => {
      const r = parseReachCondition(scenario, text);
      if (!r.ok) throw new Error(r.message);
      return compileCondition(r.condition, model.context)(s);
    };
    const s0 = model.initialStates()[0];
    expect(holds('T3 holds mmap_sem and T3 holds victim.mmap_sem and H holds i_mutex and i_mutex is held', s0)).toBe(true);
    expect(holds('T1 holds victim.mmap_sem or oom_lock is held or any task has TIF_MEMDIE', s0)).toBe(false);
    // T2's next step is mutex_lock(&i_mutex), which H holds.
    expect(holds('T2 waits on i_mutex and not T1 waits on i_mutex', s0)).toBe(true);
    expect(holds('free == 0 and reserves == 1 and reserves >= 1 and reserves != 0 and free < 1', s0)).toBe(true);
    expect(holds('oom_reaper is idle and no task has exited and 2 tasks hold i_mutex', s0)).toBe(false);
    const memdie = { ...s0, tasks: s0.tasks.map((t, i) => (i < 2 ? { ...t, memdie: true } : t)) };
    expect(holds('2 tasks have TIF_MEMDIE and not 3 tasks have TIF_MEMDIE and T2 has TIF_MEMDIE', memdie)).toBe(true);
    expect(holds('every task has TIF_MEMDIE', memdie)).toBe(false);
  });
});

describe('reach conditions: the docs', () => {
  test('docs/scenarios.md lists every atom of the table, as the table declares it', () => {
    const doc = readFileSync('docs/scenarios.md', 'utf8');
    for (const atom of atomSpecs) expect(doc).toContain(`| \`${atomPattern(atom)}\` | \`${atom.reads}\` | ${atom.meaning} |`);
  });

  test('the examples of docs/scenarios.md parse on the built-in T1/T2/T3 scenario', () => {
    const scenario = loadScenarioFile('scenarios/tetsuo-t1-t2-t3.yaml');
    for (const text of ['2 tasks have TIF_MEMDIE', 'T1 has TIF_MEMDIE and T1 waits on mmap_sem', 'H is in out_of_memory and T2 has TIF_MEMDIE and oom_reaper is idle']) {
      expect(parseReachCondition(scenario, text).ok).toBe(true);
    }
    expect(parseReachCondition(loadScenarioFile('scenarios/unreapable-victim.yaml'), 'mm victim has MMF_OOM_SKIP and any task holds victim.mmap_sem').ok).toBe(true);
    expect(parseCondition('memcg A usage > 4 and not A.oom_lock is held', names).ok).toBe(true);
  });
});
