/**
 * The `oomcheck` command line: argument parsing, the commands, the verdict
 * table on stdout, progress on stderr and the exit codes. Thin: every
 * command calls `check`, `export` or the `kernel`'s front.
 *
 * Layer: the top one; may import every other layer's front (and the leaf
 * `packageRoot`). Nothing imports it but the executable (`main.ts`).
 */
export { runCli } from './run.js';
