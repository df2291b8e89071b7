import type { KnobSpec } from '../knob.js';

/**
 * The flag the reaper sets on an mm it has reaped: none, MMF_OOM_REAPED
 * (4.7) or MMF_OOM_SKIP (4.9). A flagged mm's victims no longer abort
 * victim selection (see `victimAbortsSelection`).
 */
export const mmFlagOnReap: KnobSpec<'none' | 'flag'> = {
  name: 'mmFlagOnReap',
  description: 'after a successful reap, flag the mm (MMF_OOM_REAPED 4.7 / MMF_OOM_SKIP 4.9) so its victims stop blocking selection',
  values: ['none', 'flag'],
  defaultValue: 'none',
};
