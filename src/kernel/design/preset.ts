import type { Knobs } from './knobs/index.js';

/** A named design from kernel history or the seeds: knob values plus where they come from. */
export interface Preset {
  readonly name: string;
  /** One line: what this design is. */
  readonly title: string;
  /** The commit(s) or post it stands for. */
  readonly cite: string;
  /** Knobs that differ from their defaults. */
  readonly knobs: Partial<Knobs>;
  /**
   * The kernel commits whose behaviour this design's knobs encode, oldest
   * first (issue 12: a preset named after a kernel version lists every
   * change up to that version that the model can express). Each id is
   * checked against the kernel's history; docs/kernel-history.md marks it
   * verified or recalled.
   */
  readonly commits?: readonly PresetCommit[];
  /**
   * The kernel release the design stands for, when it has no `commits`
   * to tell (`3.11`): its traces use that release's names
   * (`kernelNames`). Without either, today's names.
   */
  readonly release?: string;
}

/** The kernel release `preset` stands for: its `release`, else its latest commit's, else undefined (today's kernel). */
export function presetRelease(preset: Preset): string | undefined {
  return preset.release ?? preset.commits?.at(-1)?.release;
}

/** One kernel commit a preset includes. */
export interface PresetCommit {
  /** The abbreviated commit id (12 hex digits), as the kernel cites commits. */
  readonly id: string;
  /** Its subject line. */
  readonly subject: string;
  /** The first release that has it, e.g. `4.8`. */
  readonly release: string;
}
