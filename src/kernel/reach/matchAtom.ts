import { closest, suggestion } from '../load/suggest.js';
import { atomSpecs, type AtomSpec, type Compare, type SlotKind } from './atoms.js';
import type { ConditionNames, ConditionProblem, NameRef, Subject, WrittenOperands } from './condition.js';
import type { Token } from './tokens.js';

/** How one sentence fared against the tokens: matched, or where it stopped and what it wanted there. */
type Attempt = { readonly ok: true; readonly operands: WrittenOperands } | { readonly ok: false; readonly at: number; readonly literals: readonly string[]; readonly slot?: SlotKind };

const quantifiers = ['any', 'every', 'no'] as const;

/** The names a slot accepts, or `undefined` when they are not known (any name is then accepted). */
function namesOf(kind: SlotKind, names: ConditionNames, hasSubject: boolean): readonly string[] | undefined {
  switch (kind) {
    case 'subject':
    case 'task':
      return names.tasks;
    case 'process':
      return names.processes;
    case 'memcg':
      return names.memcgs;
    case 'lock': {
      const { mutexes, processes, memcgs } = names;
      if (!mutexes || !processes || !memcgs) return undefined;
      return [...mutexes, ...(hasSubject ? ['mmap_sem'] : []), ...processes.map((p) => `${p}.mmap_sem`), 'oom_lock', ...memcgs.map((m) => `${m}.oom_lock`)];
    }
    default:
      return [];
  }
}

const isNameToken = (t: Token | undefined): t is Token & { readonly kind: 'word' | 'name' } => t !== undefined && (t.kind === 'word' || t.kind === 'name');

/** Tries `atom`'s sentence on `tokens` (one atom's tokens, all of them). */
function attempt(atom: AtomSpec, tokens: readonly Token[], names: ConditionNames): Attempt {
  const hasSubject = atom.words.some((w) => typeof w === 'object' && !Array.isArray(w));
  const operands: { -readonly [K in keyof WrittenOperands]: WrittenOperands[K] } = {};
  let i = 0;
  for (const word of atom.words) {
    const token = tokens[i];
    if (typeof word === 'string' || Array.isArray(word)) {
      const alternatives: readonly string[] = typeof word === 'string' ? [word] : word;
      if (token?.kind !== 'word' || !alternatives.includes(token.text)) return { ok: false, at: i, literals: alternatives };
      i++;
      continue;
    }
    const kind = (word as { slot: SlotKind }).slot;
    if (kind === 'compare') {
      if (token?.kind !== 'compare') return { ok: false, at: i, literals: ['==', '!=', '<', '<=', '>', '>='] };
      operands.compare = token.text as Compare;
      i++;
      continue;
    }
    if (kind === 'number') {
      if (token?.kind !== 'word' || !/^\d+$/.test(token.text) || !Number.isSafeInteger(Number(token.text))) return { ok: false, at: i, literals: [], slot: kind };
      operands.number = Number(token.text);
      i++;
      continue;
    }
    const next = tokens[i + 1];
    if (kind === 'subject' && token?.kind === 'word' && next?.kind === 'word') {
      if ((quantifiers as readonly string[]).includes(token.text) && next.text === 'task') {
        operands.subject = { kind: token.text as (typeof quantifiers)[number] };
        i += 2;
        continue;
      }
      if (/^\d+$/.test(token.text) && (next.text === 'tasks' || next.text === 'task') && Number(token.text) >= 1) {
        operands.subject = { kind: 'atLeast', count: Number(token.text) };
        i += 2;
        continue;
      }
    }
    if (!isNameToken(token)) return { ok: false, at: i, literals: [], slot: kind };
    const known = namesOf(kind, names, hasSubject);
    if (known !== undefined && !known.includes(token.text)) return { ok: false, at: i, literals: [], slot: kind };
    const ref: NameRef = { name: token.text, column: token.column };
    if (kind === 'subject') operands.subject = { kind: 'task', task: ref } satisfies Subject;
    else operands[kind as 'task' | 'process' | 'memcg' | 'lock'] = ref;
    i++;
  }
  if (i < tokens.length) return { ok: false, at: i, literals: ['and', 'or', ')'] };
  return { ok: true, operands };
}

