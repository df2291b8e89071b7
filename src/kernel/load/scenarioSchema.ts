import type { KnobSpec } from '../design/knob.js';
import { knobSpecs } from '../design/knobs/index.js';
import { presets } from '../design/presets/index.js';
import { propertyNames } from '../propertyNames.js';
import { reservedLockNames } from './lockRefs.js';
import { opSchema } from './opSchema.js';
import { type JsonSchema, schemaParts } from './jsonSchema.js';
import { verdicts } from './readExpect.js';
import { reachAnswers } from './readReach.js';
import { atomPattern, atomSpecs } from '../reach/atoms.js';
import { memcgFields } from './readMemcgs.js';
import { maxPages } from './readValues.js';
import { alternatives } from './regexText.js';
import { maxCpus, schedPolicies } from './readThreadSched.js';
import { memoryFields, scenarioFields } from './validateScenario.js';

/** A JSON Schema (draft 2020-12) as plain data. */
export type { JsonSchema } from './jsonSchema.js';

/** A string with at least one non-blank character (the loader's "non-empty"). */
const nonBlank = (description: string): JsonSchema => ({ type: 'string', pattern: '\\S', description });
const { ref } = schemaParts;

function knobSchema(knob: KnobSpec): JsonSchema {
  const { values } = knob;
  const range = Array.isArray(values) ? { enum: values } : { type: 'integer', minimum: (values as { min: number }).min, maximum: (values as { max: number }).max };
  return { description: knob.description, ...range, default: knob.defaultValue };
}

const verdictSchema: JsonSchema = { enum: verdicts, description: 'holds: the property holds under this design; violated: oomcheck finds a counterexample' };

/** Per-task property references: `no-oom-livelock[H]`. */
const propertyRefPattern = `^(${alternatives(propertyNames)})\\[[^\\]]+\\]$`;

/** Design names as `resolveDesign(...).name` prints them: `reaper-slot+reaperRetries=3`. */
function designNamePattern(): string {
  const presetNames = presets.map((p) => p.name);
  const knobNames = knobSpecs.map((k) => k.name);
  return `^(${alternatives(presetNames)})(\\+(${alternatives(knobNames)})=[^+]+)+$`;
}

