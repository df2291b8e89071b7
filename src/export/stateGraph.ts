import type { ExploreObserver } from '../engine/index.js';
import type { KernelVerdict } from '../check/index.js';
import { AllocStage, opText, type KernelAction, type KernelModel, type KernelState, type Layout } from '../kernel/index.js';

/** The most states a state graph records: beyond this a drawing is unreadable and Graphviz takes minutes. */
export const STATE_GRAPH_MAX_STATES = 10_000;

/** Collects the explored graph of one search (as its `observe`), then renders it as Graphviz DOT. */
export interface StateGraphRecorder {
  readonly observe: (model: KernelModel) => ExploreObserver<KernelState, KernelAction>;
  /** States recorded so far. */
  readonly states: number;
  /** Transitions recorded so far. */
  readonly transitions: number;
  /** More than {@link STATE_GRAPH_MAX_STATES} states were found: recording stopped, and {@link dot} throws. */
  readonly overflowed: boolean;
  /**
   * The graph as DOT: one node per state (its summary, the initial state
   * drawn double), one edge per transition (`actor: step`), states where
   * a verdict's counterexample ends (safety) or loops (liveness) filled.
   * @throws {RangeError} if the graph overflowed
   */
  dot(title: string, verdicts: readonly KernelVerdict[]): string;
}

/** `text` escaped for a DOT double-quoted string. */
const escaped = (text: string): string => text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/** `text` as a DOT double-quoted string. */
const dotString = (text: string): string => `"${escaped(text)}"`;

/** Lines as a DOT label, each left-justified (ended by `\l`). */
const quoted = (lines: readonly string[]): string => `"${lines.map((l) => `${escaped(l)}\\l`).join('')}"`;

/** Where in an allocation a task is, briefly (plainState's words, shortened for a node). */
const stageWords: Record<AllocStage, string> = {
  [AllocStage.None]: '',
  [AllocStage.Retry]: 'allocator (retry)',
  [AllocStage.LastSecond]: 'last-second attempt',
  [AllocStage.OutOfMemory]: 'out_of_memory()',
  [AllocStage.ChargeOom]: 'try_charge over limit',
  [AllocStage.MemcgOom]: 'mem_cgroup_out_of_memory()',
  [AllocStage.MemcgWait]: 'memcg_oom_waitq',
  [AllocStage.FaultUnwound]: 'fault unwound (VM_FAULT_OOM)',
  [AllocStage.ChargeRetry]: 'try_charge (retry)',
  [AllocStage.RetrySleep]: 'trylock lost: asleep 1 tick',
  [AllocStage.OomSleep]: 'holds oom_lock: asleep 1 tick',
  [AllocStage.OomUnlock]: 'holds oom_lock: awake',
};

/**
 * A state in a few lines of kernel words: per task where it is (its next
 * op, or its allocator stage) and its flags; free pages, oom_lock and the
 * lock holders; mms freed or reaped; memcg usage; the reaper when busy.
 */
export function stateSummary(layout: Layout, s: KernelState): string[] {
  const name = (t: number) => layout.tasks[t].name;
  const lines = layout.tasks.map((info, t) => {
    const task = s.tasks[t];
    const op = info.program[task.pc];
    const where = task.exited ? 'exited' : task.alloc !== AllocStage.None ? `${opText(layout, op)} in ${stageWords[task.alloc]}` : op === undefined ? 'done' : opText(layout, op);
    const flags = [task.exiting && !task.exited ? 'PF_EXITING' : '', task.fatalSignal && !task.exited ? 'SIGKILL' : '', task.memdie ? 'TIF_MEMDIE' : ''].filter((f) => f !== '');
    return `${info.name}: ${where}${flags.length > 0 ? ` [${flags.join(' ')}]` : ''}`;
  });
  const held = layout.locks.flatMap((l, i) => {
    const lock = s.locks[i];
    const readers = layout.tasks.flatMap((_, t) => ((lock.readers >> t) & 1 ? [name(t)] : []));
    if (lock.writer !== -1) return [`${l.name}: ${name(lock.writer)}`];
    return readers.length > 0 ? [`${l.name}: ${readers.join(',')} (read)`] : [];
  });
  lines.push([`free ${s.free}`, ...(s.oomLock === -1 ? [] : [`oom_lock: ${name(s.oomLock)}`]), ...held].join(', '));
  const mms = layout.mms.flatMap((p, i) => {
    const mm = s.mms[i];
    const words = [mm.freed ? 'freed' : '', mm.reaped ? 'reaped' : '', mm.flagged ? 'MMF_OOM_SKIP' : ''].filter((w) => w !== '');
    return words.length > 0 ? [`${p.name} mm ${words.join(' ')}`] : [];
  });
  if (mms.length > 0) lines.push(mms.join(', '));
  if (layout.memcgs.length > 0) lines.push(layout.memcgs.map((m, i) => `${m.name} ${s.memcgs[i].usage}/${s.memcgs[i].limit}`).join(', '));
  if (s.reaper.current !== -1) lines.push(`oom_reaper: reaping ${name(s.reaper.current)}`);
  if (s.panicked) lines.push('PANIC');
  return lines;
}

