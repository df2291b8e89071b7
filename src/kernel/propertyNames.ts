/** Names of the kernel properties (implemented in properties/), in display order. */
export const propertyNames = ['no-deadlock', 'no-oom-livelock', 'victim-always-handled', 'no-needless-kill', 'no-panic', 'no-reaper-lockup', 'no-spurious-enomem', 'bounded-overcharge'] as const;

/** A kernel property name. */
export type PropertyName = (typeof propertyNames)[number];
