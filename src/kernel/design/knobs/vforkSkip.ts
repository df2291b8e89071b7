import { defineKnob } from '../knob.js';

/**
 * Whether `oom_badness()` skips a vfork child that has not exec'd yet
 * (`in_vfork()`): b18dc5f291c0 "mm, oom: skip vforked tasks from being
 * selected" (4.8). Killing it would free nothing: its mm is its parent's.
 */
export const vforkSkip = defineKnob({
  name: 'vforkSkip',
  description: "oom_badness() returns 0 for a vfork child that has not exec'd (in_vfork(), b18dc5f291c0, 4.8): it is never selected",
  values: [false, true],
  defaultValue: false,
  sinceTraceVersion: 3,
});