function defs(): JsonSchema {
  const verdictMap: JsonSchema = {
    type: 'object',
    description: 'Property → expected verdict',
    properties: Object.fromEntries(propertyNames.map((p) => [p, { ...verdictSchema, description: `Expected verdict of ${p}` }])),
    patternProperties: { [propertyRefPattern]: verdictSchema },
    additionalProperties: false,
  };
  return {
    lockRef: nonBlank("A lock: a declared mutex (mutex ops), mmap_sem (this thread's mm) or <process>.mmap_sem (another process's mm; rwsem ops)"),
    op: opSchema(),
    heldLock: {
      type: 'object',
      description: 'A lock held when the scenario starts',
      properties: {
        lock: ref('lockRef', 'The held lock; it must be released later in the program, not taken again'),
        mode: { enum: ['read', 'write'], description: 'write for a mutex or down_write; read for down_read' },
      },
      required: ['lock', 'mode'],
      additionalProperties: false,
    },
    threadStart: {
      type: 'object',
      description: 'Where the thread stands when the scenario starts',
      properties: {
        pc: { type: 'integer', minimum: 0, default: 0, description: 'Index of the next operation, 0..program length (at the end: the program has run)' },
        holds: { type: 'array', items: { $ref: '#/$defs/heldLock' }, description: 'Locks already held' },
        fatalSignal: { type: 'boolean', default: false, description: 'SIGKILL already pending' },
        memdie: { type: 'boolean', default: false, description: 'Already an OOM victim with TIF_MEMDIE; implies fatalSignal (cannot be combined with fatalSignal: false)' },
      },
      additionalProperties: false,
      if: { properties: { memdie: { const: true } }, required: ['memdie'] },
      then: { properties: { fatalSignal: { const: true } } },
    },
    thread: {
      type: 'object',
      description: 'A thread (task); when its program ends it returns to user space and is finished',
      properties: {
        name: nonBlank('Thread name, unique across the scenario'),
        program: { type: 'array', items: { $ref: '#/$defs/op' }, description: 'The operations it runs, in order; nothing may follow exit' },
        start: ref('threadStart', 'Where the thread stands at the start (default: pc 0, no lock held, no signal)'),
        cpu: {
          anyOf: [{ type: 'integer', minimum: 0, maximum: maxCpus - 1 }, { const: 'any' }],
          default: 'any',
          description: 'The CPU it runs on (0..cpus-1, as sched_setaffinity() pins it) or any; only with cpus',
        },
        policy: { enum: [...schedPolicies], default: 'SCHED_NORMAL', description: 'Its scheduling policy: SCHED_IDLE runs only when no fair or real-time task is runnable on its CPU; only with cpus' },
        rtPriority: { type: 'integer', minimum: 1, maximum: 99, description: 'sched_priority of a SCHED_FIFO or SCHED_RR task (required with them, not allowed otherwise)' },
      },
      required: ['name', 'program'],
      additionalProperties: false,
    },
    process: {
      type: 'object',
      description: "A process (thread group): its threads share one mm and its mmap_sem, its own or (with mm) another process's",
      properties: {
        name: { type: 'string', pattern: '^[^.]*[^.\\s][^.]*$', description: "Process name, unique, without '.' (its lock is <name>.mmap_sem)" },
        memcg: nonBlank('The memory cgroup its pages are charged to, declared in memcgs (default: none, the root); not with mm'),
        pages: {
          type: 'integer',
          minimum: 0,
          maximum: maxPages,
          description: 'Anonymous pages of its own mm, freed when it is reaped or torn down; the OOM killer picks the biggest. Required unless mm is given, and then not allowed',
        },
        unreapable: {
          type: 'integer',
          minimum: 0,
          maximum: maxPages,
          default: 0,
          description: 'Of pages, how many the OOM reaper skips (mlocked or hugetlb VMAs, shared file mappings): only exit_mmap() frees them. At most pages; not with mm',
        },
        mm: nonBlank('The process whose mm this one uses (clone(CLONE_VM) without CLONE_THREAD, or a vfork child); that process must have an mm of its own'),
        vfork: { type: 'boolean', default: false, description: "A vfork child that has not exec'd (needs mm: its parent's)" },
        oomScoreAdj: { type: 'integer', minimum: -1000, maximum: 1000, default: 0, description: "This process's oom_score_adj; -1000 (OOM_SCORE_ADJ_MIN) is never selected" },
        threads: { type: 'array', minItems: 1, items: { $ref: '#/$defs/thread' }, description: 'Its threads, leader first' },
      },
      required: ['name', 'threads'],
      // A sharer has no pages (nor unreapable ones) or memcg of its own; any other process needs pages.
      if: { properties: { mm: { type: 'string', description: 'The process whose mm this one uses' } }, required: ['mm'] },
      then: { properties: { pages: false, unreapable: false, memcg: false } },
      else: { properties: { pages: { type: 'integer', description: 'Required for a process with an mm of its own' } }, required: ['pages'] },
      additionalProperties: false,
    },
    lock: {
      type: 'object',
      description: 'A named sleeping lock shared by tasks',
      properties: {
        name: {
          ...nonBlank('Lock name, unique; mmap_sem and oom_lock are implicit and reserved'),
          not: { anyOf: [{ enum: reservedLockNames }, { pattern: '\\.mmap_sem$' }] },
        },
        kind: { enum: ['mutex'], description: "Only mutex for now; every mm's mmap_sem is an implicit rw-semaphore" },
      },
      required: ['name', 'kind'],
      additionalProperties: false,
    },
    memcg: {
      type: 'object',
      description: 'A memory cgroup (v1 memory controller): the pages of its processes are charged to it at the start, and every allocation of their tasks before it is allocated',
      properties: {
        name: { type: 'string', pattern: '^[^.]*[^.\\s][^.]*$', description: "Memcg name, unique, without '.'" },
        limit: { type: 'integer', minimum: 0, maximum: maxPages, description: 'memory.limit_in_bytes, in pages; at least the starting usage (the pages of its processes)' },
        oomKillDisable: { type: 'boolean', default: false, description: 'memory.oom_control oom_kill_disable: no kernel OOM kill; a user-space handler decides' },
        maxOvercharge: { type: 'integer', minimum: 0, maximum: maxPages, default: 0, description: 'For bounded-overcharge: pages forced charges may put the group over its limit' },
      },
      required: [...memcgFields.required],
      additionalProperties: false,
    },
    memory: {
      type: 'object',
      description: 'Memory outside any process, in pages',
      properties: {
        free: { type: 'integer', minimum: 0, maximum: maxPages, description: 'Free pages at the start' },
        reserves: { type: 'integer', minimum: 0, maximum: maxPages, description: 'Pages below the min watermark that only TIF_MEMDIE tasks may use (ALLOC_NO_WATERMARKS)' },
      },
      required: [...memoryFields.required],
      additionalProperties: false,
    },
    design: {
      type: 'object',
      description: 'A design to check: a preset and knob overrides',
      properties: {
        preset: { description: 'The design preset', oneOf: presets.map((p) => ({ const: p.name, description: `${p.title} (${p.cite})` })) },
        knobs: {
          type: 'object',
          description: 'Knob overrides; the design is then named <preset>+<knob>=<value>…',
          properties: Object.fromEntries(knobSpecs.map((k) => [k.name, knobSchema(k)])),
          additionalProperties: false,
        },
      },
      required: ['preset'],
      additionalProperties: false,
    },
    propertyRef: {
      description: 'A property (see properties/), or a per-task property for one thread: no-oom-livelock[H]',
      anyOf: [{ enum: propertyNames }, { type: 'string', pattern: propertyRefPattern }],
    },
    verdicts: verdictMap,
    reachAnswer: { enum: reachAnswers, description: 'reachable: some reachable state satisfies the condition (oomcheck gives a shortest witness); unreachable: none does' },
    reachQuery: {
      type: 'object',
      description: 'A witness query: can the system get into a state where the condition holds, and how?',
      properties: {
        name: nonBlank('Query name, unique in the scenario; its witness is written as reach[NAME]'),
        condition: nonBlank(
          `A condition in kernel words: atoms joined with and, or, not and parentheses (docs/scenarios.md). Atoms: ${atomSpecs.map(atomPattern).join('; ')}. <task> may also be any task, every task, no task or N tasks (at least N)`,
        ),
        expect: {
          description: 'The expected answer: the same under every design, or per design (preset, or preset+knob=value… as listed in designs)',
          anyOf: [
            { $ref: '#/$defs/reachAnswer' },
            {
              type: 'object',
              properties: Object.fromEntries(presets.map((p) => [p.name, ref('reachAnswer', `Expected answer under ${p.name}`)])),
              patternProperties: { [designNamePattern()]: ref('reachAnswer', 'Expected answer under a preset with knob overrides') },
              additionalProperties: false,
            },
          ],
        },
      },
      required: ['name', 'condition'],
      additionalProperties: false,
    },
  };
}

