import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fairness, RandomOptions, StopReason } from '../engine/index.js';
import { fileSha256, traceDocument, type TraceDocument } from '../export/index.js';
import { version } from '../packageRoot.js';
import { writeFileAtomic } from './atomicWrite.js';
import type { JobRun } from './outcome.js';
import type { Shard } from './shardOptions.js';
import { UsageError } from './usageError.js';

/** The shard result format's version: bumped on any change a reader of this one would misread. */
export const SHARD_FORMAT_VERSION = 1;

/** One property's verdict in one shard; a violation carries its trace (the `.json` trace document). */
export interface ShardVerdict {
  readonly property: string;
  readonly verdict: 'violated' | 'incomplete';
  readonly failing?: string;
  readonly fairness?: Fairness;
  /** No violation found: schedules this shard ran for the property. */
  readonly runs?: number;
  readonly reason?: StopReason;
  readonly trace?: TraceDocument;
}

/** One search (a scenario under a design) of a shard. */
export interface ShardSearch {
  readonly scenario: string;
  /** The scenario file as traces name it (built-ins relative to the package), or the `--family` spec. */
  readonly file?: string;
  readonly family?: string;
  /** sha256 of the scenario file's bytes, or of the generated scenario's JSON. */
  readonly sha256: string;
  readonly design: string;
  readonly runs: number;
  readonly seconds: number;
  readonly verdicts: readonly ShardVerdict[];
}

/** What `check --shard K/N` writes to `OUT/shard-K-of-N.json`, and `merge` reads. */
export interface ShardResult {
  readonly format: 'oomcheck-shard';
  readonly formatVersion: typeof SHARD_FORMAT_VERSION;
  readonly oomcheck: string;
  readonly shard: Shard;
  readonly seed: number;
  /** Schedules per search of the whole job (all shards). */
  readonly runs: number;
  readonly depth: number;
  readonly fairness: Fairness | null;
  /** `--property` as given, or null (every property of each scenario). */
  readonly properties: readonly string[] | null;
  readonly searches: readonly ShardSearch[];
}

/** The file a shard writes inside `--out`. */
export const shardFileName = (shard: Shard): string => `shard-${shard.index}-of-${shard.count}.json`;

/** The sha256 recorded for a job's scenario: of the file's bytes, or of a generated scenario's JSON (as trace documents record it). */
export function scenarioSha256(run: JobRun): string {
  return run.job.file !== undefined ? fileSha256(run.job.file) : createHash('sha256').update(JSON.stringify(run.scenario)).digest('hex');
}

/** The shard result of `check --shard`: every random run, its verdicts and their traces. */
export function shardResult(runs: readonly JobRun[], shard: Shard, options: RandomOptions, chosen: { fairness?: Fairness; properties?: readonly string[] }): ShardResult {
  const searches = runs.flatMap((run): ShardSearch[] => {
    if (run.strategy !== 'random') return [];
    const verdicts = run.verdicts.map((v): ShardVerdict => {
      const { property, failing, fairness, runs: tried, reason } = v;
      const base = { property, ...(failing !== undefined ? { failing } : {}), ...(fairness !== undefined ? { fairness } : {}) };
      if (v.verdict === 'violated') return { ...base, verdict: 'violated', trace: traceDocument(run, v, version(), run.job.file, run.job.recorded) };
      return { ...base, verdict: 'incomplete', ...(tried !== undefined ? { runs: tried } : {}), ...(reason !== undefined ? { reason } : {}) };
    });
    const source = run.job.family !== undefined ? { family: run.job.family } : { file: run.job.recorded };
    return [{ scenario: run.scenario.name, ...source, sha256: scenarioSha256(run), design: run.design.name, runs: run.report.runs, seconds: run.report.seconds, verdicts }];
  });
  return {
    format: 'oomcheck-shard',
    formatVersion: SHARD_FORMAT_VERSION,
    oomcheck: version(),
    shard,
    seed: options.seed!,
    runs: options.runs ?? 1000,
    depth: options.depth ?? 200,
    fairness: chosen.fairness ?? null,
    properties: chosen.properties ?? null,
    searches,
  };
}

