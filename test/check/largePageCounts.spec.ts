import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkScenario } from '../../src/check/index.js';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { loadScenarioText } from '../../src/kernel/load/loadScenario.js';
import { ScenarioError } from '../../src/kernel/load/scenarioError.js';

const text = readFileSync(join(import.meta.dirname, '..', '..', 'scenarios', 'victim-blocked-on-lock.yaml'), 'utf8');
/** The scenario with its first process's pages set to `pages`. */
const withVictimPages = (pages: number): string => text.replace(/pages: \d+/, `pages: ${pages}`);

describe('page counts the state encoding holds give the same model; larger ones are refused', () => {
  test('victim-blocked-on-lock under reaper-slot: 4, 10^6 and 2^30 victim pages explore the same 55 states', () => {
    const states = [4, 1_000_000, 2 ** 30].map((pages) => checkScenario(loadScenarioText(withVictimPages(pages), 'v.yaml'), resolveDesign('reaper-slot')).stats.states);
    expect(states).toEqual([55, 55, 55]);
  });

  // Before the bound these loaded: 2^31 − 1, 2^31 and 2^32 pages wrapped in the 32-bit words and gave 74, 63 and 65 states.
  test('2^31 − 1 victim pages: refused (free memory would reach 2^31 and wrap), not checked on a corrupted model', () => {
    expect(() => loadScenarioText(withVictimPages(2 ** 31 - 1), 'v.yaml')).toThrow(ScenarioError);
    expect(() => loadScenarioText(withVictimPages(2 ** 32), 'v.yaml')).toThrow(/more than the state encoding holds/);
  });
});
