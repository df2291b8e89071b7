import { type Position, type Path, problemAt } from '../kernel/index.js';
import { TraceFileError } from './traceFileError.js';

/** Where a path is written in the file (`ParsedDocument.locate`). */
export type Locate = (path: Path, at?: 'value' | 'key') => Position;

/** The fields a JSON object must and may have. */
export interface Fields {
  readonly required: readonly string[];
  readonly optional?: readonly string[];
  /** Other fields are allowed too (and ignored), as in an ITF `#meta`. */
  readonly open?: boolean;
}

/** Largest integer a state field may hold: the state codec packs every field into an int32. */
export const maxInt32 = 2 ** 31 - 1;

/**
 * Typed access to parsed JSON that fails fast: the first value of the
 * wrong kind throws a {@link TraceFileError} naming the file, the JSON
 * path and (through `locate`) the line and column. Trace files are
 * machine-written, so one problem at a time is enough — unlike scenario
 * files, which people write and which report every problem at once.
 */
export class JsonReader {
  constructor(
    readonly file: string,
    readonly locate?: Locate,
  ) {}

  /** Throws a {@link TraceFileError} for `path`. */
  fail(path: Path, message: string, at: 'value' | 'key' = 'value'): never {
    throw new TraceFileError([problemAt(this.file, path, message, this.locate?.(path, at))]);
  }

  /** An object with exactly the `fields` given (required ones present, no others). */
  record(value: unknown, path: Path, fields: Fields, what: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, `expected ${what}, found ${kindOf(value)}`);
    const map = value as Record<string, unknown>;
    const known = [...fields.required, ...(fields.optional ?? [])];
    for (const key of fields.open ? [] : Object.keys(map)) {
      if (!known.includes(key)) this.fail([...path, key], `unknown field "${key}" in ${what} (fields: ${known.join(', ')})`, 'key');
    }
    for (const key of fields.required) if (!Object.hasOwn(map, key)) this.fail(path, `missing field "${key}" in ${what}`);
    return map;
  }

  /** A list, of exactly `length` items when given. */
  list(value: unknown, path: Path, what: string, length?: number): readonly unknown[] {
    if (!Array.isArray(value)) this.fail(path, `expected ${what} (a list), found ${kindOf(value)}`);
    if (length !== undefined && value.length !== length) this.fail(path, `expected ${length} ${what}, found ${value.length}`);
    return value;
  }

  string(value: unknown, path: Path, what = 'a string'): string {
    if (typeof value !== 'string') this.fail(path, `expected ${what}, found ${kindOf(value)}`);
    return value;
  }

  boolean(value: unknown, path: Path): boolean {
    if (typeof value !== 'boolean') this.fail(path, `expected true or false, found ${kindOf(value)}`);
    return value;
  }

  /** An integer in `min..max`. */
  integer(value: unknown, path: Path, min: number, max = maxInt32): number {
    if (typeof value !== 'number' || !Number.isInteger(value)) this.fail(path, `expected an integer, found ${kindOf(value)}`);
    return this.inRange(value, path, min, max);
  }

  /** `value` if it is in `min..max`. */
  inRange(value: number, path: Path, min: number, max: number): number {
    if (value < min || value > max) this.fail(path, `${value} is out of range ${min}..${max}`);
    return value;
  }

  /** One of `choices`. */
  oneOf<T extends string | number>(value: unknown, path: Path, choices: readonly T[]): T {
    if (!choices.includes(value as T)) this.fail(path, `expected one of ${choices.map((c) => JSON.stringify(c)).join(', ')}, found ${JSON.stringify(value) ?? 'nothing'}`);
    return value as T;
  }
}

/** What a JSON value is, for messages. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value === 'number' && !Number.isInteger(value) ? 'the number' : typeof value === 'number' ? 'the integer' : 'the value'} ${String(value)}`;
}
