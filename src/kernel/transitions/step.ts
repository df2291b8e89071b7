import type { Knobs } from '../design/knobs/index.js';
import type { Layout } from '../layout.js';
import type { KernelState } from '../state.js';
import type { KernelNames } from './kernelNames.js';
import type { StepEvent } from './stepEvent.js';

/** What every transition reads: the scenario's layout and the design's knobs. */
export interface Context {
  readonly layout: Layout;
  readonly knobs: Knobs;
  /** The kernel's names as of the design's release, for the event texts. */
  readonly names: KernelNames;
}

/**
 * One atomic step of an actor: what it does, as typed events whose texts
 * make its label in kernel vocabulary (`labelOf`), and a recipe that
 * applies it: it changes a copy of the state in place (`copyState`), as
 * an immer recipe changes its draft, and returns nothing. An actor that
 * cannot move (blocked on a lock, finished) has no step.
 */
export interface Step {
  /**
   * The step's events, built when asked: labels and traces ask, the search
   * does not (building their texts cost it more than the step itself).
   */
  readonly events: () => readonly StepEvent[];
  readonly apply: (draft: KernelState) => void;
}

/** A task's name. */
export function taskName(ctx: Context, task: number): string {
  return ctx.layout.tasks[task].name;
}

/** The lock's kernel-style name: `&i_mutex`, `&victim->mm->mmap_sem`. */
export function lockName(ctx: Pick<Context, 'layout'>, lock: number): string {
  const info = ctx.layout.locks[lock];
  return info.kind === 'mutex' ? `&${info.name}` : `&${info.name.replace('.mmap_sem', '')}->mm->mmap_sem`;
}

/** `1 page`, `8 pages`. */
export function pagesText(n: number): string {
  return `${n} page${n === 1 ? '' : 's'}`;
}

/**
 * Frees `pages` pages of mm `mm` (on a draft): back to the freelist, and
 * uncharged from its memcg if it has one.
 */
export function freeMmPages(ctx: Context, d: KernelState, mm: number, pages: number): void {
  d.free += pages;
  const memcg = ctx.layout.mms[mm].memcg;
  if (memcg !== -1) d.memcgs[memcg].usage -= pages;
}

/** Index of the mm task `t` uses. */
export function mmOfTask(ctx: Context, t: number): number {
  return ctx.layout.processes[ctx.layout.tasks[t].process].mm;
}
