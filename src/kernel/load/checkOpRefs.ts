import type { Op } from '../scenario.js';
import { checkMemcgRef, type DeclaredMemcgs } from './memcgRefs.js';
import { opOperands } from './opOperands.js';
import type { Problems } from './problems.js';
import type { ThreadSite } from './readProcesses.js';
import { suggestion } from './suggest.js';

/**
 * Checks the operands of a thread's program that name memcgs and
 * processes, whichever operation takes them (`wait_oom_event`,
 * `set_limit`: a memcg; `kill`: a process): a `memcg` operand names a
 * declared memcg, a `process` operand a declared process (not judged when
 * a list is unreadable); an operation stops at its first wrong operand.
 * `set_limit` may only raise the limit: only that is modelled (lowering
 * it would need reclaim down to the new limit), so its `pages` must be at
 * least the memcg's declared `limit`.
 */
export function checkOpRefs(site: ThreadSite, memcgs: DeclaredMemcgs, processes: ReadonlySet<string> | undefined, problems: Problems): void {
  site.thread.program.forEach((op: Op, i) => {
    const at = [...site.path, 'program', i];
    const operands: Readonly<Record<string, unknown>> = op;
    const { required, optional } = opOperands[op.op];
    for (const field of [...required, ...optional]) {
      const name = operands[field] as string;
      const problem =
        field === 'memcg' ? checkMemcgRef(name, memcgs) : field === 'process' && processes && !processes.has(name) ? `no process named '${name}'${suggestion(name, [...processes])}` : undefined;
      if (problem !== undefined) {
        problems.add([...at, field], problem);
        return;
      }
    }
    if (op.op !== 'set_limit') return;
    const limit = memcgs.limits?.get(op.memcg)?.limit;
    if (limit !== undefined && op.pages < limit) {
      problems.add([...at, 'pages'], `set_limit to ${op.pages} page${op.pages === 1 ? '' : 's'} would lower ${op.memcg}'s limit of ${limit}: only raising the limit is modelled`);
    }
  });
}
