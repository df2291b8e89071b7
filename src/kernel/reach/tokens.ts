import type { ConditionProblem } from './condition.js';

/** One token of a condition; `column` is 1-based. */
export interface Token {
  /** `word`: unquoted text; `name`: a quoted name (`'my task'`); `compare`: `==` … `>=`; `(` and `)`. */
  readonly kind: 'word' | 'name' | 'compare' | '(' | ')';
  readonly text: string;
  readonly column: number;
}

const WORD = /[^\s()'"<>=!]+/y;
const COMPARE = /==|!=|<=|>=|<|>/y;

/**
 * Splits a condition into tokens: words (anything but blanks, parentheses,
 * quotes and comparison characters), quoted names (`'…'` or `"…"`, for
 * names with such characters), comparisons and parentheses.
 */
export function tokenize(text: string): { readonly tokens: Token[] } | { readonly problem: ConditionProblem } {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const c = text[at];
    const column = at + 1;
    if (/\s/.test(c)) {
      at++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c, text: c, column });
      at++;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, at + 1);
      if (end < 0) return { problem: { column, message: `a name quoted with ${c} is not closed` } };
      if (end === at + 1) return { problem: { column, message: 'an empty quoted name' } };
      tokens.push({ kind: 'name', text: text.slice(at + 1, end), column });
      at = end + 1;
    } else {
      COMPARE.lastIndex = at;
      const op = COMPARE.exec(text);
      if (op) {
        tokens.push({ kind: 'compare', text: op[0], column });
        at += op[0].length;
        continue;
      }
      WORD.lastIndex = at;
      const word = WORD.exec(text);
      if (!word) return { problem: { column, message: `unexpected '${c}' (a comparison is ==, !=, <, <=, > or >=)` } };
      tokens.push({ kind: 'word', text: word[0], column });
      at += word[0].length;
    }
  }
  return { tokens };
}
