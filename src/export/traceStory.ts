import { kernelNames, type Knobs, layoutOf, type Layout, type KernelState, parsePropertyRef, presetNamed, presetRelease, taskFinished, tasksNotScheduled } from '../kernel/index.js';
import { fairnessMeaning } from './checkedUnder.js';
import { stepParts, timelineEvents, type StepParts } from './stepParts.js';
import { situation, slowPathName } from './taskSituation.js';
import type { TraceDocument } from './traceDocument.js';
import { reapEvent, type TraceEvent } from './traceEvents.js';

/*
 * The account reads what each step did (its events, which the kernel
 * model recomputes from the state before it) as well as the states: a
 * state says TIF_MEMDIE is set, not that a wake-up was dropped. A step
 * the model does not recognise only makes the account vaguer.
 */

/** A trace with what every part of the account needs. */
interface Story {
  readonly doc: TraceDocument;
  readonly layout: Layout;
  readonly knobs: Knobs;
  readonly parts: readonly StepParts[];
  /** The events of each step (`[number - 1]`), with their timeline texts. */
  readonly events: readonly (readonly TraceEvent[])[];
  readonly states: readonly KernelState[];
}

/** `1 page is`, `8 pages are`. */
function pages(n: number): string {
  return n === 1 ? '1 page is' : `${n} pages are`;
}

/** `steps 15–17`, `step 15`. */
function stepRange(from: number, to: number): string {
  return from === to ? `step ${from}` : `steps ${from}–${to}`;
}

