import { loadScenarioText } from '../../../src/kernel/load/loadScenario.js';
import { ScenarioError } from '../../../src/kernel/load/scenarioError.js';

/** The formatted problems of loading `lines` (joined; line i of the file is lines[i - 1]), or [] if it loads. */
export function problemsOf(lines: readonly string[], file = 's.yaml'): string[] {
  try {
    loadScenarioText(lines.join('\n'), file);
    return [];
  } catch (error) {
    if (error instanceof ScenarioError) return error.format().split('\n');
    throw error;
  }
}

/** Lines 1–4 of most test files: a mutex and memory; processes start on line 5. */
export const header = ['name: s', 'description: d', 'locks: [{ name: i_mutex, kind: mutex }]', 'memory: { free: 0, reserves: 1 }'];

/**
 * A file with process `victim` (lines 5–8) whose threads are `threadLines`
 * (from line 9 on), followed by `after`.
 */
export function victimWith(threadLines: readonly string[], after: readonly string[] = []): string[] {
  return [...header, 'processes:', '  - name: victim', '    pages: 8', '    threads:', ...threadLines, ...after];
}

/** Lines of thread `name` (the call's first line) running `ops` (from 2 lines below), then `startLines`. */
export function threadLines(name: string, ops: readonly string[], startLines: readonly string[] = []): string[] {
  return [`      - name: ${name}`, '        program:', ...ops.map((op) => `          - ${op}`), ...startLines];
}
