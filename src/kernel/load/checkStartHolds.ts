import { formatPath } from './path.js';
import type { Problems } from './problems.js';
import type { ResolvedHold, ResolvedThread } from './resolveThreadLocks.js';

/**
 * Reports locks that two threads hold at the start in modes that exclude
 * each other: a mutex or a write-held `mmap_sem` has one holder; readers
 * share an `mmap_sem` only with readers. Each conflict is reported at the
 * later holder (document order), naming the earlier one.
 */
export function checkStartHolds(threads: readonly ResolvedThread[], problems: Problems): void {
  const holders = new Map<string, { thread: string; hold: ResolvedHold }[]>();
  for (const { site, holds } of threads) {
    for (const hold of holds) {
      const earlier = holders.get(hold.key) ?? [];
      const clash = earlier.find((e) => e.hold.mode === 'write' || hold.mode === 'write');
      if (clash) {
        const mode = (h: ResolvedHold): string => (h.kind === 'mutex' ? '' : ` for ${h.mode}`);
        problems.add(
          hold.path,
          `${site.thread.name} starts holding ${hold.key}${mode(hold)}, but ${clash.thread} (${formatPath(clash.hold.path.slice(0, 4))}) ` +
            `starts holding it${mode(clash.hold)}${hold.kind === 'mutex' ? ' too: a mutex has one owner' : ''}`,
        );
        continue;
      }
      holders.set(hold.key, [...earlier, { thread: site.thread.name, hold }]);
    }
  }
}
