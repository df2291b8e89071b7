/**
 * The readable states of a trace (`readableStates`) laid out as one table
 * for the HTML viewer: the same sections and rows for every state, so the
 * page can show any state and mark what changed from the previous one by
 * comparing two strings per row.
 */

/** One section of the state panel: a title and its row labels. */
export interface StateSection {
  readonly title: string;
  /** Row keys as in the readable state (e.g. `T2`, `victim.mmap_sem`, `oom_lock`). */
  readonly keys: readonly string[];
  /** Row labels as shown (kernel words: `free pages`, `oom_reaper`). */
  readonly labels: readonly string[];
}

/** Every state's rows as text, aligned with the sections' rows. */
export interface StateTable {
  readonly sections: readonly StateSection[];
  /** `values[k]` holds state k's rows, sections flattened in order. */
  readonly values: readonly (readonly string[])[];
}

/** Top-level scalars (`free`, `oom_lock`, `reaper`, …) form this section. */
const GENERAL = '';

/** Sections shown first, in this order; any other follows in order of appearance. */
const sectionOrder = ['tasks', GENERAL, 'memcgs', 'locks', 'mms'];

const sectionTitles: Readonly<Record<string, string>> = {
  tasks: 'Tasks',
  [GENERAL]: 'Memory and the OOM killer',
  locks: 'Locks held',
  mms: 'mms',
  memcgs: 'Memory cgroups',
};

const rowLabels: Readonly<Record<string, string>> = { free: 'free pages', reserves: 'reserve pages', reaper: 'oom_reaper', spurious_error: 'spurious -ENOMEM/-EFAULT' };

/**
 * What an absent row means, by section (or by key, in the general section):
 * a lock missing from `locks` is free, a missing `oom_reaper_list` is empty
 * (plainState leaves both out rather than listing nothing); a missing
 * `panicked` or `spurious_error` flag is unset.
 */
const absentText: Readonly<Record<string, string>> = { locks: 'free', oom_reaper_list: 'empty', panicked: 'no', spurious_error: 'no' };

/** What `null` means for a key: `oom_lock: null` is an unheld oom_lock. */
const nullText: Readonly<Record<string, string>> = { oom_lock: 'free' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, key: string, section: string): string {
  if (value === undefined) return absentText[section === GENERAL ? key : section] ?? '—';
  if (value === null) return nullText[key] ?? 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? 'empty' : value.map(String).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Lays out readable states (plain objects: scalars, and objects of
 * scalars such as `tasks` and `locks`) as sections of rows. Every key
 * that appears in any state gets a row, in order of first appearance;
 * a row absent from a state reads as what its absence means (`free` for
 * a lock). Deterministic: depends only on the states and their key order.
 */
export function stateTable(states: readonly Record<string, unknown>[]): StateTable {
  const keysBySection = new Map<string, string[]>();
  const add = (section: string, key: string) => {
    const keys = keysBySection.get(section) ?? [];
    if (!keys.includes(key)) keys.push(key);
    keysBySection.set(section, keys);
  };
  for (const state of states) {
    for (const [key, value] of Object.entries(state)) {
      if (isRecord(value)) {
        if (!keysBySection.has(key)) keysBySection.set(key, []);
        for (const inner of Object.keys(value)) add(key, inner);
      } else add(GENERAL, key);
    }
  }
  const rank = (section: string) => (sectionOrder.includes(section) ? sectionOrder.indexOf(section) : sectionOrder.length);
  const names = [...keysBySection.keys()].map((name, i) => ({ name, i })).sort((a, b) => rank(a.name) - rank(b.name) || a.i - b.i);
  const rows = names.flatMap(({ name }) => keysBySection.get(name)!.map((key) => ({ section: name, key })));
  return {
    sections: names.map(({ name }) => {
      const keys = keysBySection.get(name)!;
      return { title: sectionTitles[name] ?? name, keys, labels: keys.map((k) => (name === GENERAL ? (rowLabels[k] ?? k) : k)) };
    }),
    values: states.map((state) =>
      rows.map(({ section, key }) => {
        const holder = section === GENERAL ? state : state[section];
        return text(isRecord(holder) ? holder[key] : undefined, key, section);
      }),
    ),
  };
}
