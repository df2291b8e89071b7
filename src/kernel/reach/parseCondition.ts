import type { Condition, ConditionNames, ConditionProblem, ParsedCondition } from './condition.js';
import { matchAtom } from './matchAtom.js';
import { tokenize, type Token } from './tokens.js';

/** Conditions longer than this are refused (a condition is a line, not a document). */
export const maxConditionLength = 2000;

/** Parentheses and `not`s nested deeper than this are refused: the parser recurses on them. */
const maxDepth = 100;

class Failure {
  constructor(readonly problem: ConditionProblem) {}
}

const keyword = (t: Token | undefined, word: 'and' | 'or' | 'not'): boolean => t?.kind === 'word' && t.text === word;

/**
 * Parses a reach condition:
 *
 *     condition := conjunction ('or' conjunction)*
 *     conjunction := unary ('and' unary)*
 *     unary := 'not' unary | '(' condition ')' | atom
 *
 * where an atom is one of the sentences of `atomSpecs` (`T1 has
 * TIF_MEMDIE`, `mm victim has MMF_OOM_SKIP`, `free == 0` …). `and` binds
 * tighter than `or`. Task, process, lock and memcg names are checked
 * against `names` (lists left out are not judged). Never throws on bad
 * text: the first problem comes back with its column.
 */
export function parseCondition(text: string, names: ConditionNames = {}): ParsedCondition {
  if (text.length > maxConditionLength) return { ok: false, column: maxConditionLength + 1, message: `a condition is at most ${maxConditionLength} characters, this one has ${text.length}` };
  const lexed = tokenize(text);
  if ('problem' in lexed) return { ok: false, ...lexed.problem };
  const { tokens } = lexed;
  const endColumn = text.trimEnd().length + 1;
  const columnAt = (i: number) => tokens[i]?.column ?? endColumn;
  let i = 0;

  const fail = (column: number, message: string): never => {
    throw new Failure({ column, message });
  };

  const unary = (depth: number): Condition => {
    if (depth > maxDepth) fail(columnAt(i), `parentheses and 'not' nested more than ${maxDepth} deep`);
    const token = tokens[i];
    if (token === undefined) return fail(endColumn, i === 0 ? 'the condition is empty' : `the condition ends after '${tokens[i - 1].text}': expected a condition`);
    if (keyword(token, 'not')) {
      i++;
      return { kind: 'not', operand: unary(depth + 1) };
    }
    if (token.kind === '(') {
      i++;
      const inner = disjunction(depth + 1);
      if (tokens[i]?.kind !== ')') fail(columnAt(i), tokens[i] === undefined ? `the '(' at column ${token.column} is not closed` : `expected 'and', 'or' or ')', got '${tokens[i].text}'`);
      i++;
      return inner;
    }
    if (keyword(token, 'and') || keyword(token, 'or') || token.kind === ')') fail(token.column, `expected a condition, got '${token.text}'`);
    const start = i;
    while (i < tokens.length && !keyword(tokens[i], 'and') && !keyword(tokens[i], 'or') && tokens[i].kind !== ')' && tokens[i].kind !== '(') i++;
    if (tokens[i]?.kind === '(') fail(tokens[i].column, "unexpected '(' inside a condition's words (parentheses group whole conditions)");
    const matched = matchAtom(tokens.slice(start, i), names, columnAt(i));
    if ('problem' in matched) throw new Failure(matched.problem);
    return { kind: 'atom', atom: matched.atom, operands: matched.operands };
  };

  const joined = (kind: 'and' | 'or', part: (depth: number) => Condition, depth: number): Condition => {
    const operands = [part(depth)];
    while (keyword(tokens[i], kind)) {
      i++;
      operands.push(part(depth));
    }
    return operands.length === 1 ? operands[0] : { kind, operands };
  };
  const conjunction = (depth: number): Condition => joined('and', unary, depth);
  const disjunction = (depth: number): Condition => joined('or', conjunction, depth);

  try {
    const condition = disjunction(0);
    if (i < tokens.length) fail(tokens[i].column, tokens[i].kind === ')' ? "a ')' without its '('" : `expected 'and' or 'or', got '${tokens[i].text}'`);
    return { ok: true, condition };
  } catch (error) {
    if (error instanceof Failure) return { ok: false, ...error.problem };
    throw error;
  }
}
