import { propertyNames, schemaParts, type JsonSchema } from '../../kernel/index.js';
import { REPORT_FORMAT_VERSION } from './jsonReport.js';

const { str, int, closed } = schemaParts;
const verdicts = ['holds', 'violated', 'incomplete'];

/** The JSON Schema of `--report json` (`schema/report.schema.json`, kept equal to this by a test). */
export function reportSchema(): JsonSchema {
  const property = closed(
    'One property of one search',
    {
      property: { type: 'string', pattern: `^(${propertyNames.join('|')})(\\[[^\\]]+\\])?$`, description: 'The property reference checked: NAME, or NAME[TASK] for one task of a per-task property' },
      verdict: {
        enum: verdicts,
        description:
          'holds (every reachable state, every fair execution), violated (a counterexample was found) or incomplete (no verdict: a limit stopped the search, or a random search found nothing)',
      },
      expected: { enum: ['holds', 'violated', null], description: "What the scenario's expect: section says under this design; null when it says nothing" },
      asExpected: { type: ['boolean', 'null'], description: 'false when the verdict contradicts the expectation (the run then exits 1); null when nothing is expected or there is no verdict' },
      failing: str('The engine property that failed: the reference, or NAME[TASK] for the task it failed for'),
      task: str('The task a per-task property failed for'),
      fairness: { enum: ['none', 'weak', 'strong'], description: 'The fairness the liveness counterexample is fair under' },
      steps: int(0, 'Steps of the counterexample'),
      loopStart: int(0, 'Liveness counterexamples (lassos): the state the cycle returns to, 0 the initial state'),
      traces: { type: 'array', items: { type: 'string' }, description: 'The counterexample files written, as paths under --out; empty without a counterexample' },
    },
    ['failing', 'task', 'fairness', 'steps', 'loopStart'],
  );
  const reach = closed(
    'One reach query of one search',
    {
      query: { type: 'string', pattern: '^reach\\[.*\\]$', description: 'reach[NAME]: the query, as the table names its column' },
      condition: str('The condition, in kernel words (canonical form)'),
      answer: {
        enum: ['reachable', 'unreachable', 'incomplete'],
        description:
          'reachable (a witness was found), unreachable (no state of the exhaustive search satisfies the condition) or incomplete (a limit stopped the search, or a random search did not reach it)',
      },
      expected: { enum: ['reachable', 'unreachable', null], description: "What the scenario's reach: section expects under this design; null when it says nothing" },
      asExpected: { type: ['boolean', 'null'], description: 'false when the answer contradicts the expectation (the run then exits 1); null when nothing is expected or there is no answer' },
      steps: int(0, 'Reachable: steps of the witness (shortest for an exhaustive search)'),
      states: int(0, 'Unreachable: the states of the exhaustive search, every reachable one'),
      runs: int(0, 'Random, not reached: the schedules run'),
      traces: { type: 'array', items: { type: 'string' }, description: 'The witness files written, as paths under --out; empty without a witness' },
    },
    ['steps', 'states', 'runs'],
  );
  const search = closed(
    'One search: a scenario under a design',
    {
      scenario: str("The scenario's name"),
      file: str('The scenario file; a built-in scenario relative to the package'),
      family: str('The --family spec the scenario was generated from'),
      design: str("The design's name: a preset, with +KNOB=VALUE for each knob changed from it"),
      strategy: { enum: ['exhaustive', 'random'], description: 'exhaustive: every reachable state; random: fast-check schedules' },
      states: int(0, 'Exhaustive: distinct states explored'),
      transitions: int(0, 'Exhaustive: transitions explored'),
      depth: int(0, 'Exhaustive: the BFS depth reached'),
      stopReason: str('Exhaustive: the limit that stopped the search (maxStates, maxSeconds, maxMemory), when one did'),
      runs: int(0, 'Random: schedules run, over every property'),
      seed: { type: 'integer', description: 'Random: the fast-check seed, to repeat the search with --seed' },
      seconds: { type: 'number', minimum: 0, description: 'Wall-clock seconds of the search' },
      properties: { type: 'array', items: property, description: 'Every property checked, in the order of the verdict table' },
      reach: { type: 'array', items: reach, description: 'Every reach query answered, in the order of the verdict table; absent when there were none' },
    },
    ['file', 'family', 'states', 'transitions', 'depth', 'stopReason', 'runs', 'seed', 'reach'],
  );
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'oomcheck check --report json',
    ...closed('The verdict table of one oomcheck check run, for CI', {
      format: { const: 'oomcheck-report', description: 'Identifies the document' },
      formatVersion: { const: REPORT_FORMAT_VERSION, description: 'Bumped on any change a reader of this version would misread' },
      oomcheck: str('The oomcheck version that wrote the report'),
      exitCode: { type: 'integer', description: 'The exit code of the run (see the README: 0, 1, 3, 11, 12, 13)' },
      searches: { type: 'array', items: search, description: 'One search per scenario and design, in the order of the verdict table' },
    }),
  };
}
