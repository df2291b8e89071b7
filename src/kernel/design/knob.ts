/**
 * A design knob: one mechanism of the kernel's OOM handling, with the
 * values it can take. A design is a value for every knob; presets name
 * the designs of kernel history and the seeds.
 */
export interface KnobSpec<V extends string | number | boolean = string | number | boolean> {
  readonly name: string;
  /** What the knob changes, in kernel terms. */
  readonly description: string;
  /** The allowed values: a list, or an inclusive integer range. */
  readonly values: readonly V[] | { readonly min: number; readonly max: number };
  /** The value when no preset or override sets it. */
  readonly defaultValue: V;
}

/** Whether `value` is allowed for `knob`. */
export function knobAccepts(knob: KnobSpec, value: unknown): boolean {
  const { values } = knob;
  if (Array.isArray(values)) return values.includes(value as never);
  const range = values as { min: number; max: number };
  return typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max;
}

/** The allowed values of `knob`, for messages: `a | b | c` or `1..10`. */
export function describeValues(knob: KnobSpec): string {
  const { values } = knob;
  if (Array.isArray(values)) return values.map((v) => String(v)).join(' | ');
  const range = values as { min: number; max: number };
  return `${range.min}..${range.max}`;
}
