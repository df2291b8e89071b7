import { describe, expect, test } from 'vitest';
import { resolveDesign } from '../../../src/kernel/design/design.js';
import { baseKernelKnobs, kernelChanges, modelledCommits, releaseAtMost } from '../../../src/kernel/design/kernelCommits.js';
import { defaultKnobs } from '../../../src/kernel/design/knobs/index.js';
import { presets } from '../../../src/kernel/design/presets/index.js';

/** The release a preset is named for (`linux-4.19` → `4.19`), if any. */
const namedRelease = (name: string): string | undefined => /^linux-(\d+\.\d+)$/.exec(name)?.[1];

/** The latest release a title names (`… (4.19): …` → `4.19`), if any. */
function titleRelease(title: string): string | undefined {
  const releases = [...title.matchAll(/\b(\d)\.(\d{1,2})\b/g)].map((m) => `${m[1]}.${m[2]}`);
  return releases.sort((a, b) => (releaseAtMost(a, b) ? -1 : 1)).at(-1);
}

const ids = (name: string) => (presets.find((p) => p.name === name)?.commits ?? []).map((c) => `${c.id} ${c.release}`);

describe('per preset, which kernel commits it includes', () => {
  test('the version-named presets, exactly', () => {
    const to419 = [
      '3812c8c8f395 3.12',
      '519e52473ebe 3.12',
      '4942642080ea 3.12',
      'd7a94e7e11ba 4.0',
      'dc56401fc9f2 4.2',
      '10d53c748bc9 4.4',
      'aac453635549 4.6',
      '36324a990cf5 4.6',
      'bb29902a7515 4.6',
      'af8e15cc85a2 4.6',
      '98748bd72200 4.7',
      '3da88fb3bacf 4.7',
      '3ef22dfff239 4.7',
      '449d777d7ad6 4.7',
      'bb8a4b7fd126 4.7',
      'e2fe14564d33 4.7',
      '44a70adec910 4.8',
      'b18dc5f291c0 4.8',
      '97fd49c2355f 4.8',
      '1af8bb432695 4.8',
      '696453e66630 4.8',
      '862e3073b3ee 4.9',
      '11a410d516e8 4.9',
      '7d2e7a22cf27 4.9',
      '06ad276ac187 4.11',
      'cd04ae1e2dc8 4.14',
      '212925802454 4.14',
      '27ae357fa82b 4.17',
      '29ef680ae7c2 4.19',
      'af5679fbc669 4.19',
      '9bfe5ded054b 4.19',
    ];
    expect(ids('linux-4.19')).toEqual(to419);
    expect(ids('linux-4.14')).toEqual(to419.slice(0, -4));
    // Nothing modelled came in 4.15 or 4.16: 212925802454 is 4.14's (issue 11 had it in 4.16).
    expect(ids('linux-4.16')).toEqual(ids('linux-4.14'));
    expect(ids('linux-4.17')).toEqual(to419.slice(0, -3));
    expect(ids('linux-5.4')).toEqual([...to419, '7775face2079 5.1', 'f9c645621a28 5.4']);
    // The memcg designs: 4.11 but 4.2's oom_lock in the memcg OOM killer (they keep the memcg trylock alone), and the memcg commit(s) on top.
    const to411 = to419.slice(0, -6).filter((c) => c !== 'dc56401fc9f2 4.2');
    expect(ids('memcg-charge-path')).toEqual([...to411, '29ef680ae7c2 4.19']);
    expect(ids('memcg-nofs-kill')).toEqual([...to411, '29ef680ae7c2 4.19', 'f9c645621a28 5.4']);
  });

  test('linux-4.19 is memcg-charge-path with the memcg OOM on oom_lock, the reaper out of oom_lock, 4.14 reserves and 4.17 exit_mmap(), no sleep under oom_lock (9bfe5ded054b); linux-4.14 is nofail-reserves with the reserves, 4.14 exit_mmap() and the memcg OOM killer under oom_lock from 4.2 (dc56401fc9f2); 4.16 is 4.14; 4.17 changes exit_mmap() only; linux-5.4 adds 7775face2079, f9c645621a28 and 5.3 (a tie to the later process)', () => {
    const diff = (a: string, b: string) => {
      const [x, y] = [resolveDesign(a).knobs, resolveDesign(b).knobs] as Record<string, unknown>[];
      return Object.fromEntries(Object.keys(x).flatMap((k) => (x[k] === y[k] ? [] : [[k, y[k]]])));
    };
    // memcg-charge-path keeps the pre-4.19 memcg trylock and waitqueue (memcgOomLock), to isolate the charge-path move.
    expect(diff('memcg-charge-path', 'linux-4.19')).toEqual({ reaperTakesOomLock: false, oomReserves: 'alloc-oom', memcgOomLock: 'oom-lock', exitMmap: 'reap-skip', oomLockHolderSleeps: false });
    expect(diff('nofail-reserves', 'linux-4.14')).toEqual({ memcgOomLock: 'memcg-trylock+oom-lock', oomReserves: 'alloc-oom', exitMmap: 'unmap-skip' });
    expect(diff('linux-4.14', 'linux-4.16')).toEqual({});
    expect(diff('linux-4.16', 'linux-4.17')).toEqual({ exitMmap: 'reap-skip' });
    expect(diff('linux-4.19', 'linux-5.4')).toEqual({ memcgOomSkipsDying: true, memcgNofsOom: 'kill', selectTieBreak: 'last' });
  });

  test('kernelChanges: in release order; within a release the table order, the unidentified changes last (a later value wins)', () => {
    expect(kernelChanges('4.8')).toEqual([
      { memcgOomContext: 'user-fault-end', memcgOomDisabled: 'user-fault-end' },
      { memcgOomContext: 'user-fault-end' },
      { memcgOomContext: 'user-fault-end' },
      { dyingCurrentShortcut: 'current-mm' },
      { memcgOomLock: 'memcg-trylock+oom-lock' },
      { memcgDyingCharge: 'force' },
      { reaper: 'slot' },
      { reaperClearsMemdie: 'after-reap' },
      { reaper: 'queue', reaperQueueOrder: 'lifo', reaperEnqueueCheck: 'next-only' },
      { reaperEnqueueCheck: 'head-or-next' },
      { killExitingShortcut: 'none' },
      { nofsCallsOutOfMemory: true },
      { shortcutWakesReaper: true },
      { reaperClearsMemdie: 'always', reaperClearsNextPointer: true },
      { mmFlagOnReap: 'flag' },
      { reaperTakesOomLock: true },
      {},
      { vforkSkip: true },
      { killSharers: 'all' },
      { dyingCurrentShortcut: 'task-will-free-mem', killExitingShortcut: 'task-will-free-mem', shortcutNeedsSharersDying: true },
      { shortcutRequiresUnflaggedMm: true },
      // The two 4.8 changes without a commit id, after 4.8's commits: reap at most twice; [PATCH 10/10] (one patch, two knobs).
      { mmFlagOnGiveUp: 'second-give-up' },
      { sharedUnkillableMm: 'flag-skip', victimAbortsSelection: 'memdie-unflagged' },
    ]);
    // A knob changed in several releases: the values in release order, so the last one wins.
    expect(kernelChanges('5.4').flatMap((k) => (k.reaperClearsMemdie === undefined ? [] : [k.reaperClearsMemdie]))).toEqual(['after-reap', 'always', 'never']);
    expect(kernelChanges('5.4').flatMap((k) => (k.victimAbortsSelection === undefined ? [] : [k.victimAbortsSelection]))).toEqual(['memdie-unflagged', 'victim-unflagged']);
  });

  test('every preset named linux-X.Y includes every modelled commit up to X.Y, and its knobs are what they add up to', () => {
    const named = presets.filter((p) => namedRelease(p.name) !== undefined);
    expect(named.length).toBeGreaterThanOrEqual(2);
    for (const preset of named) {
      const release = namedRelease(preset.name)!;
      const due = modelledCommits.filter((c) => releaseAtMost(c.release, release)).map((c) => c.id);
      expect({ preset: preset.name, commits: (preset.commits ?? []).map((c) => c.id) }).toEqual({ preset: preset.name, commits: due });
      const expected = Object.assign({ ...defaultKnobs() }, baseKernelKnobs, ...kernelChanges(release));
      expect({ preset: preset.name, knobs: resolveDesign(preset.name).knobs }).toEqual({ preset: preset.name, knobs: expected });
    }
  });

  test('no preset lists a commit later than the release its name or title names, or one the table does not know', () => {
    const known = new Map(modelledCommits.map((c) => [c.id, c]));
    for (const preset of presets) {
      const release = namedRelease(preset.name) ?? titleRelease(preset.title);
      for (const commit of preset.commits ?? []) {
        expect({ preset: preset.name, commit: commit.id, known: known.get(commit.id)?.release }).toEqual({ preset: preset.name, commit: commit.id, known: commit.release });
        if (release !== undefined) expect({ preset: preset.name, commit: commit.id, after: !releaseAtMost(commit.release, release) }).toEqual({ preset: preset.name, commit: commit.id, after: false });
      }
    }
  });

  test('the table is in history order and its ids are 12 hex digits', () => {
    for (const [i, c] of modelledCommits.entries()) {
      expect(c.id).toMatch(/^[0-9a-f]{12}$/);
      if (i > 0) expect(releaseAtMost(modelledCommits[i - 1].release, c.release)).toBe(true);
    }
    expect(modelledCommits.length).toBe(33);
  });
});
