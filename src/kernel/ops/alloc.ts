import { gfpText } from '../gfp.js';
import { defineOp, type ResolvedOpOf } from './opSpec.js';

/** An allocation, resolved: pages, the parsed GFP mask and the context. */
type ResolvedAlloc = ResolvedOpOf<'alloc', 'pages', 'gfp' | 'context'>;

/**
 * The GFP mask and context of an allocation as extra operands: none for
 * the defaults (GFP_KERNEL from a system call), the mask, or the mask and
 * the context: `GFP_NOFS|__GFP_NOFAIL`, `GFP_KERNEL, user-fault`.
 */
export function allocExtras(op: ResolvedAlloc): string[] {
  const gfp = gfpText(op.gfp);
  if (op.context !== 'syscall') return [gfp, op.context];
  return gfp === 'GFP_KERNEL' ? [] : [gfp];
}

/**
 * Allocate `pages` pages of a small order (≤ PAGE_ALLOC_COSTLY_ORDER).
 * A task of a process in a memcg first charges them to it (try_charge),
 * then takes them from the page allocator. May enter the slow path:
 * retry, the OOM killer under `oom_lock`, reserves for victims; or the
 * memcg OOM path. `gfp` (default `GFP_KERNEL`) and `context` (default
 * `syscall`) decide whether the OOM killer may be invoked and what error
 * a failure returns (see `gfp.ts` and `AllocContext`). Its transition is
 * `allocStep` (transitions/allocator.ts).
 */
export const allocSpec = defineOp({
  name: 'alloc',
  description:
    "allocate `pages` pages, charged first to the process's memcg if it has one; `gfp` (default GFP_KERNEL: retries until it succeeds, may invoke the OOM killer) " +
    'and `context` (default syscall; user-fault, kernel-fault, put_user) decide whether it may invoke the OOM killer and what a failure returns',
  operands: { required: ['pages'], optional: ['gfp', 'context'] },
  userSpace: false,
  pagesAtLeast: 1,
  // The defaults stay unwritten: `alloc(1)`, `alloc(1, GFP_NOFS|__GFP_NOFAIL, put_user)`.
  text: (_layout, op) => `alloc(${[String(op.pages), ...allocExtras(op)].join(', ')})`,
});
