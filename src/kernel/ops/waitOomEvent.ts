import { defineOp } from './opSpec.js';

/**
 * User space: block in read() on the memcg's OOM eventfd (cgroup v1
 * `memory.oom_control` notification) until the group is under OOM — a
 * task of it asleep on the memcg OOM waitqueue. Its transition is in
 * transitions/userspace.ts.
 */
export const waitOomEventSpec = defineOp({
  name: 'wait_oom_event',
  description: "user space: read() the memcg's OOM eventfd (memory.oom_control); blocks until a task of the group sleeps in its OOM",
  operands: { required: ['memcg'], optional: [] },
  userSpace: true,
});