/** Writes `result` to `outDir/shard-K-of-N.json`; returns the path. */
export function writeShardFile(outDir: string, result: ShardResult): string {
  const path = join(outDir, shardFileName(result.shard));
  writeFileAtomic(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: Json): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/**
 * Reads and checks a shard result file: its format and version, and the
 * type of every field `merge` uses (traces are checked later, when they
 * are replayed).
 * @throws {UsageError} naming the file and the JSON path of the first problem
 */
export function readShardFile(path: string): ShardResult {
  const fail = (where: string, cause: string): never => {
    throw new UsageError(`${path}${where ? `: at ${where}` : ''}: ${cause}`);
  };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return fail('', `cannot read: ${(error as Error).message}`);
  }
  let doc: Json;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return fail('', `not JSON (${(error as Error).message})`);
  }
  if (!isObject(doc) || doc.format !== 'oomcheck-shard') return fail('', 'not an oomcheck shard result (its "format" is not "oomcheck-shard"; check --shard K/N writes one)');
  if (doc.formatVersion !== SHARD_FORMAT_VERSION) return fail('formatVersion', `version ${JSON.stringify(doc.formatVersion)} is not ${SHARD_FORMAT_VERSION}, the one this oomcheck reads`);
  const shard = doc.shard;
  if (!isObject(shard) || !isCount(shard.index) || !isCount(shard.count) || shard.index < 1 || shard.index > shard.count) return fail('shard', 'must be { index: K, count: N } with 1 ≤ K ≤ N');
  if (!Number.isSafeInteger(doc.seed)) fail('seed', 'must be an integer');
  if (!isCount(doc.runs) || doc.runs < 1) fail('runs', 'must be a positive integer');
  if (!isCount(doc.depth)) fail('depth', 'must be a non-negative integer');
  if (doc.fairness !== null && !['none', 'weak', 'strong'].includes(doc.fairness as string)) fail('fairness', 'must be none, weak, strong or null');
  if (doc.properties !== null && !(Array.isArray(doc.properties) && doc.properties.every((p) => typeof p === 'string'))) fail('properties', 'must be a list of names or null');
  if (!Array.isArray(doc.searches)) return fail('searches', 'must be a list');
  for (const [i, s] of (doc.searches as Json[]).entries()) {
    const at = `searches[${i}]`;
    if (!isObject(s)) return fail(at, 'must be an object');
    for (const key of ['scenario', 'design', 'sha256'] as const) if (typeof s[key] !== 'string') fail(`${at}.${key}`, 'must be a string');
    if ((typeof s.file === 'string') === (typeof s.family === 'string')) fail(at, 'must name its scenario by "file" or by "family", one of them');
    if (!isCount(s.runs)) fail(`${at}.runs`, 'must be a non-negative integer');
    if (typeof s.seconds !== 'number' || !(s.seconds >= 0)) fail(`${at}.seconds`, 'must be a non-negative number');
    if (!Array.isArray(s.verdicts)) return fail(`${at}.verdicts`, 'must be a list');
    for (const [j, v] of (s.verdicts as Json[]).entries()) {
      const vat = `${at}.verdicts[${j}]`;
      if (!isObject(v) || typeof v.property !== 'string') return fail(vat, 'must be an object with a "property" name');
      if (v.verdict === 'violated' && !isObject(v.trace)) fail(`${vat}.trace`, 'a violation must carry its trace');
      if (v.verdict === 'incomplete' && v.runs !== undefined && !isCount(v.runs)) fail(`${vat}.runs`, 'must be a non-negative integer');
      if (v.verdict !== 'violated' && v.verdict !== 'incomplete') fail(`${vat}.verdict`, `must be "violated" or "incomplete", got ${JSON.stringify(v.verdict)}`);
    }
  }
  return doc as unknown as ShardResult;
}
