/** A value a knob can take. */
export type KnobValue = string | number | boolean;

/**
 * A design knob: one mechanism of the kernel's OOM handling, with the
 * values it can take. A design is a value for every knob; presets name
 * the designs of kernel history and the seeds. Each knob is declared once,
 * with {@link defineKnob}, in its own file of `knobs/`; the `Knobs` type,
 * the schemas, the CLI's help and the trace readers derive from it.
 */
export interface KnobSpec<N extends string = string, V extends KnobValue = KnobValue> {
  readonly name: N;
  /** What the knob changes, in kernel terms. */
  readonly description: string;
  /** The allowed values: a list, or an inclusive integer range. */
  readonly values: readonly V[] | { readonly min: number; readonly max: number };
  /** The value when no preset or override sets it. */
  readonly defaultValue: V;
  /**
   * The first trace format version (`schemaVersion`) that records the
   * knob; default 1. A trace of an older version has no value for it and
   * takes its preset's, which is what the model did before the knob existed.
   */
  readonly sinceTraceVersion?: number;
  /** The knob acts only in a scenario with `cpus` (a sleep is a step only there): the CLI notes a `--knob` of it on a scenario without. */
  readonly onlyWithCpus?: boolean;
}

/** What {@link defineKnob} takes for a knob with a list of values. */
interface ListKnob<N extends string, V extends string | boolean> {
  readonly name: N;
  readonly description: string;
  readonly values: readonly V[];
  readonly defaultValue: NoInfer<V>;
  readonly sinceTraceVersion?: number;
  readonly onlyWithCpus?: boolean;
}

/** What {@link defineKnob} takes for a knob with an integer range. */
interface RangeKnob<N extends string> {
  readonly name: N;
  readonly description: string;
  readonly values: { readonly min: number; readonly max: number };
  readonly defaultValue: number;
  readonly sinceTraceVersion?: number;
}

/**
 * Declares a knob, keeping its literal name and the type of its values
 * (the union of the listed values, `boolean` for `[true, false]`, `number`
 * for a range) so that `Knobs` can be derived from the declarations. The
 * default must be one of the listed values (checked by the compiler).
 */
export function defineKnob<const N extends string, const V extends string | boolean>(spec: ListKnob<N, V>): KnobSpec<N, V>;
export function defineKnob<const N extends string>(spec: RangeKnob<N>): KnobSpec<N, number>;
export function defineKnob(spec: KnobSpec): KnobSpec {
  return spec;
}

/** The type of the values of knob `K`: `'none' | 'slot' | 'queue'`, `boolean`, `number`. */
export type KnobValueOf<K extends KnobSpec> = K['defaultValue'];

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
