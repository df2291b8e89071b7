import { PackedLayout } from '../engine/index.js';
import type { Knobs } from './design/knobs/index.js';
import type { Layout } from './layout.js';
import { AllocStage, ExitMmapStage, type KernelState, type LockState, type MemcgState, type MmState, type ReaperState, type TaskState } from './state.js';

/*
 * A kernel state packed into 32-bit words: what the engine stores, hashes
 * and queues. Every field takes the bits its values need in this layout
 * and design (a flag 1 bit, a pc enough for the longest program, a task
 * index enough for the tasks and -1), fields packed in order into words
 * by the engine's {@link PackedLayout} (none straddles two words): the
 * T1/T2/T3 family's 7:3 takes 12 words where one word per field took 76,
 * and the search hashes and copies every state's words (issue 15).
 *
 * {@link PackedState} reads a state's words and lets a step's `apply`
 * recipe write a successor's in place, through the same field names as a
 * `KernelState` (no decode, copy and encode per transition); the codec
 * (`codec.ts`) packs and unpacks whole states through it.
 *
 * Adding a field: declare it in `state.ts` (`KernelState` or one of its
 * records, `initialState`, `copyState`, `assignState`), give it bits in
 * the record's field list below ({@link packedFields}: the bits its
 * values need, and 1 for a flag), and give the record's view a getter and
 * a setter for it at its index in that list (the compiler asks: each view
 * implements its record). A value that does not fit its bits is a
 * RangeError naming the field, not a silent wrap.
 * `test/kernel/packedState.spec.ts` fails when the draft and the codec
 * disagree on any transition of the built-in scenarios.
 */

/** Bits to hold every value in 0..`max`. */
function bitsFor(max: number): number {
  return Math.max(1, Math.ceil(Math.log2(max + 1)));
}

/** The fields of one task, in order (a view's field `k` is its first field + `TaskField.k`). */
const TaskField = { pc: 0, exiting: 1, exited: 2, fatalSignal: 3, memdie: 4, charged: 5, inFault: 6, reapedSinceAttempt: 7, alloc: 8, memdieAborts: 9, reaperNext: 10 } as const;
/** The fields of one mm, in order. */
const MmField = { freed: 0, reaped: 1, flagged: 2, oomKilled: 3, victim: 4, notReapable: 5, exitMmap: 6 } as const;
/** The fields of one lock, in order: the writer (task index + 1), the readers' bitmask. */
const LockField = { writer: 0, readers: 1 } as const;
/** The fields of one memcg, in order (the OOM lock's holder as task index + 1). */
const MemcgField = { usage: 0, limit: 1, oomLock: 2 } as const;
/** The fields after the records, in order (task indices + 1). */
const GlobalField = { oomLock: 0, free: 1, reserves: 2, reaperCurrent: 3, reaperAttempts: 4, reaperHead: 5, panicked: 6, needlessKill: 7, spuriousError: 8, raceKill: 9 } as const;

/** How many fields each record has. */
const TASK_FIELDS = Object.keys(TaskField).length;
const MM_FIELDS = Object.keys(MmField).length;
const LOCK_FIELDS = Object.keys(LockField).length;
const MEMCG_FIELDS = Object.keys(MemcgField).length;

/** Where each part of a kernel state of a layout lies among its fields: the first field of each part, in this order. */
export interface StateFields {
  /** Bits of every field, in order, and their names (for errors): what the {@link PackedLayout} packs. */
  readonly bits: readonly number[];
  readonly names: readonly string[];
  readonly tasks: number;
  readonly mms: number;
  readonly locks: number;
  readonly memcgs: number;
  readonly globals: number;
}

/**
 * The fields of `layout`'s states under `knobs`, with the bits each
 * needs: a task's pc up to its longest program, its allocation stage up
 * to {@link AllocStage}'s last, memdieAborts up to `memdieSkipAfter` or `memdiePanicAfter`, the
 * reaper's attempts up to `reaperRetries`, pages up to every page in
 * circulation (free, reserves, every mm's and every op's pages) or a
 * memcg limit, a lock's readers one bit per task, for at most the first 31 (`checkReaderLimit`).
 */
