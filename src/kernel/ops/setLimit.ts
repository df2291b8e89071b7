import { defineOp } from './opSpec.js';

/**
 * User space: raise the memcg's `memory.limit_in_bytes` to `pages` (wakes
 * its OOM waiters). Only raising is modelled: the loader rejects a value
 * below the declared limit (load/checkOpRefs.ts). Its transition is in
 * transitions/userspace.ts.
 */
export const setLimitSpec = defineOp({
  name: 'set_limit',
  description: "user space: raise the memcg's memory.limit_in_bytes to `pages`",
  operands: { required: ['memcg', 'pages'], optional: [] },
  userSpace: true,
  pagesAtLeast: 0,
});
