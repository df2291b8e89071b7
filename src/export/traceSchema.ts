import { knobSpecs, presets, scenarioSchema, schemaParts, type JsonSchema, AllocStage, ExitMmapStage } from '../kernel/index.js';
import { TRACE_SCHEMA_VERSION } from './traceDocument.js';

const { ref, int, bool, closed } = schemaParts;
/** A task index, or -1 for none. */
const taskRef = (description: string): JsonSchema => int(-1, `${description}: a task index (see actors), or -1 for none`);

/** The kernel state, structurally (`src/kernel/state.ts`); ranges that depend on the scenario are the reader's to check. */
function stateDefs(): Record<string, JsonSchema> {
  const stages = Object.entries(AllocStage)
    .map(([name, value]) => `${value} ${name}`)
    .join(', ');
  const exitStages = Object.entries(ExitMmapStage)
    .map(([name, value]) => `${value} ${name}`)
    .join(', ');
  return {
    taskState: closed('One task (thread)', {
      pc: int(0, 'Index of the next operation; the program length once the program is done'),
      exiting: bool('PF_EXITING: inside do_exit(), not yet through exit_mm()'),
      exited: bool('do_exit() has run: the task no longer uses its mm'),
      alloc: { enum: Object.values(AllocStage), description: `Where the task is in an allocation's slow path (1-3 and 9-11 the page allocator, 4-8 a memcg charge): ${stages}` },
      fatalSignal: bool('SIGKILL pending (fatal_signal_pending())'),
      memdie: bool('TIF_MEMDIE: an OOM victim, allowed into memory reserves'),
      memdieAborts: int(0, 'Victim selections this victim has aborted (time, for the timeout designs)'),
      charged: bool('The current allocation is charged to its memcg (or bypassed to the root): only the page allocator is left'),
      inFault: bool('Inside a user page fault: holds its own mmap_sem for read (handle_mm_fault())'),
      reapedSinceAttempt: bool('The OOM reaper freed pages that count for its request since its last failed attempt, on its way to the OOM killer (no-needless-kill)'),
    }),
    mmState: closed(
      "One mm (a process's address space)",
      {
        freed: bool('Torn down: the last user exited and its pages were freed'),
        reaped: bool('Reaped by the OOM reaper: its anonymous pages were freed'),
        flagged: bool('MMF_OOM_REAPED / MMF_OOM_SKIP: the OOM killer ignores it'),
        oomKilled: bool('MMF_OOM_KILLED: chosen by the OOM killer once'),
        victim: bool('The process was marked an OOM victim (signal->oom_mm, 4.9): sticky'),
        exitMmap: { enum: Object.values(ExitMmapStage), description: `Its teardown by the last user when exit_mmap() runs in stages: ${exitStages}` },
        notReapable: bool('MMF_OOM_NOT_REAPABLE (4.8): the reaper gave up on it once; absent in traces before it: false'),
      },
      ['notReapable'],
    ),
    lockState: closed('A lock: the declared mutexes, then one mmap_sem per process', {
      writer: taskRef('Holder for write (a mutex owner)'),
      readers: int(0, 'Bitmask of the task indices holding it for read'),
    }),
    memcgState: closed('A memory cgroup', {
      usage: int(0, 'Pages charged (page_counter usage)'),
      limit: int(0, 'memory.limit_in_bytes, in pages (user space may raise it)'),
      oomLock: taskRef("Holder of the memcg's OOM lock (mem_cgroup_oom_trylock())"),
    }),
    reaperState: closed('The OOM reaper kthread', {
      current: taskRef('Victim being reaped (the slot, or the task popped from the queue)'),
      attempts: int(0, 'Failed mmap_sem trylocks on current'),
      head: taskRef('Head of oom_reaper_list (queue designs)'),
      next: { type: 'array', items: taskRef('Next pointer'), description: 'Per task: its oom_reaper_list next pointer, or -1 (NULL)' },
    }),
    kernelState: closed('The whole kernel state the model explores', {
      tasks: { type: 'array', items: { $ref: '#/$defs/taskState' }, description: 'Per task, in scenario order' },
      mms: { type: 'array', items: { $ref: '#/$defs/mmState' }, description: 'Per process, in scenario order' },
      locks: { type: 'array', items: { $ref: '#/$defs/lockState' }, description: 'The declared mutexes, then one mmap_sem per process' },
      memcgs: { type: 'array', items: { $ref: '#/$defs/memcgState' }, description: 'Per memcg, in scenario order' },
      oomLock: taskRef('Holder of oom_lock'),
      free: int(0, 'Free pages above the watermarks'),
      reserves: int(0, 'Reserve pages below the min watermark (TIF_MEMDIE only)'),
      reaper: ref('reaperState', 'The OOM reaper'),
      panicked: bool('The kernel panicked: everything stops'),
      needlessKill: bool('Set by a kill the no-needless-kill property objects to (sticky)'),
      spuriousError: bool('Set when a system call or uaccess saw -ENOMEM/-EFAULT only because of a memcg OOM (sticky; no-spurious-enomem)'),
      raceKill: bool('Set by a kill while the request already fits in free memory (sticky; no-kill-after-race)'),
    }),
    step: closed('One step: who moved and what it did', {
      actor: { type: 'string', description: 'Actor name: a task, or oom_reaper' },
      actorIndex: int(0, 'Actor index in actors'),
      label: { type: 'string', description: 'What the step did, in kernel words' },
    }),
  };
}

