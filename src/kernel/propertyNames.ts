/** Names of the kernel properties (implemented in properties/), in display order. */
export const propertyNames = [
  'no-deadlock',
  'no-oom-livelock',
  'victim-always-handled',
  'no-needless-kill',
  'no-panic',
  'no-reaper-lockup',
  'no-spurious-enomem',
  'bounded-overcharge',
  'no-kill-after-race',
] as const;

/** A kernel property name. */
export type PropertyName = (typeof propertyNames)[number];

/** The properties checked per task, which `NAME[TASK]` can restrict to one task. */
export const perTaskPropertyNames = ['no-oom-livelock', 'victim-always-handled'] as const satisfies readonly PropertyName[];

/** Whether `name` is a per-task property. */
export function isPerTaskProperty(name: string): boolean {
  return (perTaskPropertyNames as readonly string[]).includes(name);
}

/**
 * A property reference: a property name (`no-oom-livelock`: every task)
 * or a name and a thread (`no-oom-livelock[H]`: task H only, for the
 * per-task properties).
 */
export interface PropertyRef {
  readonly property: string;
  readonly thread?: string;
}

/**
 * Splits `no-oom-livelock[H]` into the property and the thread: the one
 * parser of property references, for the loader, the checker, the CLI
 * and the trace readers. It does not judge: an unknown name or an empty
 * thread is left to the caller's check.
 */
export function parsePropertyRef(ref: string): PropertyRef {
  const m = /^(.*)\[([^\]]*)\]$/s.exec(ref);
  return m ? { property: m[1], thread: m[2] } : { property: ref };
}