export function packedFields(layout: Layout, knobs: Pick<Knobs, 'memdieSkipAfter' | 'memdiePanicAfter' | 'reaperRetries'>): StateFields {
  const nTasks = layout.tasks.length;
  const ops = layout.tasks.flatMap((t) => t.program);
  // Every page in circulation, as the loader sums it (checkPageTotal): free (in totalPages with the mms'), reserves, every op's pages.
  const pages = Math.min(2 ** 31 - 1, layout.totalPages + layout.scenario.memory.reserves + ops.reduce((sum, op) => sum + ((op as { readonly pages?: number }).pages ?? 0), 0));
  const maxLimit = Math.min(2 ** 31 - 1, Math.max(pages, ...layout.memcgs.map((m) => m.limit), ...ops.map((op) => (op.op === 'set_limit' ? op.pages : 0))));
  const task = bitsFor(nTasks); // a task index + 1 (0: none)
  const bits: number[] = [];
  const names: string[] = [];
  const add = (name: string, b: number): void => {
    bits.push(b);
    names.push(name);
  };
  const tasks = 0;
  const taskBits: Record<keyof typeof TaskField, number> = {
    pc: bitsFor(Math.max(...layout.tasks.map((t) => t.program.length))),
    exiting: 1,
    exited: 1,
    fatalSignal: 1,
    memdie: 1,
    charged: 1,
    inFault: 1,
    reapedSinceAttempt: 1,
    alloc: bitsFor(Math.max(...Object.values(AllocStage))),
    memdieAborts: bitsFor(Math.max(knobs.memdieSkipAfter, knobs.memdiePanicAfter)),
    reaperNext: task,
  };
  for (const info of layout.tasks) for (const field of Object.keys(TaskField) as (keyof typeof TaskField)[]) add(`tasks.${info.name}.${field}`, taskBits[field]);
  const mms = bits.length;
  layout.mms.forEach((info) => {
    for (const field of Object.keys(MmField)) add(`mms.${info.name}.${field}`, field === 'exitMmap' ? bitsFor(Math.max(...Object.values(ExitMmapStage))) : 1);
  });
  const locks = bits.length;
  layout.locks.forEach((info) => {
    add(`locks.${info.name}.writer`, task);
    add(`locks.${info.name}.readers`, Math.min(31, Math.max(1, nTasks)));
  });
  const memcgs = bits.length;
  layout.memcgs.forEach((info) => {
    add(`memcgs.${info.name}.usage`, bitsFor(pages));
    add(`memcgs.${info.name}.limit`, bitsFor(maxLimit));
    add(`memcgs.${info.name}.oomLock`, task);
  });
  const globals = bits.length;
  add('oomLock', task);
  add('free', bitsFor(pages));
  add('reserves', bitsFor(layout.scenario.memory.reserves));
  add('reaper.current', task);
  add('reaper.attempts', bitsFor(knobs.reaperRetries));
  add('reaper.head', task);
  for (const flag of ['panicked', 'needlessKill', 'spuriousError', 'raceKill']) add(flag, 1);
  return { bits, names, tasks, mms, locks, memcgs, globals };
}