const slotWords: Readonly<Record<SlotKind, string>> = {
  subject: 'task',
  task: 'task',
  process: 'process',
  memcg: 'memcg',
  lock: 'lock',
  compare: 'comparison',
  number: 'number',
};

/** `a`, `a or b`, `a, b or c`. */
function orList(xs: readonly string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`;
}

/** The problem with the atom whose sentences all failed: at the furthest point any got to, what was wanted there. */
function problemOf(failures: readonly Extract<Attempt, { ok: false }>[], tokens: readonly Token[], names: ConditionNames, end: number): ConditionProblem {
  const at = Math.max(...failures.map((f) => f.at));
  const there = failures.filter((f) => f.at === at);
  const literals = [...new Set(there.flatMap((f) => f.literals))];
  const slots = [...new Set(there.flatMap((f) => (f.slot === undefined ? [] : [f.slot])))];
  const kinds = [...new Set(slots.map((s) => slotWords[s]))];
  const wanted = orList([...kinds.map((k) => `a ${k}`), ...literals.map((l) => `'${l}'`)]);
  const token: Token | undefined = tokens[at];
  if (token === undefined) {
    const after = tokens.map((t) => t.text).join(' ');
    return { column: end, message: `'${after}' is not finished: expected ${wanted} after it` };
  }
  const quantified = slots.includes('subject') ? ' (or any task, every task, no task, N tasks)' : '';
  if (isNameToken(token)) {
    const candidates = [...literals, ...slots.flatMap((s) => namesOf(s, names, true) ?? [])];
    const guess = closest(token.text, candidates);
    if (literals.length === 0 && slots.length === 1 && slots[0] === 'number') return { column: token.column, message: `expected a number, got '${token.text}'` };
    const namedSlots = kinds.filter((k) => k !== 'comparison' && k !== 'number');
    if (literals.length === 0 && namedSlots.length > 0) {
      return { column: token.column, message: `no ${orList(namedSlots)} named '${token.text}'${quantified}${suggestion(token.text, candidates)}` };
    }
    if (guess !== undefined && namedSlots.length > 0)
      return { column: token.column, message: `'${token.text}' is no ${orList(namedSlots)} of the scenario nor a word of a condition here; did you mean '${guess}'?` };
    return { column: token.column, message: `unexpected '${token.text}': expected ${wanted}${quantified}${guess === undefined ? '' : `; did you mean '${guess}'?`}` };
  }
  return { column: token.column, message: `unexpected '${token.text}': expected ${wanted}${quantified}` };
}

/**
 * The atom `tokens` spell (all of them, none of `and`, `or`, `not` or a
 * parenthesis): the one sentence of {@link atomSpecs} they match, names
 * checked against `names`. Otherwise the problem at the furthest token
 * any sentence matched up to, with a did-you-mean.
 * @param end the column just after the atom, for a sentence cut short
 */
export function matchAtom(tokens: readonly Token[], names: ConditionNames, end: number): { readonly atom: AtomSpec; readonly operands: WrittenOperands } | { readonly problem: ConditionProblem } {
  const attempts = atomSpecs.map((atom) => ({ atom, result: attempt(atom, tokens, names) }));
  const matched = attempts.filter((a) => a.result.ok);
  if (matched.length > 1) throw new Error(`reach atoms ${matched.map((m) => m.atom.name).join(' and ')} both match "${tokens.map((t) => t.text).join(' ')}" (the table is ambiguous)`);
  if (matched.length === 1) {
    const result = matched[0].result as Extract<Attempt, { ok: true }>;
    return { atom: matched[0].atom, operands: result.operands };
  }
  return {
    problem: problemOf(
      attempts.map((a) => a.result as Extract<Attempt, { ok: false }>),
      tokens,
      names,
      end,
    ),
  };
}
