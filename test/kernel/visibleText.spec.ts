import { describe, expect, test } from 'vitest';
import { visibleText } from '../../src/kernel/index.js';

describe('visibleText: control characters written visibly', () => {
  test('newline, carriage return, tab, ESC, NUL, DEL and C1 controls as escapes', () => {
    expect(visibleText('W\n# injected heading')).toBe('W\\n# injected heading');
    expect(visibleText('a\rb\tc')).toBe('a\\rb\\tc');
    expect(visibleText('\x1b[2J\x1b[31mred')).toBe('\\x1b[2J\\x1b[31mred');
    expect(visibleText('nul\0 del\x7f c1\x9b')).toBe('nul\\x00 del\\x7f c1\\x9b');
  });

  test('Unicode line separators and bidi controls as \\u{…}', () => {
    expect(visibleText('a\u2028b\u202ec\u2066')).toBe('a\\u{2028}b\\u{202e}c\\u{2066}');
  });

  test('text without control characters is unchanged, backslashes and non-ASCII included', () => {
    for (const text of ['no-oom-livelock[H]', 'C:\\path', 'ünïcødé 漢字 🙂', '']) expect(visibleText(text)).toBe(text);
  });
});
