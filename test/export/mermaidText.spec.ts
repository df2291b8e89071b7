import { describe, expect, test } from 'vitest';
import { mermaidText, mermaidWrapped } from '../../src/export/mermaidText.js';

describe('Mermaid text escaping', () => {
  test('writes ; # " % & < > as entity codes and control characters visibly', () => {
    expect(mermaidText('do_exit(); mutex_unlock(&oom_lock) #1 "x" <y> 50%\nz')).toBe('do_exit()#59; mutex_unlock(#38;oom_lock) #35;1 #34;x#34; #60;y#62; 50#37;\\nz');
    expect(mermaidText('&victim->mm->mmap_sem')).toBe('#38;victim-#62;mm-#62;mmap_sem');
  });

  test('keeps style and classDef out of a line, so Mermaid does not cut its last entity', () => {
    expect(mermaidText('style: a;')).toBe('#115;tyle: a#59;');
    expect(mermaidText('classDef x;')).toBe('#99;lassDef x#59;');
  });

  test('breaks long text at spaces with <br/>, escaping each line', () => {
    expect(mermaidWrapped('aaa bbb; ccc ddd', 8)).toBe('aaa bbb#59;<br/>ccc ddd');
    expect(mermaidWrapped('short', 8)).toBe('short');
    expect(mermaidWrapped('averyveryverylongword x', 8)).toBe('averyveryverylongword<br/>x');
  });
});
