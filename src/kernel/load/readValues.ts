import type { Path } from './path.js';
import type { Problems } from './problems.js';
import { closest, suggestion } from './suggest.js';

/** A YAML mapping / JSON object, as plain data. */
export type Mapping = Readonly<Record<string, unknown>>;

/** Whether `value` is a mapping (not null, not a list). */
export function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` for messages, in YAML words: `a list`, `a mapping`, `null`, `"text"`, `42`, `true`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(shown);
  }
  return String(value);
}

/** The fields a mapping may have. */
export interface Fields {
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

/**
 * `value` as a mapping with `fields`. Reports a value that is not a
 * mapping (and returns `undefined`), each missing required field (at the
 * mapping) and each unknown field (at its key); in those two cases the
 * mapping is still returned, so that its other fields get checked too.
 * @param what the expected thing, for the message (default `a mapping`)
 */
export function readMapping(value: unknown, path: Path, problems: Problems, fields: Fields, what = 'a mapping'): Mapping | undefined {
  if (!isMapping(value)) {
    problems.add(path, `expected ${what}, got ${describeValue(value)}`);
    return undefined;
  }
  for (const name of fields.required) {
    if (!Object.hasOwn(value, name)) problems.add(path, `missing required field '${name}'`);
  }
  const known = [...fields.required, ...fields.optional];
  for (const name of Object.keys(value)) {
    if (!known.includes(name)) problems.add([...path, name], `unknown field '${name}'${suggestion(name, known)}`, 'key');
  }
  return value;
}

/** `value` as a string (`nonEmpty`: with at least one non-blank character), or `undefined` after reporting why not. */
export function readString(value: unknown, path: Path, problems: Problems, nonEmpty = false): string | undefined {
  if (typeof value !== 'string') {
    problems.add(path, `expected ${nonEmpty ? 'a non-empty string' : 'a string'}, got ${describeValue(value)}`);
    return undefined;
  }
  if (nonEmpty && value.trim() === '') {
    problems.add(path, 'expected a non-empty string, got an empty one');
    return undefined;
  }
  return value;
}

/** `value` as a safe integer in `min..max`, or `undefined` after reporting why not. */
export function readInteger(value: unknown, path: Path, problems: Problems, min: number, max = Number.MAX_SAFE_INTEGER, meaning = ''): number | undefined {
  const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in ${min}..${max}`;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    problems.add(path, `expected an integer ${range}${meaning}, got ${describeValue(value)}`);
    return undefined;
  }
  return value;
}

/**
 * The largest page count a scenario may give: the kernel codec stores
 * each page counter (free, reserves, a memcg's usage and limit) in one
 * signed 32-bit word, so larger values would wrap and the search would
 * run on a corrupted model. `checkPageTotal` bounds their sum too.
 */
export const maxPages = 2 ** 31 - 1;

/** `value` as a page count in `min..`{@link maxPages}, or `undefined` after reporting why not. */
export function readPages(value: unknown, path: Path, problems: Problems, min: number): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value > maxPages) {
    problems.add(path, `${describeValue(value)} pages is more than the state encoding holds (at most ${maxPages.toLocaleString('en-US')}: a page counter is a 32-bit word)`);
    return undefined;
  }
  return readInteger(value, path, problems, min);
}

/** `value` as a boolean, or `undefined` after reporting why not. */
export function readBoolean(value: unknown, path: Path, problems: Problems): boolean | undefined {
  if (typeof value !== 'boolean') {
    problems.add(path, `expected true or false, got ${describeValue(value)}`);
    return undefined;
  }
  return value;
}

/** `value` as a list (`nonEmpty`: of at least one item), or `undefined` after reporting why not. */
export function readList(value: unknown, path: Path, problems: Problems, what: string, nonEmpty = false): readonly unknown[] | undefined {
  if (!Array.isArray(value)) {
    problems.add(path, `expected a list of ${what}, got ${describeValue(value)}`);
    return undefined;
  }
  if (nonEmpty && value.length === 0) {
    problems.add(path, `expected a non-empty list of ${what}, got an empty list`);
    return undefined;
  }
  return value;
}

/** `value` as one of `choices`, or `undefined` after reporting why not (with a guess for a typo). */
export function readChoice<T extends string>(value: unknown, path: Path, problems: Problems, choices: readonly T[]): T | undefined {
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  const expected = choices.length === 1 ? choices[0] : choices.length === 2 ? `${choices[0]} or ${choices[1]}` : `one of ${choices.join(', ')}`;
  const guess = typeof value === 'string' ? closest(value, choices) : undefined;
  problems.add(path, `expected ${expected}, got ${describeValue(value)}${guess === undefined ? '' : `; did you mean '${guess}'?`}`);
  return undefined;
}
