import type { Layout } from './layout.js';
import type { AllocStage, ExitMmapStage, KernelState, LockState, MemcgState, MmState, ReaperState, TaskState } from './state.js';

/*
 * A kernel state packed into 32-bit words, one word per field, booleans as
 * bits of a flags word: what the engine stores and hashes. The codec
 * (`codec.ts`) packs and unpacks whole states; {@link PackedState} reads
 * a state's words and lets a step's `apply` recipe write a successor's in
 * place, through the same field names as a `KernelState` (issue 15: no
 * decode, copy and encode per transition).
 *
 * Adding a field: declare it in `state.ts` (`KernelState` or one of its
 * records, `initialState`, `copyState`), give it a word (or a bit of a
 * flags word) in {@link StateWords} here, write and read it in the codec's
 * `encode` and `decode`, and give the record's view below a getter and a
 * setter for it (the compiler asks: each view implements its record).
 * `test/kernel/packedState.spec.ts` fails when the draft and the codec
 * disagree on any transition of the built-in scenarios.
 */

/** Bits of a task's flags word. */
export const TaskFlag = { exited: 1, fatalSignal: 2, memdie: 4, exiting: 8, charged: 16, inFault: 32, reapedSinceAttempt: 64 } as const;

/** Bits of an mm's word. */
export const MmFlag = { freed: 1, reaped: 2, flagged: 4, oomKilled: 8, victim: 16, notReapable: 32 } as const;

/** Where an mm's exit_mmap() stage (`ExitMmapStage`, 0–2) lies in its word: the bits above the flags. */
export const MM_EXIT_MMAP_SHIFT = 6;

/** Bits of the sticky property flags' word. */
export const StickyFlag = { needlessKill: 1, spuriousError: 2, raceKill: 4 } as const;

/** Words per task: pc, flags, alloc stage, memdieAborts. */
export const TASK_WORDS = 4;

/** Where each part of a kernel state of a layout lies in its words, in this order. */
export interface StateWords {
  readonly width: number;
  /** First word of each part: tasks (TASK_WORDS each), mms (1), locks (2: writer, readers), memcgs (3: usage, limit, oomLock). */
  readonly tasks: number;
  readonly mms: number;
  readonly locks: number;
  readonly memcgs: number;
  /** Then one word each: oomLock, free, reserves, reaper current, attempts, head; then the reaper's next pointers (one per task); then panicked, the sticky flags. */
  readonly oomLock: number;
  readonly free: number;
  readonly reserves: number;
  readonly reaperCurrent: number;
  readonly reaperAttempts: number;
  readonly reaperHead: number;
  readonly reaperNext: number;
  readonly panicked: number;
  readonly sticky: number;
}

/** The word map of `layout`'s states. */
export function stateWords(layout: Layout): StateWords {
  const nTasks = layout.tasks.length;
  const tasks = 0;
  const mms = tasks + nTasks * TASK_WORDS;
  const locks = mms + layout.mms.length;
  const memcgs = locks + layout.locks.length * 2;
  const oomLock = memcgs + layout.memcgs.length * 3;
  const reaperNext = oomLock + 6;
  const panicked = reaperNext + nTasks;
  return {
    width: panicked + 2,
    tasks,
    mms,
    locks,
    memcgs,
    oomLock,
    free: oomLock + 1,
    reserves: oomLock + 2,
    reaperCurrent: oomLock + 3,
    reaperAttempts: oomLock + 4,
    reaperHead: oomLock + 5,
    reaperNext,
    panicked,
    sticky: panicked + 1,
  };
}

/** Sets or clears `bit` of word `i`. */
function setBit(w: Int32Array, i: number, bit: number, on: boolean): void {
  if (on) w[i] |= bit;
  else w[i] &= ~bit;
}