/** A task's fields, read and written as a {@link TaskState}. */
class TaskView implements TaskState {
  constructor(
    private readonly w: Int32Array,
    private readonly p: PackedLayout,
    private readonly f: number,
  ) {}
  get pc(): number {
    return this.p.get(this.w, this.f + TaskField.pc);
  }
  set pc(v: number) {
    this.p.set(this.w, this.f + TaskField.pc, v);
  }
  get exiting(): boolean {
    return this.p.get(this.w, this.f + TaskField.exiting) !== 0;
  }
  set exiting(v: boolean) {
    this.p.set(this.w, this.f + TaskField.exiting, v ? 1 : 0);
  }
  get exited(): boolean {
    return this.p.get(this.w, this.f + TaskField.exited) !== 0;
  }
  set exited(v: boolean) {
    this.p.set(this.w, this.f + TaskField.exited, v ? 1 : 0);
  }
  get alloc(): AllocStage {
    return this.p.get(this.w, this.f + TaskField.alloc) as AllocStage;
  }
  set alloc(v: AllocStage) {
    this.p.set(this.w, this.f + TaskField.alloc, v);
  }
  get fatalSignal(): boolean {
    return this.p.get(this.w, this.f + TaskField.fatalSignal) !== 0;
  }
  set fatalSignal(v: boolean) {
    this.p.set(this.w, this.f + TaskField.fatalSignal, v ? 1 : 0);
  }
  get memdie(): boolean {
    return this.p.get(this.w, this.f + TaskField.memdie) !== 0;
  }
  set memdie(v: boolean) {
    this.p.set(this.w, this.f + TaskField.memdie, v ? 1 : 0);
  }
  get memdieAborts(): number {
    return this.p.get(this.w, this.f + TaskField.memdieAborts);
  }
  set memdieAborts(v: number) {
    this.p.set(this.w, this.f + TaskField.memdieAborts, v);
  }
  get charged(): boolean {
    return this.p.get(this.w, this.f + TaskField.charged) !== 0;
  }
  set charged(v: boolean) {
    this.p.set(this.w, this.f + TaskField.charged, v ? 1 : 0);
  }
  get inFault(): boolean {
    return this.p.get(this.w, this.f + TaskField.inFault) !== 0;
  }
  set inFault(v: boolean) {
    this.p.set(this.w, this.f + TaskField.inFault, v ? 1 : 0);
  }
  get reapedSinceAttempt(): boolean {
    return this.p.get(this.w, this.f + TaskField.reapedSinceAttempt) !== 0;
  }
  set reapedSinceAttempt(v: boolean) {
    this.p.set(this.w, this.f + TaskField.reapedSinceAttempt, v ? 1 : 0);
  }
}

/** An mm's fields, read and written as an {@link MmState}. */
class MmView implements MmState {
  constructor(
    private readonly w: Int32Array,
    private readonly p: PackedLayout,
    private readonly f: number,
  ) {}
  get freed(): boolean {
    return this.p.get(this.w, this.f + MmField.freed) !== 0;
  }
  set freed(v: boolean) {
    this.p.set(this.w, this.f + MmField.freed, v ? 1 : 0);
  }
  get reaped(): boolean {
    return this.p.get(this.w, this.f + MmField.reaped) !== 0;
  }
  set reaped(v: boolean) {
    this.p.set(this.w, this.f + MmField.reaped, v ? 1 : 0);
  }
  get flagged(): boolean {
    return this.p.get(this.w, this.f + MmField.flagged) !== 0;
  }
  set flagged(v: boolean) {
    this.p.set(this.w, this.f + MmField.flagged, v ? 1 : 0);
  }
  get oomKilled(): boolean {
    return this.p.get(this.w, this.f + MmField.oomKilled) !== 0;
  }
  set oomKilled(v: boolean) {
    this.p.set(this.w, this.f + MmField.oomKilled, v ? 1 : 0);
  }
  get victim(): boolean {
    return this.p.get(this.w, this.f + MmField.victim) !== 0;
  }
  set victim(v: boolean) {
    this.p.set(this.w, this.f + MmField.victim, v ? 1 : 0);
  }
  get notReapable(): boolean {
    return this.p.get(this.w, this.f + MmField.notReapable) !== 0;
  }
  set notReapable(v: boolean) {
    this.p.set(this.w, this.f + MmField.notReapable, v ? 1 : 0);
  }
  get exitMmap(): ExitMmapStage {
    return this.p.get(this.w, this.f + MmField.exitMmap) as ExitMmapStage;
  }
  set exitMmap(v: ExitMmapStage) {
    this.p.set(this.w, this.f + MmField.exitMmap, v);
  }
}