/**
 * The JSON Schema (draft 2020-12) of scenario files, built from the knob
 * registry, the presets and the property names so that it cannot drift
 * from them; `schema/scenario.schema.json` is its committed copy (a test
 * keeps them equal). It checks structure only: names unique, lock
 * references and program semantics are the loader's (`validateScenario`).
 */
export function scenarioSchema(): JsonSchema {
  const presetNames = presets.map((p) => p.name);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'oomcheck scenario',
    description:
      'Tasks, locks and memory of an OOM scenario, the designs to check it against and the expected verdicts. ' +
      'Editors: add `# yaml-language-server: $schema=<path>/schema/scenario.schema.json` to a YAML file.',
    type: 'object',
    properties: {
      name: nonBlank('Scenario name'),
      description: { type: 'string', description: 'One line: what happens in the scenario' },
      source: { type: 'string', description: 'Where the scenario comes from: a seed, a commit, a post' },
      processes: { type: 'array', minItems: 1, items: { $ref: '#/$defs/process' }, description: 'The processes; their threads are the tasks' },
      locks: { type: 'array', items: { $ref: '#/$defs/lock' }, description: 'Declared mutexes (mmap_sem and oom_lock are implicit)' },
      memcgs: { type: 'array', items: { $ref: '#/$defs/memcg' }, description: 'Memory cgroups that processes may be charged to (default: none)' },
      memory: ref('memory', 'Free memory and reserves, in pages'),
      cpus: {
        type: 'integer',
        minimum: 1,
        maximum: maxCpus,
        description: 'CPUs the tasks share (default: every task has a CPU of its own); with it tasks run on their cpu at their policy, and sleeps are steps',
      },
      designs: { type: 'array', minItems: 1, items: { $ref: '#/$defs/design' }, description: 'Designs to check (default: every preset)' },
      properties: { type: 'array', minItems: 1, uniqueItems: true, items: { $ref: '#/$defs/propertyRef' }, description: 'Properties to check (default: all)' },
      expect: {
        type: 'object',
        description: 'Expected verdicts: design (preset, or preset+knob=value… as listed in designs) → property → holds | violated',
        properties: Object.fromEntries(presetNames.map((p) => [p, { $ref: '#/$defs/verdicts', description: `Expected verdicts under ${p}` }])),
        patternProperties: { [designNamePattern()]: { $ref: '#/$defs/verdicts', description: 'Expected verdicts under a preset with knob overrides' } },
        additionalProperties: false,
      },
      reach: { type: 'array', minItems: 1, items: { $ref: '#/$defs/reachQuery' }, description: 'Witness queries, checked in the same search as the properties (default: none)' },
    },
    required: [...scenarioFields.required],
    additionalProperties: false,
    $defs: defs(),
  };
}