/** A task's words, read and written as a {@link TaskState}. */
class TaskView implements TaskState {
  constructor(
    private readonly w: Int32Array,
    private readonly i: number,
  ) {}
  get pc(): number {
    return this.w[this.i];
  }
  set pc(v: number) {
    this.w[this.i] = v;
  }
  get exiting(): boolean {
    return (this.w[this.i + 1] & TaskFlag.exiting) !== 0;
  }
  set exiting(v: boolean) {
    setBit(this.w, this.i + 1, TaskFlag.exiting, v);
  }
  get exited(): boolean {
    return (this.w[this.i + 1] & TaskFlag.exited) !== 0;
  }
  set exited(v: boolean) {
    setBit(this.w, this.i + 1, TaskFlag.exited, v);
  }
  get alloc(): AllocStage {
    return this.w[this.i + 2] as AllocStage;
  }
  set alloc(v: AllocStage) {
    this.w[this.i + 2] = v;
  }
  get fatalSignal(): boolean {
    return (this.w[this.i + 1] & TaskFlag.fatalSignal) !== 0;
  }
  set fatalSignal(v: boolean) {
    setBit(this.w, this.i + 1, TaskFlag.fatalSignal, v);
  }
  get memdie(): boolean {
    return (this.w[this.i + 1] & TaskFlag.memdie) !== 0;
  }
  set memdie(v: boolean) {
    setBit(this.w, this.i + 1, TaskFlag.memdie, v);
  }
  get memdieAborts(): number {
    return this.w[this.i + 3];
  }
  set memdieAborts(v: number) {
    this.w[this.i + 3] = v;
  }
  get charged(): boolean {
    return (this.w[this.i + 1] & TaskFlag.charged) !== 0;
  }
  set charged(v: boolean) {
    setBit(this.w, this.i + 1, TaskFlag.charged, v);
  }
  get inFault(): boolean {
    return (this.w[this.i + 1] & TaskFlag.inFault) !== 0;
  }
  set inFault(v: boolean) {
    setBit(this.w, this.i + 1, TaskFlag.inFault, v);
  }
  get reapedSinceAttempt(): boolean {
    return (this.w[this.i + 1] & TaskFlag.reapedSinceAttempt) !== 0;
  }
  set reapedSinceAttempt(v: boolean) {
    setBit(this.w, this.i + 1, TaskFlag.reapedSinceAttempt, v);
  }
}

/** An mm's word, read and written as an {@link MmState}. */
class MmView implements MmState {
  constructor(
    private readonly w: Int32Array,
    private readonly i: number,
  ) {}
  get freed(): boolean {
    return (this.w[this.i] & MmFlag.freed) !== 0;
  }
  set freed(v: boolean) {
    setBit(this.w, this.i, MmFlag.freed, v);
  }
  get reaped(): boolean {
    return (this.w[this.i] & MmFlag.reaped) !== 0;
  }
  set reaped(v: boolean) {
    setBit(this.w, this.i, MmFlag.reaped, v);
  }
  get flagged(): boolean {
    return (this.w[this.i] & MmFlag.flagged) !== 0;
  }
  set flagged(v: boolean) {
    setBit(this.w, this.i, MmFlag.flagged, v);
  }
  get oomKilled(): boolean {
    return (this.w[this.i] & MmFlag.oomKilled) !== 0;
  }
  set oomKilled(v: boolean) {
    setBit(this.w, this.i, MmFlag.oomKilled, v);
  }
  get victim(): boolean {
    return (this.w[this.i] & MmFlag.victim) !== 0;
  }
  set victim(v: boolean) {
    setBit(this.w, this.i, MmFlag.victim, v);
  }
  get notReapable(): boolean {
    return (this.w[this.i] & MmFlag.notReapable) !== 0;
  }
  set notReapable(v: boolean) {
    setBit(this.w, this.i, MmFlag.notReapable, v);
  }
  get exitMmap(): ExitMmapStage {
    return (this.w[this.i] >> MM_EXIT_MMAP_SHIFT) as ExitMmapStage;
  }
  set exitMmap(v: ExitMmapStage) {
    this.w[this.i] = (this.w[this.i] & ((1 << MM_EXIT_MMAP_SHIFT) - 1)) | (v << MM_EXIT_MMAP_SHIFT);
  }
}

