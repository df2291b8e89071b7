import { invariant } from '../src/engine/index.js';
import type { KernelProperty } from './kernelProperty.js';

/**
 * `no-spurious-enomem`: a system call, a kernel fault or a `put_user()`
 * never fails only because of a memcg OOM — the failure seed 000 is
 * about: with 3.12's deferred memcg OOM handling a charge outside a user
 * fault returns -ENOMEM, and `put_user()` turns that into -EFAULT, which
 * user space cannot tell from a bad pointer. Failures the caller asked
 * for (`__GFP_NORETRY`, `__GFP_RETRY_MAYFAIL`, `__GFP_KILLABLE` on
 * SIGKILL) and a TIF_MEMDIE task's failed reserve allocation do not count.
 * Safety (an invariant on a sticky flag such a failure sets); the
 * counterexample is a shortest path to it.
 */
export const noSpuriousEnomem: KernelProperty = {
  name: 'no-spurious-enomem',
  summary: 'no system call, kernel fault or put_user() fails only because of a memcg OOM',
  build: () => [invariant('no-spurious-enomem', (s) => !s.spuriousError)],
};
