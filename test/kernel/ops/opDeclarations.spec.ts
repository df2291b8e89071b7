import { describe, expect, test } from 'vitest';
import { canonicalScenario } from '../../../src/export/canonical.js';
import { op as buildOp } from '../../../src/kernel/builder.js';
import { GFP_KERNEL } from '../../../src/kernel/gfp.js';
import { layoutOf } from '../../../src/kernel/layout.js';
import { Problems } from '../../../src/kernel/load/problems.js';
import { ScenarioError } from '../../../src/kernel/load/scenarioError.js';
import { readOp } from '../../../src/kernel/load/readProgram.js';
import { scenarioSchema } from '../../../src/kernel/load/scenarioSchema.js';
import { validateScenario } from '../../../src/kernel/load/validateScenario.js';
import { opText } from '../../../src/kernel/opText.js';
import { isUserSpaceOp, operandsOf, opSpecs, userSpaceOps, type Op, type OperandName, type OpName, type ResolvedOp } from '../../../src/kernel/ops/index.js';

/*
 * The operations are declared once, in src/kernel/ops/; the schema, the
 * loader and the trace text derive from the declarations. These tests
 * walk the declarations, so a new operation is checked everywhere
 * without being named here — except for its expected text below.
 */

/** A valid value of each operand, as a scenario writes it (`lock` depends on the kind of lock). */
function sample(name: OpName, operand: OperandName): unknown {
  const spec = opSpecs.find((s) => s.name === name)!;
  switch (operand) {
    case 'lock':
      return spec.lock?.kind === 'mutex' ? 'i_mutex' : 'mmap_sem';
    case 'pages':
      return 8;
    case 'gfp':
      return 'GFP_NOFS';
    case 'context':
      return 'kernel-fault';
    case 'memcg':
      return 'grp';
    case 'process':
      return 'victim';
  }
}

/** Operation `name` with every operand it takes. */
const full = (name: OpName): Record<string, unknown> => ({ op: name, ...Object.fromEntries(operandsOf(name).map((o) => [o, sample(name, o)])) });

function read(value: unknown): { op: Op | undefined; problems: string[] } {
  const problems = new Problems('s.yaml');
  const op = readOp(value, ['program', 0], problems);
  try {
    problems.throwIfAny();
    return { op, problems: [] };
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return { op, problems: error.problems.map((p) => `${p.path}: ${p.message}`) };
  }
}

interface Condition {
  readonly if: { readonly properties: { readonly op: { readonly enum: readonly string[] } } };
  readonly then: { readonly properties: Record<string, unknown>; readonly required?: readonly string[] };
}

