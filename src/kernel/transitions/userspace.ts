import type { ResolvedOp } from '../layout.js';
import type { UserSpaceOpName } from '../ops/index.js';
import type { KernelState } from '../state.js';
import { memcgUnderOom } from './charge.js';
import type { Context, Step } from './step.js';
import { event } from './stepEvent.js';

/** The operations a task runs in user space: a userspace OOM handler's (cgroup v1 `oom_kill_disable`). */
export type UserspaceOp = Extract<ResolvedOp, { readonly op: UserSpaceOpName }>;

/**
 * The next step of task `t` running user-space operation `op`:
 * - `wait_oom_event`: read() on the memcg's OOM eventfd returns once a
 *   task of the group sleeps in its OOM; until then the task is idle;
 * - `kill`: kill(2) SIGKILL to every live thread of the process — which
 *   wakes its TASK_KILLABLE sleepers, not the ones in mutex_lock();
 * - `set_limit`: a write to memory.limit_in_bytes (memcg_oom_recover()
 *   wakes the group's OOM sleepers if their charge now fits).
 */
export function userspaceStep(ctx: Context, s: KernelState, t: number, op: UserspaceOp): Step | undefined {
  const advance = (d: KernelState) => {
    d.tasks[t].pc++;
  };
  switch (op.op) {
    case 'wait_oom_event':
      if (!memcgUnderOom(ctx, s, op.memcg)) return undefined;
      return { events: () => [event('oom-event-read', `read(memory.oom_control eventfd): memcg ${ctx.layout.memcgs[op.memcg].name} is under OOM`, { memcg: op.memcg })], apply: advance };
    case 'kill': {
      const process = ctx.layout.processes[op.process];
      return {
        events: () => [event('sigkill-sent', `kill(${process.name}, SIGKILL)`, { process: op.process })],
        apply: (d) => {
          for (const u of process.tasks) if (!d.tasks[u].exited) d.tasks[u].fatalSignal = true;
          advance(d);
        },
      };
    }
    case 'set_limit': {
      const name = ctx.layout.memcgs[op.memcg].name;
      return {
        events: () => [event('limit-set', `write ${op.pages} pages to ${name}/memory.limit_in_bytes: memcg_oom_recover()`, { memcg: op.memcg, pages: op.pages })],
        apply: (d) => {
          d.memcgs[op.memcg].limit = op.pages;
          advance(d);
        },
      };
    }
  }
}

/** Whether task `t` is idle in user space: blocked in read() on an OOM eventfd that has not fired. */
export function waitsForOomEvent(ctx: Pick<Context, 'layout' | 'knobs'>, s: KernelState, t: number): boolean {
  const op = ctx.layout.tasks[t].program[s.tasks[t].pc];
  return op?.op === 'wait_oom_event' && !memcgUnderOom(ctx, s, op.memcg);
}
