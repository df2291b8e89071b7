import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { parseGfp } from '../../../src/kernel/gfp.js';
import { gfpPattern } from '../../../src/kernel/load/opSchema.js';
import { scenarioSchema } from '../../../src/kernel/load/scenarioSchema.js';

const fixture = parse(readFileSync(join(import.meta.dirname, 'fixtures', 'memcg.yaml'), 'utf8')) as Record<string, any>;

describe('the JSON Schema: memcgs, GFP masks, contexts, user-space ops', () => {
  test('the memcg fixture passes it', () => {
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(scenarioSchema());
    expect(validate(fixture), JSON.stringify(validate.errors)).toBe(true);
  });

  test('invalid documents fail it, each at its own place', () => {
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(scenarioSchema());
    const W = (s: any): any[] => s.processes[0].threads[0].program;
    const H = (s: any): any[] => s.processes[1].threads[0].program;
    const variants: [string, (s: any) => void, string][] = [
      ['memcg without a limit', (s) => delete s.memcgs[0].limit, '/memcgs/0'],
      ['memcg name with a dot', (s) => (s.memcgs[1].name = 'a.b'), '/memcgs/1/name'],
      ['negative maxOvercharge', (s) => (s.memcgs[1].maxOvercharge = -1), '/memcgs/1/maxOvercharge'],
      ['unknown memcg field', (s) => (s.memcgs[0].oomKilDisable = true), '/memcgs/0'],
      ['blank process memcg', (s) => (s.processes[0].memcg = ' '), '/processes/0/memcg'],
      ['unknown GFP base', (s) => (W(s)[1].gfp = 'GFP_ATOMIC'), '/processes/0/threads/0/program/1/gfp'],
      ['unknown GFP flag', (s) => (W(s)[1].gfp = 'GFP_NOFS | __GFP_NOFAL'), '/processes/0/threads/0/program/1/gfp'],
      ['unknown context', (s) => (W(s)[3].context = 'user_fault'), '/processes/0/threads/0/program/3/context'],
      ['alloc of 0 pages', (s) => (W(s)[3].pages = 0), '/processes/0/threads/0/program/3/pages'],
      ['gfp on set_limit', (s) => (H(s)[2].gfp = 'GFP_KERNEL'), '/processes/1/threads/0/program/2/gfp'],
      ['wait_oom_event without memcg', (s) => delete H(s)[0].memcg, '/processes/1/threads/0/program/0'],
      ['kill with a memcg', (s) => (H(s)[1].memcg = 'grp'), '/processes/1/threads/0/program/1/memcg'],
      ['set_limit without pages', (s) => delete H(s)[2].pages, '/processes/1/threads/0/program/2'],
      ['negative set_limit', (s) => (H(s)[2].pages = -1), '/processes/1/threads/0/program/2/pages'],
    ];
    for (const [why, mutate, where] of variants) {
      const s = structuredClone(fixture);
      mutate(s);
      expect([why, validate(s)]).toEqual([why, false]);
      expect([why, validate.errors!.some((e) => e.instancePath === where)]).toEqual([why, true]);
    }
    const zeroLimit = structuredClone(fixture);
    H(zeroLimit)[2].pages = 0; // the schema allows it; the loader checks it against the declared limit
    expect(validate(zeroLimit), JSON.stringify(validate.errors)).toBe(true);
  });

  test('the GFP pattern accepts every mask parseGfp accepts (so the schema never rejects a loadable file)', () => {
    const masks = ['GFP_KERNEL', 'GFP_NOFS', ' GFP_NOFS |__GFP_NOFAIL ', 'GFP_NOFS|__GFP_MAY_OOMKILL|__GFP_KILLABLE', 'GFP_KERNEL | __GFP_RETRY_MAYFAIL', 'GFP_KERNEL|__GFP_NORETRY'];
    const pattern = new RegExp(gfpPattern, 'u');
    expect(masks.map((m) => ['error' in parseGfp(m), pattern.test(m)])).toEqual(masks.map(() => [false, true]));
    const misspelt = ['GFP_ATOMIC', 'GFP_KERNEL |', 'GFP_KERNEL | __GFP_NOFAL', '__GFP_NOFAIL', ''];
    expect(misspelt.map((m) => ['error' in parseGfp(m), pattern.test(m)])).toEqual(misspelt.map(() => [true, false]));
  });
});
