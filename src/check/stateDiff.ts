import { type Layout, plainState, type KernelState } from '../kernel/index.js';

/** One field in which two states differ. */
export interface FieldDifference {
  /** The field, tasks, mms and locks by name: `tasks.T2.memdie`, `locks.i_mutex.writer`, `reaper.next.T3`. */
  readonly field: string;
  readonly a: unknown;
  readonly b: unknown;
}

/** Leaf values of plain data, by dotted path. */
function leaves(value: unknown, path: string, out: Map<string, unknown>): Map<string, unknown> {
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) leaves(v, path === '' ? k : `${path}.${k}`, out);
  } else {
    out.set(path, value);
  }
  return out;
}

/** The leaves in which `a` and `b` differ (a leaf missing from one side is `undefined` there). */
function diffLeaves(a: unknown, b: unknown): FieldDifference[] {
  const la = leaves(a, '', new Map());
  const lb = leaves(b, '', new Map());
  const fields = [...new Set([...la.keys(), ...lb.keys()])];
  return fields.filter((f) => !Object.is(la.get(f), lb.get(f))).map((field) => ({ field, a: la.get(field), b: lb.get(field) }));
}

/** `s` with task, mm, lock and next-pointer lists turned into records keyed by name. */
function named(layout: Layout, s: KernelState): unknown {
  const byName = <T>(names: readonly { name: string }[], items: readonly T[]): Record<string, T> => Object.fromEntries(items.map((item, i) => [names[i]?.name ?? String(i), item]));
  return {
    ...s,
    tasks: byName(layout.tasks, s.tasks),
    mms: byName(layout.mms, s.mms),
    locks: byName(layout.locks, s.locks),
    reaper: { ...s.reaper, next: byName(layout.tasks, s.reaper.next) },
  };
}

/**
 * The fields in which two kernel states differ, by name (`tasks.T2.memdie`);
 * empty when they are equal. Compares every field of {@link KernelState},
 * including those the readable form leaves out (`memdieAborts`, `oomKilled`).
 */
export function diffStates(layout: Layout, a: KernelState, b: KernelState): FieldDifference[] {
  return diffLeaves(named(layout, a), named(layout, b));
}

/**
 * How two states differ in their readable form ({@link plainState}):
 * `tasks.T2: "done [TIF_MEMDIE]"`, one entry per differing line. Empty
 * when they differ only in fields the readable form does not show.
 */
export function diffPlainStates(layout: Layout, a: KernelState, b: KernelState): FieldDifference[] {
  return diffLeaves(plainState(layout, a), plainState(layout, b));
}

/** `field = value` for each difference, side `a` or `b`; JSON for the values. */
export function formatSide(differences: readonly FieldDifference[], side: 'a' | 'b'): string {
  return differences.map((d) => `${d.field} = ${d[side] === undefined ? '(none)' : JSON.stringify(d[side])}`).join(', ');
}