/**
 * The JSON Schema (draft 2020-12) of oomcheck's JSON traces
 * ({@link TraceDocument}, written by `jsonExporter`), built from the
 * scenario schema, the knob registry and the presets so that it cannot
 * drift from them; `schema/trace.schema.json` is its committed copy (a
 * test keeps them equal). Structure only: that the states fit the
 * scenario and the steps replay is `readTraceFile`'s and `replayTrace`'s.
 * It describes the current version ({@link TRACE_SCHEMA_VERSION}); the
 * readers also take version 1, which this schema rejects.
 */
export function traceSchema(): JsonSchema {
  const scenario = scenarioSchema();
  const { $defs: scenarioDefs, $schema: _schema, title: _title, ...scenarioRoot } = scenario;
  const knobs = ((scenarioDefs as Record<string, JsonSchema>).design.properties as Record<string, JsonSchema>).knobs.properties as Record<string, JsonSchema>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'oomcheck trace',
    description: 'A counterexample found by oomcheck: scenario, design, property, every state and step, and for a lasso the state its cycle starts at. `oomcheck replay FILE` re-executes it.',
    type: 'object',
    properties: {
      schemaVersion: { const: TRACE_SCHEMA_VERSION, description: 'Version of this format' },
      tool: closed('The tool that wrote the trace', {
        name: { const: 'oomcheck', description: 'Always oomcheck' },
        version: { type: 'string', description: 'Its version' },
      }),
      scenario: closed(
        'The scenario checked',
        {
          name: { type: 'string', description: 'Scenario name' },
          file: { type: 'string', description: 'The file it was loaded from, as given on the command line' },
          sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', description: "sha256 of the file's bytes (or of the scenario's JSON when built in code)" },
          content: ref('scenario', 'The validated scenario, so that the trace replays without the file'),
        },
        ['file'],
      ),
      design: closed('The design checked', {
        name: { type: 'string', description: 'Preset name with +knob=value for each override' },
        preset: { enum: presets.map((p) => p.name), description: 'The preset it starts from' },
        knobs: ref('knobs', 'The value of every knob'),
      }),
      property: closed(
        'The property violated (a witness: the reach query answered)',
        {
          name: { type: 'string', description: 'The property reference checked, e.g. no-oom-livelock or no-oom-livelock[H]; a witness: reach[NAME]' },
          failing: { type: 'string', description: 'The engine property that failed, e.g. no-oom-livelock[H]; a witness: reach[NAME] (the invariant "not condition")' },
          kind: { enum: ['safety', 'liveness'], description: 'safety: a path to a bad state; liveness: a lasso' },
          fairness: { enum: ['none', 'weak', 'strong'], description: 'The fairness assumed (liveness)' },
          condition: { type: 'string', description: 'Witnesses only: the reach condition the last state satisfies, in kernel words (docs/scenarios.md)' },
        },
        ['fairness', 'condition'],
      ),
      actors: { type: 'array', minItems: 1, items: { type: 'string' }, description: 'Task names in scenario order, then oom_reaper' },
      states: { type: 'array', minItems: 1, items: { $ref: '#/$defs/kernelState' }, description: 'Every state: states[0] is the initial state, steps[i] leads from states[i] to states[i + 1]' },
      steps: { type: 'array', items: { $ref: '#/$defs/step' }, description: 'Every step' },
      loop: int(0, 'Lassos only: index in states where the cycle starts; the last state equals it (equal to the number of steps when the last state stutters)'),
      summary: { type: 'string', description: 'Why this is a violation, in plain language' },
    },
    required: ['schemaVersion', 'tool', 'scenario', 'design', 'property', 'actors', 'states', 'steps', 'summary'],
    additionalProperties: false,
    $defs: {
      ...(scenarioDefs as Record<string, JsonSchema>),
      scenario: scenarioRoot,
      knobs: closed('A design: a value for every knob', Object.fromEntries(knobSpecs.map((k) => [k.name, knobs[k.name]]))),
      ...stateDefs(),
    },
  };
}
