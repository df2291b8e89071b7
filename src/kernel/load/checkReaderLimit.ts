import type { ProcessSpec } from '../scenario.js';
import type { Problems } from './problems.js';

/** Threads whose index a lock's readers' mask can hold: the state encoding keeps it in 31 bits (`packedState.ts`). */
export const maxReaderThreads = 31;

/**
 * Reports a thread past the first {@link maxReaderThreads} (in document
 * order, across processes) that can hold a lock for read — it starts
 * holding one, runs `down_read`, or allocates in a user fault (which
 * takes its mm's mmap_sem for read): a lock's readers are a bitmask of
 * thread indices in one 31-bit field of the state. Threads past the 31st
 * that never read-lock are fine (the family t1t2t3:36:18 has 54).
 */
export function checkReaderLimit(processes: readonly ProcessSpec[], problems: Problems): void {
  let index = 0;
  for (const [p, process] of processes.entries()) {
    for (const [t, thread] of process.threads.entries()) {
      const i = index++;
      if (i < maxReaderThreads) continue;
      const reads =
        (thread.start?.holds ?? []).some((h) => h.mode === 'read') ||
        thread.program.some((op) => op.op === 'down_read' || (op.op === 'alloc' && (op as { readonly context?: string }).context === 'user-fault'));
      if (reads) {
        problems.add(
          ['processes', p, 'threads', t],
          `thread ${thread.name} is thread ${i + 1} of the scenario and can hold a lock for read (down_read, a user fault, or a start holding one); only the first ${maxReaderThreads} threads can: a lock's readers are a ${maxReaderThreads}-bit mask in the state encoding`,
        );
        return;
      }
    }
  }
}
