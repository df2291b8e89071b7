import { defineOp } from './opSpec.js';

/**
 * User space: kill(2) SIGKILL to every thread of `process` (no
 * TIF_MEMDIE: that is the OOM killer's). Its transition is in
 * transitions/userspace.ts.
 */
export const killSpec = defineOp({
  name: 'kill',
  description: 'user space: kill(2) SIGKILL to every thread of `process`',
  operands: { required: ['process'], optional: [] },
  userSpace: true,
});