/** The distinct items of `xs`, in first-seen order. */
function distinct(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

/** `a`, `a and b`, `a, b and c`. */
function joinAnd(xs: readonly string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/** The step (1-based) from which task `t` has held TIF_MEMDIE without a break up to `states[at]`; 0 when from the start. */
function memdieSince(states: readonly KernelState[], t: number, at: number): number {
  let i = at;
  while (i > 0 && states[i - 1].tasks[t].memdie) i--;
  return i;
}

/** What the OOM reaper did, or failed to do, about victim `v` (index `t`) during the trace. */
function reaperAbout(c: Story, v: string, t: number): string {
  const { parts, events, states, layout, knobs } = c;
  if (knobs.reaper === 'none') return 'there is no OOM reaper in this design';
  const tried = parts.flatMap((p) => {
    const reap = p.task === undefined ? reapEvent(events[p.number - 1]) : undefined;
    return reap?.task === t ? [{ p, reap }] : [];
  });
  const last = tried[tried.length - 1];
  if (last) {
    const sem = layout.processes[layout.tasks[t].process].mmapSem;
    const writer = states[last.p.number - 1].locks[sem].writer;
    const holder = writer === -1 ? '' : ` while ${layout.tasks[writer].name} held it for write`;
    if (last.reap.kind === 'reaper-gave-up') return `the OOM reaper gave up on ${v} at step ${last.p.number}, after ${last.reap.attempts} failed down_read_trylock(&mm->mmap_sem)${holder}`;
    if (last.reap.kind === 'reaper-trylock-failed') return `the OOM reaper keeps failing down_read_trylock(&mm->mmap_sem) on ${v}${holder}`;
    return `the OOM reaper dealt with ${v} at step ${last.p.number} (${last.p.own})`;
  }
  const wakes = parts.flatMap((p) =>
    events[p.number - 1].flatMap((e) => (e.lane === 'oom-killer' && (e.kind === 'reaper-woken' || e.kind === 'reaper-wakeup-dropped') && e.task === t ? [{ p, e }] : [])),
  );
  const wake = wakes[wakes.length - 1];
  if (!wake) {
    // can_oom_reap false: oom_kill_process() spared a process that shares the mm.
    const spared = parts.flatMap((p) => events[p.number - 1].flatMap((e) => (e.kind === 'sharer-spared' ? [{ p, e }] : [])));
    const why = spared[spared.length - 1];
    if (why?.e.kind !== 'sharer-spared') return `the OOM reaper was never woken for ${v}`;
    return `the OOM reaper was never woken for ${v}: can_oom_reap was false at step ${why.p.number}, the mm being shared with unkillable process ${layout.processes[why.e.process].name}`;
  }
  if (wake.e.kind === 'reaper-wakeup-dropped') return `the OOM reaper never looked at ${v}: its wake-up at step ${wake.p.number} was lost (${wake.e.text})`;
  const taken = parts.slice(wake.p.number).flatMap((p) => events[p.number - 1].flatMap((e) => (e.kind === 'reaper-took' ? [layout.tasks[e.task].name] : [])));
  const others = distinct(taken.filter((x) => x !== v));
  const instead = others.length > 0 ? `; it takes ${joinAnd(others)} instead` : '';
  const now = states[c.doc.loop ?? states.length - 1];
  const stuck = now.reaper.current === t ? reaperStuck(c, now) : undefined;
  if (stuck !== undefined) return `the OOM reaper was woken for ${v} at step ${wake.p.number} (${wake.e.text}) and took it, but ${stuck}`;
  return `the OOM reaper was woken for ${v} at step ${wake.p.number} (${wake.e.text}) but never got to it${instead}`;
}

/**
 * Why the OOM reaper, with a victim in hand in `s`, does not reap it:
 * before 4.19 (`reaperTakesOomLock`) it `waits in mutex_lock(&oom_lock),
 * held by L`; with CPUs, a SCHED_NORMAL kthread that takes no step in the
 * cycle `is not scheduled`. Undefined otherwise.
 */
function reaperStuck(c: Story, s: KernelState): string | undefined {
  if (c.knobs.reaperTakesOomLock && s.oomLock !== -1) return `it waits in mutex_lock(&oom_lock), held by ${c.layout.tasks[s.oomLock].name}`;
  const loop = c.doc.loop;
  if (c.layout.cpus > 0 && loop !== undefined && !c.parts.slice(loop).some((p) => p.task === undefined)) {
    return 'it is not scheduled in the cycle (a SCHED_NORMAL kthread; runnable tasks of higher priority fill the CPUs)';
  }
  return undefined;
}

/** The reaper's state in `s`, as a clause. */
function reaperNow(c: Story, s: KernelState): string {
  if (c.knobs.reaper === 'none') return '';
  if (s.reaper.current !== -1) {
    const name = c.layout.tasks[s.reaper.current].name;
    const stuck = reaperStuck(c, s);
    return stuck === undefined ? `the OOM reaper is busy with ${name}` : `the OOM reaper has ${name} in hand but ${stuck}`;
  }
  return s.reaper.head !== -1 ? 'the OOM reaper has victims queued' : 'the OOM reaper is idle';
}

/** The OOM killer entry point step `part` called: `out_of_memory()` or `mem_cgroup_out_of_memory()`. */
function oomCall(c: Story, part: StepParts): string {
  return c.events[part.number - 1].find((e) => e.kind === 'oom-entered')?.text ?? 'out_of_memory()';
}

/** What the OOM killer does in `cycle`, per caller: `, and in them H's out_of_memory() always ends in "…"`. */
function oomInCycle(c: Story, cycle: readonly StepParts[]): string {
  const calls = cycle.filter((p) => p.oomKiller.length > 0);
  const callers = distinct(calls.map((p) => p.actor));
  if (callers.length === 0) return '';
  const each = callers.map((caller, i) => {
    const own = calls.filter((p) => p.actor === caller);
    const outcomes = distinct(own.map((p) => `"${p.oomKiller.join('; ')}"`));
    const always = outcomes.length === 1 && own.length > 1 ? 'always ' : '';
    return `${caller}'s ${i === 0 ? `${oomCall(c, own[0])} ` : ''}${always}ends in ${outcomes.join(' or ')}`;
  });
  return `, and in them ${joinAnd(each)}`;
}

/** For each live TIF_MEMDIE task in `states[at]`: since when, where it is stuck, what the reaper did about it. */
function victimSentences(c: Story, at: number): string[] {
  const { layout, knobs, states } = c;
  const s = states[at];
  return layout.tasks.flatMap((info, t) => {
    if (!s.tasks[t].memdie || s.tasks[t].exited) return [];
    const since = memdieSince(states, t, at);
    const held = since === 0 ? 'has had TIF_MEMDIE from the start' : `got TIF_MEMDIE at step ${since}`;
    return [`${info.name} ${held} but ${situation(layout, knobs, s, t)}; ${reaperAbout(c, info.name, t)}.`];
  });
}

function livenessStory(c: Story): string {
  const { doc, layout, states } = c;
  const loop = doc.loop!;
  const n = doc.steps.length;
  const at = states[loop];
  const { property: base, thread } = parsePropertyRef(doc.property.failing);
  const who = thread || 'a task';
  const cycle = c.parts.slice(loop);
  const forever = cycle.length > 0 ? `${stepRange(loop + 1, n)} repeat forever${oomInCycle(c, cycle)}` : loop === 0 ? 'nothing can move at all' : `after step ${loop} nothing can move any more`;
  const whoIndex = layout.tasks.findIndex((info) => info.name === who);
  const where = whoIndex === -1 ? 'the page allocator' : slowPathName(at.tasks[whoIndex].alloc);
  const what: Record<string, string> = {
    'no-oom-livelock': `${who} never gets out of ${where}`,
    'victim-always-handled': `${who} stays an OOM victim (TIF_MEMDIE) forever, neither exiting nor reaped`,
    'no-reaper-lockup': 'the OOM reaper never goes idle',
  };
  const sentences = [`${what[base] ?? `${doc.property.failing} fails`}: ${forever}.`];
  const inAllocator = (t: number) => states.slice(loop).every((s) => !s.tasks[t].exited && s.tasks[t].alloc !== 0);
  // Those that take steps in the cycle loop there; one that takes none (an oom_lock holder never scheduled) only stays there.
  const stays = layout.tasks.flatMap((info, t) => (info.name !== who && inAllocator(t) ? [t] : []));
  const moves = (t: number) => cycle.some((p) => p.task === t);
  const alsoLoop = stays.filter(moves).map((t) => layout.tasks[t].name);
  if (base === 'no-oom-livelock' && alsoLoop.length > 0) sentences.push(`${joinAnd(alsoLoop)} ${alsoLoop.length === 1 ? 'loops' : 'loop'} there too.`);
  if (base === 'no-oom-livelock') {
    for (const t of stays.filter((u) => !moves(u))) sentences.push(`${layout.tasks[t].name} stays there too without taking a step: it ${situation(layout, c.knobs, at, t)}.`);
  }
  const victims = victimSentences(c, loop);
  sentences.push(...victims);
  const now = reaperNow(c, at);
  if (now !== '' && victims.length > 0) sentences.push(`From step ${loop + 1} on ${now}.`);
  sentences.push(...starvedSentences(c, loop));
  const fairness = doc.property.fairness ?? 'strong';
  if (cycle.length > 0) sentences.push(`The cycle is fair under ${fairness} fairness (${fairnessMeaning(fairness, layout.cpus > 0)}).`);
  return sentences.join(' ');
}

/** With CPUs: the tasks that could move in every state of the cycle from `loop` on but are never scheduled there (`tasksNotScheduled`), and who keeps their CPU. */
function starvedSentences(c: Story, loop: number): string[] {
  const { layout, knobs, states } = c;
  if (layout.cpus === 0 || loop >= states.length - 1) return [];
  const ctx = { layout, knobs, names: kernelNames(undefined, knobs) };
  const cycle = states.slice(loop, -1);
  const kept = cycle.map((s) => new Set(tasksNotScheduled(ctx, s)));
  const starved = layout.tasks.flatMap((_, t) => (kept.every((k) => k.has(t)) ? [t] : []));
  return starved.map((t) => {
    const { cpu, name } = layout.tasks[t];
    const others = layout.tasks.filter((u, i) => i !== t && u.rank > layout.tasks[t].rank && (cpu === -1 || u.cpu === cpu || u.cpu === -1)).map((u) => u.name);
    const where = cpu === -1 ? 'every CPU it may use' : `CPU ${cpu}`;
    return `${name} is runnable but never scheduled in the cycle: in each of its states a task of higher priority (${joinAnd(others)}) is runnable on ${where}.`;
  });
}

function needlessKillStory(c: Story, last: StepParts): string {
  const { layout, states, parts, events } = c;
  const n = last.number;
  const before = states[n - 1];
  const t = last.task!;
  const op = layout.tasks[t].program[before.tasks[t].pc];
  const request = op?.op === 'alloc' ? op.pages : 1;
  const oomKiller = events[n - 1].filter((e) => e.lane === 'oom-killer');
  const killed = oomKiller.flatMap((e) => (e.kind === 'sigkill-sent' ? [layout.processes[e.process].name] : []))[0];
  // The marking as the step told it, in the names of the design's kernel (mark_oom_victim(H), set_tsk_thread_flag(…) before 3.19).
  const marked = oomKiller.flatMap((e) => (e.kind === 'victim-marked' && !e.exiting ? [e.text] : []))[0];
  const did = (p: StepParts, what: (e: TraceEvent) => boolean) => p.task === t && events[p.number - 1].some(what);
  const kill = killed ? `kills ${killed}${marked ? ` (${marked})` : ''}` : `kills (${last.oomKiller.join('; ')})`;
  let why: string;
  // A memcg OOM's room is the group's margin, not the free pages.
  const memcg = oomKiller.length > 0 ? (events[n - 1].find((e) => e.kind === 'oom-entered')?.memcg ?? -1) : -1;
  const margin = memcg === -1 ? undefined : before.memcgs[memcg];
  const tearing = oomKiller.flatMap((e) => (e.kind === 'needless-kill' && e.case === 'tearing-down' ? [e] : []))[0];
  if (tearing !== undefined) {
    const victim = layout.tasks[tearing.task];
    const left =
      tearing.pages === 0
        ? 'nothing of it left to free, the request fitting already'
        : `${tearing.pages === 1 ? '1 page' : `${tearing.pages} pages`} of it still to free, enough for its ${request}-page request`;
    why = ` although ${victim.name}, the last user of ${layout.processes[victim.process].name}'s mm, is tearing it down with ${left} (tearing-down)`;
  } else if (margin !== undefined && margin.usage + request <= margin.limit) {
    why = ` although memcg ${layout.memcgs[memcg].name} has room: usage ${margin.usage} of limit ${margin.limit}, enough for its ${request}-page request`;
    const earlier = parts.slice(0, n - 1).reverse();
    const uncharged = earlier.find((p) => states[p.number].memcgs[memcg].usage < states[p.number - 1].memcgs[memcg].usage);
    if (uncharged) why += `: ${uncharged.task === undefined ? 'the OOM reaper' : uncharged.actor} uncharged pages at step ${uncharged.number} (${uncharged.own})`;
  } else if (margin !== undefined && before.reaper.current !== -1) {
    const victim = layout.tasks[before.reaper.current];
    why = ` although the OOM reaper is about to free ${layout.processes[victim.process].name}'s memory (it is reaping ${victim.name})`;
  } else if (margin !== undefined) {
    why = ' although memory is about to come back';
  } else if (before.free >= request) {
    why = ` although ${pages(before.free)} free, enough for its ${request}-page request`;
    const earlier = parts.slice(0, n - 1).reverse();
    const freed = earlier.find((p) => states[p.number].free > states[p.number - 1].free);
    if (freed) {
      why += `: ${freed.task === undefined ? 'the OOM reaper' : freed.actor} freed them at step ${freed.number} (${freed.own})`;
      const locked = earlier.find((p) => did(p, (e) => e.kind === 'oom-lock-taken' && e.memcg === -1 && e.how === 'trylock'));
      const lastSecond = earlier.find((p) => did(p, (e) => e.kind === 'last-second-allocation-failed'));
      if (locked && locked.number < freed.number && before.oomLock === t) {
        const failed = lastSecond && lastSecond.number > locked.number ? ` and failed its last-second allocation (step ${lastSecond.number})` : '';
        const preset = presetNamed(c.doc.design.preset);
        why += `, after ${last.actor} had taken ${kernelNames(preset && presetRelease(preset), c.knobs).oomLockName} (step ${locked.number})${failed}`;
      }
    }
  } else if (before.reaper.current !== -1) {
    const victim = layout.tasks[before.reaper.current];
    why = ` although the OOM reaper is about to free ${layout.processes[victim.process].name}'s memory (it is reaping ${victim.name})`;
  } else {
    why = ' although memory is about to come back';
  }
  return `At step ${n} ${last.actor}'s ${oomCall(c, last)} ${kill}${why}.`;
}

/** The failure `no-spurious-enomem` objects to: the last step, in which an allocation of a memcg task fails with a memcg OOM only. */
function spuriousErrorStory(c: Story, last: StepParts): string {
  const { layout, states } = c;
  const t = last.task!;
  const m = layout.processes[layout.tasks[t].process].memcg;
  const memcg = m === -1 ? '' : ` memcg ${layout.memcgs[m].name} is at its limit (usage ${states[last.number - 1].memcgs[m].usage}/${states[last.number - 1].memcgs[m].limit}) and`;
  return `At step ${last.number}${memcg} ${last.actor}'s allocation fails only because of the memcg OOM: ${last.own}. The caller cannot tell this error from a real one.`;
}

/** The overcharge `bounded-overcharge` objects to: which memcg, by how much, and the step that charged it. */
function overchargeStory(c: Story, last: StepParts): string {
  const { layout, states } = c;
  const end = states[last.number];
  const over = layout.memcgs.flatMap((m, i) => {
    const { usage, limit } = end.memcgs[i];
    return usage > limit + m.maxOvercharge ? [`memcg ${m.name} is at ${usage} pages, ${usage - limit} over its limit of ${limit} (maxOvercharge ${m.maxOvercharge})`] : [];
  });
  return `At step ${last.number} ${last.actor} charges over the limit (${last.own}): ${joinAnd(over)}.`;
}

function safetyStory(c: Story): string {
  const { doc, layout, knobs, states, parts } = c;
  const n = doc.steps.length;
  const last = parts[n - 1];
  const end = states[n];
  const base = parsePropertyRef(doc.property.failing).property;
  if ((base === 'no-needless-kill' || base === 'no-kill-after-race') && last?.task !== undefined && last.oomKiller.length > 0) return needlessKillStory(c, last);
  if (base === 'no-panic' && last) {
    const how = last.oomKiller.length > 0 ? `${last.actor}'s ${oomCall(c, last)} panics: ${last.oomKiller.join('; ')}` : `${last.actor} panics: ${last.own}`;
    return [`At step ${n} ${how}.`, ...victimSentences(c, n - 1)].join(' ');
  }
  if (base === 'no-spurious-enomem' && last?.task !== undefined) return spuriousErrorStory(c, last);
  if (base === 'bounded-overcharge' && last) return overchargeStory(c, last);
  if (base === 'no-deadlock') {
    const why = layout.tasks.flatMap((info, t) => (taskFinished({ layout, knobs }, end, t) ? [] : [`${info.name} ${situation(layout, knobs, end, t)}`]));
    return `After ${n === 0 ? 'the start' : `step ${n}`} nothing can move any more, yet tasks are unfinished: ${why.join('; ')}. A deadlock.`;
  }
  return doc.summary;
}

/**
 * A plain-language account of why `doc` violates its property, derived
 * from the trace rather than from the property alone: who loops, who holds
 * TIF_MEMDIE and where it is stuck, what the OOM reaper did about it, what
 * the OOM killer does in the cycle; for safety traces, what the last step
 * did and why that is bad. Falls back to `doc.summary` for properties it
 * does not know. Plain text (no markup), for every human format.
 */
export function traceStory(doc: TraceDocument): string {
  const events = timelineEvents(doc);
  const story: Story = { doc, layout: layoutOf(doc.scenario.content), knobs: doc.design.knobs, parts: stepParts(doc, events), events, states: doc.states };
  return doc.loop === undefined ? safetyStory(story) : livenessStory(story);
}
