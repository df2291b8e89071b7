import type { Op } from '../scenario.js';
import { checkMemcgRef, type DeclaredMemcgs } from './memcgRefs.js';
import type { Problems } from './problems.js';
import type { ThreadSite } from './readProcesses.js';
import { suggestion } from './suggest.js';

/**
 * Checks the operands of a thread's program that name memcgs and
 * processes: `wait_oom_event` and `set_limit` a declared memcg, `kill` a
 * declared process (not judged when a list is unreadable). `set_limit`
 * may only raise the limit: only that is modelled (lowering it would
 * need reclaim down to the new limit), so its `pages` must be at least
 * the memcg's declared `limit`.
 */
export function checkOpRefs(site: ThreadSite, memcgs: DeclaredMemcgs, processes: ReadonlySet<string> | undefined, problems: Problems): void {
  site.thread.program.forEach((op: Op, i) => {
    const at = [...site.path, 'program', i];
    if (op.op === 'kill') {
      if (processes && !processes.has(op.process)) problems.add([...at, 'process'], `no process named '${op.process}'${suggestion(op.process, [...processes])}`);
      return;
    }
    if (op.op !== 'wait_oom_event' && op.op !== 'set_limit') return;
    const problem = checkMemcgRef(op.memcg, memcgs);
    if (problem !== undefined) {
      problems.add([...at, 'memcg'], problem);
      return;
    }
    const limit = memcgs.limits?.get(op.memcg)?.limit;
    if (op.op === 'set_limit' && limit !== undefined && op.pages < limit) {
      problems.add([...at, 'pages'], `set_limit to ${op.pages} page${op.pages === 1 ? '' : 's'} would lower ${op.memcg}'s limit of ${limit}: only raising the limit is modelled`);
    }
  });
}
