/** Names of the kernel properties (implemented in properties/), in display order. */
export const propertyNames = ['no-deadlock', 'no-oom-livelock', 'victim-always-handled', 'no-needless-kill', 'no-panic', 'no-reaper-lockup', 'no-spurious-enomem', 'bounded-overcharge'] as const;

/** A kernel property name. */
export type PropertyName = (typeof propertyNames)[number];

/** The properties checked per task, which `NAME[TASK]` can restrict to one task. */
export const perTaskPropertyNames = ['no-oom-livelock', 'victim-always-handled'] as const satisfies readonly PropertyName[];

/** Whether `name` is a per-task property. */
export function isPerTaskProperty(name: string): boolean {
  return (perTaskPropertyNames as readonly string[]).includes(name);
}