describe('every declared operation', () => {
  test('11 operations with distinct names; the user-space ones are wait_oom_event, kill, set_limit', () => {
    expect(opSpecs.map((s) => s.name)).toEqual(['mutex_lock', 'mutex_unlock', 'down_read', 'up_read', 'down_write', 'up_write', 'alloc', 'exit', 'wait_oom_event', 'kill', 'set_limit', 'exit_mm']);
    expect(userSpaceOps).toEqual(['wait_oom_event', 'kill', 'set_limit']);
    expect(opSpecs.filter((s) => isUserSpaceOp(s.name)).map((s) => s.name)).toEqual(userSpaceOps);
  });

  test('is in the JSON Schema: the op enum, with a condition requiring its operands and forbidding the others', () => {
    const schema = (scenarioSchema().$defs as { op: { properties: Record<string, unknown> & { op: { enum: string[]; description: string } }; allOf: Condition[] } }).op;
    for (const spec of opSpecs) {
      expect(schema.properties.op.enum).toContain(spec.name);
      expect(schema.properties.op.description.split('\n')).toContain(`${spec.name}: ${spec.description}`);
      const conditions = schema.allOf.filter((c) => c.if.properties.op.enum.includes(spec.name));
      expect([spec.name, conditions.length]).toEqual([spec.name, 1]);
      const then = conditions[0].then;
      expect([spec.name, then.required ?? []]).toEqual([spec.name, spec.operands.required]);
      const allowed = Object.keys(schema.properties).filter((p) => p !== 'op');
      expect([spec.name, allowed.filter((p) => then.properties[p] !== false)]).toEqual([
        spec.name,
        operandsOf(spec.name)
          .slice()
          .sort((a, b) => allowed.indexOf(a) - allowed.indexOf(b)),
      ]);
    }
  });

  test('is read by the loader with its operands; a missing required operand and a foreign one are reported', () => {
    for (const spec of opSpecs) {
      expect(read(full(spec.name))).toEqual({ op: full(spec.name), problems: [] });
      for (const operand of spec.operands.required) {
        const { [operand]: _, ...without } = full(spec.name);
        expect(read(without).problems).toHaveLength(1);
        expect(read(without).problems[0]).toMatch(new RegExp(`^program\\[0\\]: missing required field '${operand}' \\(${spec.name} takes `));
      }
      const foreign = (['lock', 'process'] as const).find((o) => !operandsOf(spec.name).includes(o))!;
      expect(read({ ...full(spec.name), [foreign]: 'x' }).problems[0]).toMatch(new RegExp(`^program\\[0\\]\\.${foreign}: field '${foreign}' does not apply to ${spec.name} \\(it takes `));
    }
  });

  test('has its text in traces, its operands named as the scenario names them', () => {
    const expected: Record<OpName, string> = {
      mutex_lock: 'mutex_lock(i_mutex)',
      mutex_unlock: 'mutex_unlock(i_mutex)',
      down_read: 'down_read(victim.mmap_sem)',
      up_read: 'up_read(victim.mmap_sem)',
      down_write: 'down_write(victim.mmap_sem)',
      up_write: 'up_write(victim.mmap_sem)',
      alloc: 'alloc(8, GFP_NOFS, kernel-fault)',
      exit: 'exit()',
      wait_oom_event: 'wait_oom_event(grp)',
      kill: 'kill(victim)',
      set_limit: 'set_limit(grp, 8)',
      exit_mm: 'exit_mm()',
    };
    expect(Object.keys(expected)).toEqual(opSpecs.map((s) => s.name));
    const program = opSpecs.map((s) => full(s.name) as Op);
    const layout = layoutOf(scenarioWith(program));
    expect(layout.tasks[0].program.map((op) => opText(layout, op))).toEqual(Object.values(expected));
    const alloc: ResolvedOp = { op: 'alloc', pages: 1, gfp: GFP_KERNEL, context: 'syscall' };
    expect(opText(layout, alloc)).toBe('alloc(1)');
  });

  test('round-trips through the builder and the canonical form of exported scenarios', () => {
    const program = opSpecs.map((s) => full(s.name) as Op);
    const operands = (name: OpName) => Object.fromEntries(Object.entries(full(name)).filter(([key]) => key !== 'op'));
    expect(opSpecs.map((s) => buildOp(s.name, operands(s.name) as never))).toEqual(program);
    // Operands given in reverse order come out in the declaration's order.
    const reversed = program.map((op) => Object.fromEntries(Object.entries(op).reverse()) as Op);
    const exported = canonicalScenario(scenarioWith(reversed)).processes[0].threads[0].program;
    expect(exported.map((op) => Object.keys(op))).toEqual(opSpecs.map((s) => ['op', ...operandsOf(s.name)]));
    expect(exported).toEqual(program);
  });
});

/**
 * A scenario (not validated: the program breaks the lock rules) whose
 * one thread runs `program`: mutex i_mutex, memcg grp, process victim.
 */
function scenarioWith(program: readonly Op[]) {
  const valid = validateScenario(
    {
      name: 's',
      description: 'd',
      locks: [{ name: 'i_mutex', kind: 'mutex' }],
      memcgs: [{ name: 'grp', limit: 8 }],
      memory: { free: 0, reserves: 1 },
      processes: [{ name: 'victim', memcg: 'grp', pages: 8, threads: [{ name: 'T', program: [{ op: 'exit' }] }] }],
    },
    { file: 'test' },
  );
  return { ...valid, processes: [{ ...valid.processes[0], threads: [{ name: 'T', program }] }] };
}
