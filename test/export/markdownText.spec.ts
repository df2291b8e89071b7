import { describe, expect, test } from 'vitest';
import { mdCode, mdRow, mdText } from '../../src/export/markdownText.js';

describe('Markdown text escaping', () => {
  test('mdText escapes what Markdown would misread, and only that', () => {
    expect(mdText('TIF_MEMDIE and oom_reaper stay; __alloc_pages_slowpath() does not')).toBe('TIF_MEMDIE and oom_reaper stay; \\_\\_alloc_pages_slowpath() does not');
    expect(mdText('a | b * c ~ d `e` <f> \\')).toBe('a \\| b \\* c \\~ d \\`e\\` \\<f> \\\\');
    expect(mdText('no-oom-livelock[H] [x](y) [p][q]')).toBe('no-oom-livelock[H] \\[x](y) \\[p][q]');
    expect(mdText('&i_mutex &amp; &#35;')).toBe('&i_mutex &amp;amp; &amp;#35;');
  });

  test('mdCode keeps text verbatim, escapes | for tables, and fences backticks', () => {
    expect(mdCode('alloc(1): __alloc_pages_slowpath()')).toBe('`alloc(1): __alloc_pages_slowpath()`');
    expect(mdCode('a | b')).toBe('`a \\| b`');
    expect(mdCode('x `y` z')).toBe('``x `y` z``');
    expect(mdCode('`y`')).toBe('`` `y` ``');
  });

  test('mdRow joins cells, empty ones as "| |"', () => {
    expect(mdRow(['1', '', '', 'x', ''])).toBe('| 1 | | | x | |');
  });
});
