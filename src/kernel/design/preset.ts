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
}