/** A lock's fields, read and written as a {@link LockState}. */
class LockView implements LockState {
  constructor(
    private readonly w: Int32Array,
    private readonly p: PackedLayout,
    private readonly f: number,
  ) {}
  get writer(): number {
    return this.p.get(this.w, this.f + LockField.writer) - 1;
  }
  set writer(v: number) {
    this.p.set(this.w, this.f + LockField.writer, v + 1);
  }
  get readers(): number {
    return this.p.get(this.w, this.f + LockField.readers);
  }
  set readers(v: number) {
    this.p.set(this.w, this.f + LockField.readers, v);
  }
}

/** A memcg's fields, read and written as a {@link MemcgState}. */
class MemcgView implements MemcgState {
  constructor(
    private readonly w: Int32Array,
    private readonly p: PackedLayout,
    private readonly f: number,
  ) {}
  get usage(): number {
    return this.p.get(this.w, this.f + MemcgField.usage);
  }
  set usage(v: number) {
    this.p.set(this.w, this.f + MemcgField.usage, v);
  }
  get limit(): number {
    return this.p.get(this.w, this.f + MemcgField.limit);
  }
  set limit(v: number) {
    this.p.set(this.w, this.f + MemcgField.limit, v);
  }
  get oomLock(): number {
    return this.p.get(this.w, this.f + MemcgField.oomLock) - 1;
  }
  set oomLock(v: number) {
    this.p.set(this.w, this.f + MemcgField.oomLock, v + 1);
  }
}

/**
 * The reaper's next pointers (`oom_reaper_list`), one per task, kept in
 * the tasks' fields: indexed as the record's array is (recipes index it:
 * `d.reaper.next[t] = …`), through an accessor per index. Only the
 * reaper's steps and queue walks read it.
 */
class NextPointers {
  [index: number]: number;
  constructor(
    w: Int32Array,
    p: PackedLayout,
    tasks: number,
    readonly length: number,
  ) {
    for (let t = 0; t < length; t++) {
      const field = tasks + t * TASK_FIELDS + TaskField.reaperNext;
      Object.defineProperty(this, t, { get: () => p.get(w, field) - 1, set: (v: number) => p.set(w, field, v + 1), enumerable: true });
    }
  }
  /** The pointers as a plain array (what `copyState` keeps). */
  slice(): number[] {
    return Array.from({ length: this.length }, (_, t) => this[t]);
  }
  [Symbol.iterator](): Iterator<number> {
    return this.slice()[Symbol.iterator]();
  }
}

/** The reaper's fields, read and written as a {@link ReaperState}. */
class ReaperView implements ReaperState {
  readonly next: number[];
  constructor(
    private readonly w: Int32Array,
    private readonly p: PackedLayout,
    private readonly f: number,
    fields: StateFields,
    nTasks: number,
  ) {
    this.next = new NextPointers(w, p, fields.tasks, nTasks) as unknown as number[];
  }
  get current(): number {
    return this.p.get(this.w, this.f + GlobalField.reaperCurrent) - 1;
  }
  set current(v: number) {
    this.p.set(this.w, this.f + GlobalField.reaperCurrent, v + 1);
  }
  get attempts(): number {
    return this.p.get(this.w, this.f + GlobalField.reaperAttempts);
  }
  set attempts(v: number) {
    this.p.set(this.w, this.f + GlobalField.reaperAttempts, v);
  }
  get head(): number {
    return this.p.get(this.w, this.f + GlobalField.reaperHead) - 1;
  }
  set head(v: number) {
    this.p.set(this.w, this.f + GlobalField.reaperHead, v + 1);
  }
}

