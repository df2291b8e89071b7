import type { Progress, ProgressListener } from '../engine/index.js';

/** Formats a progress snapshot like TLC's progress lines, in one line. */
export function formatProgress(p: Progress): string {
  const mib = (p.memoryBytes / 2 ** 20).toFixed(0);
  if (p.runs !== undefined) return `${p.seconds.toFixed(0)}s: ${p.runs} runs, ${p.states} states executed, ${Math.round(p.statesPerSecond)} states/s, longest run ${p.depth} steps, ${mib} MiB`;
  return `${p.seconds.toFixed(0)}s: ${p.states} states, ${Math.round(p.statesPerSecond)} states/s, depth ${p.depth}, queue ${p.queue}, ${mib} MiB`;
}

/** Where progress is written: `process.stderr`, or the CLI worker's channel to it (`cliWorker.ts`). */
export interface ProgressStream {
  write(text: string): unknown;
  /** A terminal: one line rewritten in place rather than a line per report. */
  readonly isTTY?: boolean;
}

/**
 * A listener writing progress to `stream`: one line rewritten in place on
 * a terminal, plain lines otherwise (logs, CI). Call `done()` at the end to
 * finish the rewritten line.
 */
export function progressPrinter(stream: ProgressStream = process.stderr): { listener: ProgressListener; done: () => void } {
  let pending = false;
  return {
    listener(p) {
      if (stream.isTTY) {
        stream.write(`\r\x1b[K${formatProgress(p)}`);
        pending = true;
      } else {
        stream.write(`${formatProgress(p)}\n`);
      }
    },
    done() {
      if (pending) stream.write('\r\x1b[K');
      pending = false;
    },
  };
}
