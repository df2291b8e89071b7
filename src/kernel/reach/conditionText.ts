import type { AtomWord, SlotKind } from './atoms.js';
import type { Condition, Subject, WrittenOperands } from './condition.js';

/** A name as a condition writes it: quoted when it is not one plain word. */
function nameText(name: string): string {
  return /^[^\s()'"<>=!]+$/.test(name) && !['and', 'or', 'not'].includes(name) ? name : name.includes("'") ? `"${name}"` : `'${name}'`;
}

function subjectText(subject: Subject): string {
  switch (subject.kind) {
    case 'task':
      return nameText(subject.task.name);
    case 'atLeast':
      return `${subject.count} tasks`;
    default:
      return `${subject.kind} task`;
  }
}

/** A plural subject takes the sentence's second alternative (`have`, `are`, `hold`, `wait`). */
function plural(subject: Subject | undefined): boolean {
  return subject?.kind === 'atLeast' && subject.count > 1;
}

function wordText(word: AtomWord, o: WrittenOperands): string {
  if (typeof word === 'string') return word;
  if (Array.isArray(word)) return plural(o.subject) && word.length > 1 ? word[1] : word[0];
  const kind = (word as { slot: SlotKind }).slot;
  switch (kind) {
    case 'subject':
      return subjectText(o.subject!);
    case 'compare':
      return o.compare!;
    case 'number':
      return String(o.number);
    default:
      return nameText(o[kind]!.name);
  }
}

/**
 * A condition in its canonical form: each atom as its sentence in the
 * table (`has` for `have` unless the subject is plural), names quoted
 * only where needed, one space between words, parentheses only where
 * `and` inside `or` or `not` needs them. Parsing the text gives the
 * same condition back.
 */
export function conditionText(c: Condition): string {
  switch (c.kind) {
    case 'atom':
      return c.atom.words.map((w) => wordText(w, c.operands)).join(' ');
    case 'not':
      return `not ${c.operand.kind === 'and' || c.operand.kind === 'or' ? `(${conditionText(c.operand)})` : conditionText(c.operand)}`;
    case 'and':
      return c.operands.map((o) => (o.kind === 'or' ? `(${conditionText(o)})` : conditionText(o))).join(' and ');
    case 'or':
      return c.operands.map(conditionText).join(' or ');
  }
}