/**
 * A kernel state's words read and written through the names of a
 * {@link KernelState}. As the draft a step's `apply` recipe changes when
 * the search asks only for the successor's words (`Model.encodeNextState`):
 * load `words` with the state's encoding, apply the recipe, and `words`
 * holds the successor's — what the codec would write for it. As the
 * codec's `view`: the state the search expands, read in place. One object
 * serves every transition (or every expansion): nothing is allocated per
 * step, and none is kept past its use.
 */
export class PackedState implements KernelState {
  readonly words: Int32Array;
  readonly tasks: TaskView[];
  readonly mms: MmView[];
  readonly locks: LockView[];
  readonly memcgs: MemcgView[];
  readonly reaper: ReaperView;
  private readonly p: PackedLayout;
  private readonly g: number;

  /** A state of the layout packed by `packing` (see {@link packedStateLayout}), all fields 0. */
  constructor(layout: Layout, packing: StatePacking) {
    const { fields, packed } = packing;
    const w = new Int32Array(packed.width);
    this.words = w;
    this.p = packed;
    this.g = fields.globals;
    this.tasks = layout.tasks.map((_, t) => new TaskView(w, packed, fields.tasks + t * TASK_FIELDS));
    this.mms = layout.mms.map((_, m) => new MmView(w, packed, fields.mms + m * MM_FIELDS));
    this.locks = layout.locks.map((_, l) => new LockView(w, packed, fields.locks + l * LOCK_FIELDS));
    this.memcgs = layout.memcgs.map((_, m) => new MemcgView(w, packed, fields.memcgs + m * MEMCG_FIELDS));
    this.reaper = new ReaperView(w, packed, fields.globals, fields, layout.tasks.length);
  }
  get oomLock(): number {
    return this.p.get(this.words, this.g + GlobalField.oomLock) - 1;
  }
  set oomLock(v: number) {
    this.p.set(this.words, this.g + GlobalField.oomLock, v + 1);
  }
  get free(): number {
    return this.p.get(this.words, this.g + GlobalField.free);
  }
  set free(v: number) {
    this.p.set(this.words, this.g + GlobalField.free, v);
  }
  get reserves(): number {
    return this.p.get(this.words, this.g + GlobalField.reserves);
  }
  set reserves(v: number) {
    this.p.set(this.words, this.g + GlobalField.reserves, v);
  }
  get panicked(): boolean {
    return this.p.get(this.words, this.g + GlobalField.panicked) !== 0;
  }
  set panicked(v: boolean) {
    this.p.set(this.words, this.g + GlobalField.panicked, v ? 1 : 0);
  }
  get needlessKill(): boolean {
    return this.p.get(this.words, this.g + GlobalField.needlessKill) !== 0;
  }
  set needlessKill(v: boolean) {
    this.p.set(this.words, this.g + GlobalField.needlessKill, v ? 1 : 0);
  }
  get spuriousError(): boolean {
    return this.p.get(this.words, this.g + GlobalField.spuriousError) !== 0;
  }
  set spuriousError(v: boolean) {
    this.p.set(this.words, this.g + GlobalField.spuriousError, v ? 1 : 0);
  }
  get raceKill(): boolean {
    return this.p.get(this.words, this.g + GlobalField.raceKill) !== 0;
  }
  set raceKill(v: boolean) {
    this.p.set(this.words, this.g + GlobalField.raceKill, v ? 1 : 0);
  }
}

/** A layout's fields and their packing into words, shared by every {@link PackedState} of one model. */
export interface StatePacking {
  readonly fields: StateFields;
  readonly packed: PackedLayout;
}

/** The packing of `layout`'s states under `knobs` ({@link packedFields}). */
export function packedStateLayout(layout: Layout, knobs: Pick<Knobs, 'memdieSkipAfter' | 'memdiePanicAfter' | 'reaperRetries'>): StatePacking {
  const fields = packedFields(layout, knobs);
  return { fields, packed: new PackedLayout(fields.bits, fields.names) };
}