/** A lock's two words, read and written as a {@link LockState}. */
class LockView implements LockState {
  constructor(
    private readonly w: Int32Array,
    private readonly i: number,
  ) {}
  get writer(): number {
    return this.w[this.i];
  }
  set writer(v: number) {
    this.w[this.i] = v;
  }
  get readers(): number {
    return this.w[this.i + 1];
  }
  set readers(v: number) {
    this.w[this.i + 1] = v;
  }
}

/** A memcg's three words, read and written as a {@link MemcgState}. */
class MemcgView implements MemcgState {
  constructor(
    private readonly w: Int32Array,
    private readonly i: number,
  ) {}
  get usage(): number {
    return this.w[this.i];
  }
  set usage(v: number) {
    this.w[this.i] = v;
  }
  get limit(): number {
    return this.w[this.i + 1];
  }
  set limit(v: number) {
    this.w[this.i + 1] = v;
  }
  get oomLock(): number {
    return this.w[this.i + 2];
  }
  set oomLock(v: number) {
    this.w[this.i + 2] = v;
  }
}

/** The reaper's words, read and written as a {@link ReaperState}. */
class ReaperView implements ReaperState {
  /**
   * The next pointers: a view of the words, indexed as the record's array
   * is (recipes only index it: `d.reaper.next[t] = …`).
   */
  readonly next: number[];
  constructor(
    private readonly w: Int32Array,
    private readonly at: StateWords,
    nTasks: number,
  ) {
    this.next = w.subarray(at.reaperNext, at.reaperNext + nTasks) as unknown as number[];
  }
  get current(): number {
    return this.w[this.at.reaperCurrent];
  }
  set current(v: number) {
    this.w[this.at.reaperCurrent] = v;
  }
  get attempts(): number {
    return this.w[this.at.reaperAttempts];
  }
  set attempts(v: number) {
    this.w[this.at.reaperAttempts] = v;
  }
  get head(): number {
    return this.w[this.at.reaperHead];
  }
  set head(v: number) {
    this.w[this.at.reaperHead] = v;
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
  private readonly at: StateWords;

  constructor(layout: Layout) {
    const at = stateWords(layout);
    const w = new Int32Array(at.width);
    this.words = w;
    this.at = at;
    this.tasks = layout.tasks.map((_, t) => new TaskView(w, at.tasks + t * TASK_WORDS));
    this.mms = layout.mms.map((_, m) => new MmView(w, at.mms + m));
    this.locks = layout.locks.map((_, l) => new LockView(w, at.locks + 2 * l));
    this.memcgs = layout.memcgs.map((_, m) => new MemcgView(w, at.memcgs + 3 * m));
    this.reaper = new ReaperView(w, at, layout.tasks.length);
  }
  get oomLock(): number {
    return this.words[this.at.oomLock];
  }
  set oomLock(v: number) {
    this.words[this.at.oomLock] = v;
  }
  get free(): number {
    return this.words[this.at.free];
  }
  set free(v: number) {
    this.words[this.at.free] = v;
  }
  get reserves(): number {
    return this.words[this.at.reserves];
  }
  set reserves(v: number) {
    this.words[this.at.reserves] = v;
  }
  get panicked(): boolean {
    return this.words[this.at.panicked] === 1;
  }
  set panicked(v: boolean) {
    this.words[this.at.panicked] = v ? 1 : 0;
  }
  get needlessKill(): boolean {
    return (this.words[this.at.sticky] & StickyFlag.needlessKill) !== 0;
  }
  set needlessKill(v: boolean) {
    setBit(this.words, this.at.sticky, StickyFlag.needlessKill, v);
  }
  get spuriousError(): boolean {
    return (this.words[this.at.sticky] & StickyFlag.spuriousError) !== 0;
  }
  set spuriousError(v: boolean) {
    setBit(this.words, this.at.sticky, StickyFlag.spuriousError, v);
  }
  get raceKill(): boolean {
    return (this.words[this.at.sticky] & StickyFlag.raceKill) !== 0;
  }
  set raceKill(v: boolean) {
    setBit(this.words, this.at.sticky, StickyFlag.raceKill, v);
  }
}
