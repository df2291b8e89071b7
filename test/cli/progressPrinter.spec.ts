import { describe, expect, test } from 'vitest';
import { formatProgress, progressPrinter } from '../../src/cli/progressPrinter.js';

const snapshot = { states: 5_210_000, transitions: 40_000_000, depth: 14, queue: 81_234, seconds: 12.2, statesPerSecond: 434_000.4, memoryBytes: 310 * 2 ** 20 };

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  return { stream: { isTTY, write: (chunk: string) => written.push(chunk) } as unknown as NodeJS.WriteStream, written };
}

describe('progress on stderr', () => {
  test('one line with states, states/s, depth, queue and memory', () => {
    expect(formatProgress(snapshot)).toBe('12s: 5210000 states, 434000 states/s, depth 14, queue 81234, 310 MiB');
  });

  test('a random search reports runs and its longest run, not a BFS queue', () => {
    expect(formatProgress({ ...snapshot, queue: 0, depth: 200, runs: 3582 })).toBe('12s: 3582 runs, 5210000 states executed, 434000 states/s, longest run 200 steps, 310 MiB');
  });

  test('a terminal gets one line rewritten in place, cleared at the end', () => {
    const { stream, written } = fakeStream(true);
    const printer = progressPrinter(stream);
    printer.listener(snapshot);
    printer.listener({ ...snapshot, seconds: 13 });
    printer.done();
    expect(written).toEqual([`\r\x1b[K${formatProgress(snapshot)}`, `\r\x1b[K${formatProgress({ ...snapshot, seconds: 13 })}`, '\r\x1b[K']);
  });

  test('a log or CI gets plain lines and nothing at the end', () => {
    const { stream, written } = fakeStream(false);
    const printer = progressPrinter(stream);
    printer.listener(snapshot);
    printer.done();
    expect(written).toEqual([`${formatProgress(snapshot)}\n`]);
  });
});
