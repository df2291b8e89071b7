import { describe, expect, test } from 'vitest';
import { run } from './runCapture.js';

describe('option errors in oomcheck words, exit 2, nothing on stdout', () => {
  test.each([
    [['check', '--foo'], 'unknown option --foo (see oomcheck check --help)'],
    [['check', '--quet'], 'unknown option --quet; did you mean --quiet? (see oomcheck check --help)'],
    [['replay', '--x'], 'unknown option --x (see oomcheck replay --help)'],
    [['check', '--out'], 'option --out needs a value (see oomcheck check --help)'],
    [['check', '--quiet=3'], 'option --quiet takes no value (see oomcheck check --help)'],
    [['check', '-out', 'x'], 'unknown option -out: long options take two dashes, --out (see oomcheck check --help)'],
    [['check', '-workers', '2'], "unknown option -workers (TLC's spelling): use --workers N (or --workers auto, one per core) (see oomcheck check --help)"],
    [['check', '-simulate'], "unknown option -simulate (TLC's spelling): use --strategy random (see oomcheck check --help)"],
    [['scenarios', 'x'], 'oomcheck scenarios takes no arguments, got "x" (see oomcheck scenarios --help)'],
  ])('%j', (argv, message) => {
    expect(run(...argv)).toEqual({ code: 2, out: '', err: `oomcheck: ${message}` });
  });
});
