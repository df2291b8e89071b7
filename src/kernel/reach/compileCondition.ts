import type { Predicate } from '../../engine/index.js';
import type { KernelState } from '../state.js';
import type { Context } from '../transitions/step.js';
import type { AtomOperands, LockTarget } from './atoms.js';
import type { Condition, NameRef, WrittenOperands } from './condition.js';

function indexOf(names: readonly { readonly name: string }[], ref: NameRef, what: string): number {
  const i = names.findIndex((n) => n.name === ref.name);
  if (i < 0) throw new Error(`reach condition: no ${what} named "${ref.name}" (the condition should have been parsed with the scenario's names)`);
  return i;
}

function lockTarget(ctx: Context, ref: NameRef): LockTarget {
  const { name } = ref;
  if (name === 'oom_lock') return { kind: 'oom_lock' };
  if (name === 'mmap_sem') return { kind: 'own-mmap_sem' };
  if (name.endsWith('.oom_lock')) return { kind: 'memcg-oom-lock', memcg: indexOf(ctx.layout.memcgs, { ...ref, name: name.slice(0, -'.oom_lock'.length) }, 'memcg') };
  return { kind: 'lock', index: indexOf(ctx.layout.locks, ref, 'lock') };
}

function resolve(ctx: Context, o: WrittenOperands): AtomOperands {
  const { layout } = ctx;
  return {
    ...(o.task ? { task: indexOf(layout.tasks, o.task, 'task') } : {}),
    ...(o.process ? { process: indexOf(layout.processes, o.process, 'process') } : {}),
    ...(o.memcg ? { memcg: indexOf(layout.memcgs, o.memcg, 'memcg') } : {}),
    ...(o.lock ? { lock: lockTarget(ctx, o.lock) } : {}),
    ...(o.compare ? { compare: o.compare } : {}),
    ...(o.number !== undefined ? { number: o.number } : {}),
  };
}

/**
 * The state predicate of `c` on the model of `ctx` (its layout and
 * knobs): names resolved once, here, so the search only evaluates.
 * @throws {Error} for a name the layout lacks (parse with the scenario's names first)
 */
export function compileCondition(c: Condition, ctx: Context): Predicate<KernelState> {
  switch (c.kind) {
    case 'not': {
      const operand = compileCondition(c.operand, ctx);
      return (s) => !operand(s);
    }
    case 'and': {
      const parts = c.operands.map((o) => compileCondition(o, ctx));
      return (s) => parts.every((p) => p(s));
    }
    case 'or': {
      const parts = c.operands.map((o) => compileCondition(o, ctx));
      return (s) => parts.some((p) => p(s));
    }
    case 'atom': {
      const { atom, operands } = c;
      const o = resolve(ctx, operands);
      const subject = operands.subject;
      if (subject === undefined) return (s) => atom.holds(ctx, s, o, -1);
      const tasks = ctx.layout.tasks.map((_, t) => t);
      switch (subject.kind) {
        case 'task': {
          const t = indexOf(ctx.layout.tasks, subject.task, 'task');
          return (s) => atom.holds(ctx, s, o, t);
        }
        case 'any':
          return (s) => tasks.some((t) => atom.holds(ctx, s, o, t));
        case 'every':
          return (s) => tasks.every((t) => atom.holds(ctx, s, o, t));
        case 'no':
          return (s) => !tasks.some((t) => atom.holds(ctx, s, o, t));
        case 'atLeast':
          return (s) => tasks.filter((t) => atom.holds(ctx, s, o, t)).length >= subject.count;
      }
    }
  }
}
