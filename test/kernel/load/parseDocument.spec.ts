import { describe, expect, test } from 'vitest';
import { findJsonSyntaxError } from '../../../src/kernel/load/jsonSyntax.js';
import { loadScenarioText } from '../../../src/kernel/load/loadScenario.js';
import { formatOfFile, parseDocument } from '../../../src/kernel/load/parseDocument.js';
import { problemsOf } from './helpers.js';

describe('parsing YAML and JSON with positions', () => {
  test('the format comes from the extension', () => {
    expect([formatOfFile('a.yaml'), formatOfFile('a.YML'), formatOfFile('a.json'), formatOfFile('a.txt')]).toEqual(['yaml', 'yaml', 'json', undefined]);
  });

  test('a YAML syntax error gives its line and column', () => {
    const lines = ['name: s', 'processes:', '  - name: victim', '   pages: 8'];
    expect(problemsOf(lines)).toEqual(['s.yaml:4:1: YAML syntax error: Sequence item without - indicator']);
    expect(problemsOf(['name: [s', 'description: d'])).toEqual(['s.yaml:2:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]']);
  });

  test('a JSON syntax error gives its line and column, YAML-only syntax included', () => {
    expect(problemsOf(['{', '  "name": "s",', '}'], 's.json')).toEqual(["s.json:3:1: JSON syntax error: trailing comma before '}'"]);
    expect(problemsOf(['{ "name": \'s\' }'], 's.json')).toEqual(['s.json:1:11: JSON syntax error: JSON strings use double quotes']);
    expect(problemsOf(['# comment', '{}'], 's.json')).toEqual(['s.json:1:1: JSON syntax error: comments are not allowed in JSON']);
    expect(problemsOf(['name: s'], 's.json')).toEqual(["s.json:1:1: JSON syntax error: unexpected 'n': expected a value"]);
    expect(problemsOf(['{ "a": [1, 2 }'], 's.json')).toEqual(["s.json:1:14: JSON syntax error: expected ',' or ']'"]);
    expect(problemsOf(['{ "a": "x'], 's.json')).toEqual(['s.json:1:8: JSON syntax error: unterminated string']);
    expect(problemsOf(['{}', '{}'], 's.json')).toEqual(['s.json:2:1: JSON syntax error: unexpected text after the JSON value']);
  });

  test('findJsonSyntaxError accepts exactly what JSON.parse accepts on samples', () => {
    const samples = ['{}', '[]', '0', '-0.5e+3', '"\\u00e9\\n"', '[1,]', '{"a":1,}', '01', '1.', '.5', '"\\x41"', 'nul', 'true false', '{"a" 1}', '[1 2]', '"a\tb"', ' \n{"a":[{"b":null}]}\r\n'];
    for (const text of samples) {
      let ok = true;
      try {
        JSON.parse(text);
      } catch {
        ok = false;
      }
      expect([text, findJsonSyntaxError(text) === undefined]).toEqual([text, ok]);
    }
  });

  test('deep nesting is refused, not a stack overflow', () => {
    expect(findJsonSyntaxError('['.repeat(5000) + ']'.repeat(5000))).toEqual({ offset: 65, message: 'nested more than 64 levels deep' });
    const { problems } = parseDocument(`a: ${'['.repeat(100)}${']'.repeat(100)}`, 'x.yaml', 'yaml');
    expect(problems).toEqual([{ file: 'x.yaml', path: `a${'[0]'.repeat(64)}`, line: 1, column: 68, message: 'nested more than 64 levels deep' }]);
  });

  test('aliases are expanded; an alias bomb and a self-containing alias are problems', () => {
    const lines = [
      'name: s',
      'description: d',
      'locks: []',
      'memory: { free: 0, reserves: 0 }',
      'processes:',
      '  - { name: a, pages: 1, threads: [{ name: A, program: &prog [{ op: alloc, pages: 1 }] }] }',
      '  - { name: b, pages: 1, threads: [{ name: B, program: *prog }] }',
    ];
    const s = loadScenarioText(lines.join('\n'), 's.yaml');
    expect(s.processes[1].threads[0].program).toEqual([{ op: 'alloc', pages: 1 }]);
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 6 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(', ')}]`,
      ),
    ];
    const bombProblems = parseDocument(bomb.join('\n'), 'x.yaml', 'yaml').problems;
    expect(bombProblems.map((p) => p.message)).toEqual(['the document has more than 100,000 values once aliases are expanded']);
    expect(parseDocument('a: &x [1, *x]', 'x.yaml', 'yaml').problems).toEqual([{ file: 'x.yaml', path: 'a[1]', line: 1, column: 11, message: 'alias *x refers to a node that contains it' }]);
  });

  test('locate: a path gives the position of its value, or its key, or of its deepest existing ancestor', () => {
    const text = ['a:', '  b: [10, { c: 1 }]', '  d:', 'e: { f: 2 }'].join('\n');
    const { document, problems } = parseDocument(text, 'x.yaml', 'yaml');
    expect(problems).toEqual([]);
    const locate = document!.locate;
    expect(locate([])).toEqual({ line: 1, column: 1 });
    expect(locate(['a', 'b', 1, 'c'])).toEqual({ line: 2, column: 16 });
    expect(locate(['a', 'b', 1, 'c'], 'key')).toEqual({ line: 2, column: 13 });
    expect(locate(['a', 'd'])).toEqual({ line: 3, column: 3 }); // empty value: its key
    expect(locate(['a', 'b', 7])).toEqual({ line: 2, column: 6 }); // no item 7: the list
    expect(locate(['e', 'f', 'g'])).toEqual({ line: 4, column: 9 });
  });

  test('keys are strings; a key named __proto__ is data; a collection as a key is a problem', () => {
    const { document } = parseDocument('1: a\n__proto__: b\n', 'x.yaml', 'yaml');
    expect(Object.keys(document!.value as object)).toEqual(['1', '__proto__']);
    expect(Object.getPrototypeOf(document!.value)).toBe(Object.prototype);
    expect(parseDocument('? [1]\n: 2\n', 'x.yaml', 'yaml').problems).toEqual([
      { file: 'x.yaml', path: '', line: 1, column: 3, message: 'a mapping key must be a plain value, not a mapping or a list' },
    ]);
  });

  test('unresolved tags are problems', () => {
    expect(parseDocument('name: !foo s', 'x.yaml', 'yaml').problems).toEqual([{ file: 'x.yaml', path: '', line: 1, column: 7, message: 'Unresolved tag: !foo' }]);
  });
});
