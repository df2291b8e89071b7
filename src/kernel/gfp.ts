/**
 * GFP masks as scenarios write them: a base, `GFP_KERNEL` or `GFP_NOFS`
 * (`__GFP_FS` clear: reclaim may not call into filesystems), with
 * modifiers joined by `|`, e.g. `GFP_NOFS | __GFP_NOFAIL`.
 *
 * - `__GFP_NOFAIL`: the allocation never fails; the caller cannot handle
 *   an error.
 * - `__GFP_NORETRY`: give up after one attempt at reclaim; never invokes
 *   the OOM killer.
 * - `__GFP_RETRY_MAYFAIL` (4.13; `__GFP_REPEAT` before): retry while it
 *   helps, then fail; never invokes the OOM killer directly.
 * - `__GFP_MAY_OOMKILL`, `__GFP_KILLABLE`: Tetsuo Handa's proposals
 *   (seed 004, not merged): a NOFS allocation that may invoke the OOM
 *   killer, and one that gives up once SIGKILL is pending. Only designs
 *   with the `tetsuoGfpFlags` knob honour them; others ignore them, as a
 *   kernel without them would.
 */

/** The bits of a GFP mask that the model looks at. */
export interface Gfp {
  /** `__GFP_FS` set (GFP_KERNEL) or clear (GFP_NOFS). */
  readonly fs: boolean;
  readonly nofail: boolean;
  readonly noretry: boolean;
  readonly retryMayfail: boolean;
  readonly mayOomkill: boolean;
  readonly killable: boolean;
}

/** The bases a mask starts with. */
export const gfpBases = ['GFP_KERNEL', 'GFP_NOFS'] as const;

/** The modifiers a mask may add, and the field each sets. */
export const gfpModifiers = {
  __GFP_NOFAIL: 'nofail',
  __GFP_NORETRY: 'noretry',
  __GFP_RETRY_MAYFAIL: 'retryMayfail',
  __GFP_MAY_OOMKILL: 'mayOomkill',
  __GFP_KILLABLE: 'killable',
} as const satisfies Record<string, keyof Gfp>;

/** The default mask: GFP_KERNEL. */
export const GFP_KERNEL: Gfp = { fs: true, nofail: false, noretry: false, retryMayfail: false, mayOomkill: false, killable: false };

/**
 * Parses a mask such as `GFP_NOFS | __GFP_NOFAIL`.
 * @returns the mask, or a message saying what is wrong
 */
export function parseGfp(text: string): Gfp | { readonly error: string } {
  const parts = text.split('|').map((p) => p.trim());
  const [base, ...modifiers] = parts;
  if (!(gfpBases as readonly string[]).includes(base)) {
    return { error: `'${text}' must start with ${gfpBases.join(' or ')}, then '| __GFP_…' modifiers` };
  }
  const gfp: Record<keyof Gfp, boolean> = { ...GFP_KERNEL, fs: base === 'GFP_KERNEL' };
  const seen = new Set<string>();
  for (const m of modifiers) {
    if ((gfpBases as readonly string[]).includes(m)) return { error: `'${text}' has two base masks (${base} and ${m}); use one, then '| __GFP_…' modifiers` };
    if (!Object.hasOwn(gfpModifiers, m)) return { error: `unknown GFP flag '${m}' in '${text}'; known: ${Object.keys(gfpModifiers).join(', ')}` };
    if (seen.has(m)) return { error: `GFP flag '${m}' given twice in '${text}'` };
    seen.add(m);
    gfp[gfpModifiers[m as keyof typeof gfpModifiers]] = true;
  }
  if (gfp.nofail && (gfp.noretry || gfp.retryMayfail)) return { error: `'${text}': __GFP_NOFAIL cannot be combined with __GFP_NORETRY or __GFP_RETRY_MAYFAIL` };
  if (gfp.noretry && gfp.retryMayfail) return { error: `'${text}': __GFP_NORETRY and __GFP_RETRY_MAYFAIL contradict each other` };
  return gfp;
}

/** The mask as kernel code would write it, for trace labels: `GFP_NOFS|__GFP_NOFAIL`. */
export function gfpText(gfp: Gfp): string {
  const mods = Object.entries(gfpModifiers)
    .filter(([, field]) => gfp[field])
    .map(([name]) => name);
  return [gfp.fs ? 'GFP_KERNEL' : 'GFP_NOFS', ...mods].join('|');
}
