import { defineOp } from './opSpec.js';

/**
 * do_exit() up to and including exit_mm(): PF_EXITING, then the mm is
 * dropped (its last user runs exit_mmap()). The task lives on without an
 * mm — the rest of do_exit() (exit_files(), task_work's __fput(),
 * exit_notify()) — running the operations that follow, which may only be
 * lock operations and allocations from the kernel (no user fault, no
 * put_user(), no user-space operation), until `exit` ends it. Its
 * transition is `exitStep` (transitions/exit.ts).
 */
export const exitMmSpec = defineOp({
  name: 'exit_mm',
  description:
    'do_exit() up to exit_mm(): PF_EXITING, the mm dropped (the last user runs exit_mmap()); the operations after it run with no mm (lock operations and kernel allocations only), then exit',
  operands: { required: [], optional: [] },
  userSpace: false,
});
