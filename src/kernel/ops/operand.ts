import type { Gfp } from '../gfp.js';
import type { AllocContext, LockRef } from '../scenario.js';

/** A field of an operation other than `op`. */
export type OperandName = 'lock' | 'pages' | 'gfp' | 'context' | 'memcg' | 'process';

/** Every operand name, in the order the schema lists them (and canonical traces and {@link opText} write them within an op). */
export const operandNames = ['lock', 'pages', 'gfp', 'context', 'memcg', 'process'] as const satisfies readonly OperandName[];

// Fails to compile if an operand is missing above.
const everyOperandListed: [Exclude<OperandName, (typeof operandNames)[number]>] extends [never] ? true : never = true;
void everyOperandListed;

/**
 * What each operand holds in a scenario: a lock reference, a page count,
 * a GFP mask as written (`GFP_NOFS | __GFP_NOFAIL`), an allocation
 * context, a memcg name, a process name.
 */
export interface OperandTypes {
  readonly lock: LockRef;
  readonly pages: number;
  readonly gfp: string;
  readonly context: AllocContext;
  readonly memcg: string;
  readonly process: string;
}

/**
 * What each operand holds once the layout resolved it: locks, memcgs and
 * processes as indices, the GFP mask parsed (an absent optional operand
 * takes its default: GFP_KERNEL, `syscall`).
 */
export interface ResolvedOperandTypes {
  readonly lock: number;
  readonly pages: number;
  readonly gfp: Gfp;
  readonly context: AllocContext;
  readonly memcg: number;
  readonly process: number;
}
