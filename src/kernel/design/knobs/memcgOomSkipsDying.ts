import { defineKnob } from '../knob.js';

/**
 * Whether mem_cgroup_out_of_memory() kills nobody when its caller is
 * itself dying. In 4.19 a thread killed while it waited for oom_lock went
 * on into out_of_memory(), whose dying-task shortcut it no longer took
 * once the reaper had flagged its mm (MMF_OOM_SKIP), and so chose a second
 * victim — or none, flooding the log. 7775face2079 (Tetsuo Handa, 5.1,
 * "memcg: killed threads should not invoke memcg OOM killer"): after
 * taking oom_lock, `should_force_charge() || out_of_memory()` — an OOM
 * victim, a task with SIGKILL pending or an exiting one returns at once,
 * and try_charge() forces its charge.
 */
export const memcgOomSkipsDying = defineKnob({
  name: 'memcgOomSkipsDying',
  description: 'mem_cgroup_out_of_memory() kills nobody when current is dying (OOM victim, SIGKILL pending, PF_EXITING): the charge is retried and forced (5.1, 7775face2079)',
  values: [false, true],
  defaultValue: false,
  sinceTraceVersion: 3,
});
