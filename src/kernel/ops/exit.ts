import { defineOp } from './opSpec.js';

/**
 * do_exit(): exit_mm (drops the mm; the last user tears it down),
 * exit_oom_victim, and the rest, in one operation; after an `exit_mm`
 * operation, only the rest of do_exit() (the task is then gone). Its
 * transition is `exitStep` (transitions/exit.ts).
 */
export const exitSpec = defineOp({
  name: 'exit',
  description: 'do_exit(): exit_mm drops the mm, exit_oom_victim clears TIF_MEMDIE (after exit_mm: only the rest of do_exit()); no lock may be held',
  operands: { required: [], optional: [] },
  userSpace: false,
});
