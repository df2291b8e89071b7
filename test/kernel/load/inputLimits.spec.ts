import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { Alias } from 'yaml';
import { scenarioLimits } from '../../../src/kernel/load/documentLimits.js';
import { loadScenarioFile } from '../../../src/kernel/load/loadScenario.js';
import { parseDocument } from '../../../src/kernel/load/parseDocument.js';
import { ScenarioError } from '../../../src/kernel/load/scenarioError.js';
import { closest, suggestion } from '../../../src/kernel/load/suggest.js';
import { header, problemsOf, victimWith } from './helpers.js';

/** Thread T1 (lines 9–11) that is valid on its own. */
const t1 = ['      - name: T1', '        program:', '          - { op: exit }'];

describe('input limits: every document loads or is refused, in time linear in its size', () => {
  test('the text size is checked before parsing; a file by its size before reading it', () => {
    const text = `${victimWith(t1).join('\n')}\n# ${'x'.repeat(scenarioLimits.maxChars)}`;
    expect(problemsOf([text])).toEqual([`s.yaml:1:1: the document is ${(text.length).toLocaleString('en-US')} characters long; at most 262,144 are read`]);
    const dir = mkdtempSync(join(tmpdir(), 'oomcheck-limits-'));
    try {
      const file = join(dir, 'big.yaml');
      writeFileSync(file, text);
      expect(() => loadScenarioFile(file)).toThrow(`${file}: the file is ${text.length.toLocaleString('en-US')} bytes; at most 262,144 are read`);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  test('a long string, a long list, deep nesting and too many aliases are each refused where they are', () => {
    expect(problemsOf(['name: s', `description: ${'d'.repeat(20_000)}`])).toEqual(['s.yaml:2:14: at description: a string of 20,000 characters; at most 16,384 are allowed']);
    expect(problemsOf([...header.slice(0, 2), `locks: [${Array(10_001).fill('1').join(', ')}]`])).toEqual(['s.yaml:3:8: at locks: 10,001 items in one list or mapping; at most 10,000 are allowed']);
    // yaml composes recursively: where its stack runs out depends on the machine, the message does not.
    const deep = problemsOf(['name: s', `x: ${'['.repeat(10_000)}${']'.repeat(10_000)}`]);
    expect(deep).toHaveLength(1);
    expect(deep[0]).toMatch(/^s\.yaml:2:\d+: nested more than 64 levels deep$/);
    expect(problemsOf(['name: s', `x: ${'['.repeat(100)}${']'.repeat(100)}`])).toEqual([`s.yaml:2:68: at x${'[0]'.repeat(64)}: nested more than 64 levels deep`]);
    expect(problemsOf(['{"a": '.repeat(100) + '1' + '}'.repeat(100)], 's.json')).toEqual(['s.json:1:391: JSON syntax error: nested more than 64 levels deep']);
    expect(problemsOf(['name: &n s', 'x:', ...Array(1001).fill('  - *n')])).toEqual(['s.yaml:1003:5: at x[1000]: more than 1,000 aliases (the limit on a document)']);
  });

  test("aliases are resolved in one pass, never by yaml's Alias.resolve (a walk of the whole document per alias)", () => {
    const resolve = vi.spyOn(Alias.prototype, 'resolve');
    try {
      const text = ['a: &a [' + Array(97).fill('1').join(', ') + ']', 'b:', ...Array(1000).fill('  - *a')].join('\n');
      const { document, problems } = parseDocument(text, 'x.yaml', 'yaml');
      expect(problems).toEqual([]);
      expect((document!.value as { b: number[][] }).b.flat()).toHaveLength(97_000);
      expect(resolve).not.toHaveBeenCalled();
    } finally {
      resolve.mockRestore();
    }
  });

  test('at most 50 problems are listed; the rest are counted', () => {
    const lines = [...victimWith(t1), ...Array.from({ length: 1000 }, (_, i) => `k${i}: 1`)];
    const problems = problemsOf(lines);
    expect(problems).toHaveLength(51);
    expect(problems[0]).toBe("s.yaml:12:1: at k0: unknown field 'k0'; expected one of name, description, processes, locks, memory, source, memcgs, designs, properties, expect, reach, cpus");
    expect(problems[50]).toBe('s.yaml: and 950 more problems (only the first 50 found are listed)');
  });

  test('"did you mean" is bounded: no guess for long words, none computed for lengths too far apart', () => {
    expect(closest('pgaes', ['pages', 'name'])).toBe('pages');
    expect(closest('x'.repeat(65), ['x'.repeat(65)])).toBeUndefined();
    expect(closest('abc', ['abcdefgh'])).toBeUndefined();
    const names = Array.from({ length: 50 }, (_, i) => `n${i}`);
    expect(suggestion('zzzzzzzz', names)).toBe(`; expected one of ${names.slice(0, 40).join(', ')} (and 10 more)`);
  });

  test('page counts fit the state encoding: each at most 2^31−1, and so their sum', () => {
    const big = (free: number, pages: number): string[] => [
      ...header.slice(0, 3),
      `memory: { free: ${free}, reserves: 1 }`,
      'processes:',
      '  - name: victim',
      `    pages: ${pages}`,
      '    threads:',
      ...t1,
    ];
    expect(problemsOf(big(2 ** 31, 8))).toEqual(['s.yaml:4:17: at memory.free: 2147483648 pages is more than the state encoding holds (at most 2,147,483,647: a page counter is a 32-bit word)']);
    expect(problemsOf(big(2 ** 64, 8))).toEqual([
      's.yaml:4:17: at memory.free: 18446744073709552000 pages is more than the state encoding holds (at most 2,147,483,647: a page counter is a 32-bit word)',
    ]);
    expect(problemsOf(big(0, 2 ** 31 - 1))).toEqual([
      "s.yaml:7:12: at processes[0].pages: the scenario's page counts (free, reserves, process and op pages) add up to 2,147,483,648 here; the state encoding holds at most 2,147,483,647 (a 32-bit word)",
    ]);
    expect(problemsOf(big(2 ** 30, 2 ** 30 - 2))).toEqual([]);
  });

  test('a refusal is a ScenarioError whatever the input', () => {
    expect(() => loadScenarioFile('/nonexistent/x.yaml')).toThrow(ScenarioError);
  });
});
