import type { Counterexample } from '../engine/index.js';

/** Renders a state for a plain-text trace: typed arrays as lists, objects as compact JSON. */
export function formatState(state: unknown): string {
  return JSON.stringify(state, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v));
}

/**
 * A counterexample as numbered plain-text lines (states shown through
 * `toPlain`, e.g. the model's own): state 0, then each step
 * (actor, action, resulting state); a lasso marks where its cycle starts
 * and says that it repeats forever (or stutters, for an empty cycle).
 */
export function formatTrace<S>(trace: Counterexample<S>, toPlain: (state: S) => unknown = (s) => s): string {
  const show = (state: S) => formatState(toPlain(state));
  // A short state stays on the step's line; a long one (kernel states) goes on its own line below.
  const row = (number: string, what: string, state: S) => {
    const text = show(state);
    return text.length <= 60 ? [`${number}  ${what.padEnd(38)}${text}`] : [`${number}  ${what}`, `       ${text}`];
  };
  const lines = row('  0', 'initial state', trace.initial);
  const loop = trace.loopStart;
  if (loop === 0) lines.push('     ── cycle starts here ──');
  trace.steps.forEach((step, k) => {
    lines.push(...row(String(k + 1).padStart(3), `${step.actor}: ${step.action}`, step.state));
    if (loop === k + 1 && loop < trace.steps.length) lines.push('     ── cycle starts here ──');
  });
  if (loop !== undefined) {
    lines.push(loop === trace.steps.length ? '     ── no action enabled: stays here forever ──' : `     ── back to state ${loop}, forever ──`);
  }
  return lines.join('\n');
}