/**
 * A recorder for one search's graph, up to {@link STATE_GRAPH_MAX_STATES}
 * states. Node labels and edge labels are computed as the search finds
 * them (only a search that records pays for them).
 */
export function stateGraphRecorder(): StateGraphRecorder {
  let model: KernelModel | undefined;
  const nodes: string[] = [];
  const keys = new Map<string, number>();
  const edges: string[] = [];
  let overflowed = false;
  let key: (s: KernelState) => string = () => '';
  return {
    get states() {
      return nodes.length;
    },
    get transitions() {
      return edges.length;
    },
    get overflowed() {
      return overflowed;
    },
    observe(m) {
      model = m;
      const words = new Int32Array(m.codec.width);
      key = (s) => {
        m.codec.encode(s, words, 0);
        return words.join(',');
      };
      return {
        onState(id, state) {
          if (overflowed || id >= STATE_GRAPH_MAX_STATES) {
            overflowed = true;
            return;
          }
          nodes[id] = quoted(stateSummary(m.layout, state));
          keys.set(key(state), id);
        },
        onTransition(from, state, action, actor, to) {
          if (overflowed) return;
          const step = m.stepEvents(state, action).map((e) => e.text);
          edges.push(`  s${from} -> s${to} [label=${quoted([`${m.actorNames[actor]}: ${step[0] ?? ''}`, ...step.slice(1).map((t) => `  ${t}`)])}];`);
        },
      };
    },
    dot(title, verdicts) {
      if (model === undefined) throw new Error('stateGraphRecorder: no search was observed');
      if (overflowed) throw new RangeError(`stateGraphRecorder: more than ${STATE_GRAPH_MAX_STATES} states`);
      const marks = violationMarks(verdicts, (s) => keys.get(key(s)));
      const initials = new Set(model.initialStates().map((s) => keys.get(key(s))));
      const lines = nodes.map((label, id) => {
        const mark = marks.get(id);
        const attrs = [`label=${label}`, ...(initials.has(id) ? ['peripheries=2'] : []), ...(mark ? [`style=filled`, `fillcolor="${mark.color}"`, `tooltip=${dotString(mark.why.join('; '))}`] : [])];
        return `  s${id} [${attrs.join(', ')}];`;
      });
      return [
        `digraph ${dotString(title)} {`,
        `  // ${nodes.length} states, ${edges.length} transitions. A node: per task the op it runs next (or where in the allocator it is) and its flags, then free pages and lock holders.`,
        "  // Double border: the initial state; red: a safety violation ends here; orange: on a liveness counterexample's cycle.",
        '  node [shape=box, fontname="monospace", fontsize=10];',
        '  edge [fontname="monospace", fontsize=9];',
        ...lines,
        ...edges,
        '}',
        '',
      ].join('\n');
    },
  };
}

/** The states a verdict's counterexample marks: where a safety trace ends (red), the states of a lasso's cycle (orange). */
function violationMarks(verdicts: readonly KernelVerdict[], idOf: (s: KernelState) => number | undefined): Map<number, { color: string; why: string[] }> {
  const marks = new Map<number, { color: string; why: string[] }>();
  const mark = (id: number | undefined, color: string, why: string) => {
    if (id === undefined) return;
    const m = marks.get(id) ?? { color, why: [] };
    if (color === 'red') m.color = color;
    if (!m.why.includes(why)) m.why.push(why);
    marks.set(id, m);
  };
  for (const v of verdicts) {
    const cex = v.counterexample;
    if (cex === undefined) continue;
    const states = [cex.initial, ...cex.steps.map((s) => s.state)];
    const property = v.failing ?? v.property;
    if (cex.loopStart === undefined) mark(idOf(states[states.length - 1]), 'red', `${property} violated`);
    else for (const s of states.slice(cex.loopStart)) mark(idOf(s), 'orange', `${property}: on the cycle`);
  }
  return marks;
}
