import { checkMemcgRef, type DeclaredMemcgs } from './memcgRefs.js';
import type { Problems } from './problems.js';
import type { MemcgMember } from './readProcesses.js';

/**
 * Checks the processes that name a memcg: the memcg must be declared,
 * and since their pages are charged to it at the start, their sum (the
 * starting usage) must not exceed its limit — reported at the limit,
 * naming the processes. A memcg with a member whose name or pages are
 * unreadable is not summed (that member is reported already).
 */
export function checkMemcgMembers(members: readonly MemcgMember[], declared: DeclaredMemcgs, problems: Problems): void {
  const byMemcg = new Map<string, MemcgMember[]>();
  for (const member of members) {
    const problem = checkMemcgRef(member.memcg, declared);
    if (problem !== undefined) {
      problems.add(member.path, problem);
      continue;
    }
    byMemcg.set(member.memcg, [...(byMemcg.get(member.memcg) ?? []), member]);
  }
  for (const [memcg, group] of byMemcg) {
    const declaredLimit = declared.limits?.get(memcg);
    if (declaredLimit?.limit === undefined) continue;
    if (group.some((m) => m.process === undefined || m.pages === undefined)) continue;
    const usage = group.reduce((sum, m) => sum + m.pages!, 0);
    if (usage <= declaredLimit.limit) continue;
    const charged = group.filter((m) => m.pages! > 0).map((m) => m.process!);
    problems.add(declaredLimit.path, `limit ${declaredLimit.limit} is below the starting usage ${usage} (pages of ${charged.join(', ')})`);
  }
}
