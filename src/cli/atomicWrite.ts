import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A temporary file of {@link writeFileAtomic}: `.<name>.<pid>.<milliseconds>.tmp` (earlier versions: `.<pid>.<milliseconds>.tmp`). */
const TEMPORARY = /^\.(?:.+\.)?(\d+)\.\d+\.tmp$/;

/**
 * Writes `text` to `path` atomically: into a temporary file beside it
 * (`.<name>.<pid>.<milliseconds>.tmp`), then renamed over it, so an
 * interrupted run never leaves half a file. A process killed between the
 * two (SIGKILL) leaves its temporary file; the next write into that folder
 * removes every temporary file whose process is gone. Output files never
 * start with `.` (see `src/export/outputPath.ts`), so none is taken for one.
 */
export function writeFileAtomic(path: string, text: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  removeStaleTemporaries(dir);
  const temporary = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Removes the temporary files in `dir` left by processes no longer running. */
export function removeStaleTemporaries(dir: string): void {
  for (const name of readdirSync(dir)) {
    const pid = TEMPORARY.exec(name)?.[1];
    if (pid !== undefined && !isRunning(Number(pid))) rmSync(join(dir, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
