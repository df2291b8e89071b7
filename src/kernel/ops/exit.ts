import { defineOp } from './opSpec.js';

/** do_exit(): exit_mm (drops the mm; the last user tears it down), exit_oom_victim. Its transition is `exitStep` (transitions/exit.ts). */
export const exitSpec = defineOp({
  name: 'exit',
  description: 'do_exit(): exit_mm drops the mm, exit_oom_victim clears TIF_MEMDIE; no lock may be held',
  operands: { required: [], optional: [] },
  userSpace: false,
});
