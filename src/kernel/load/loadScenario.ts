import { readFileSync, statSync } from 'node:fs';
import type { Scenario } from '../scenario.js';
import { countText, scenarioLimits } from './documentLimits.js';
import { formatOfFile, parseDocument } from './parseDocument.js';
import { capProblems } from './problems.js';
import { ScenarioError } from './scenarioError.js';
import { validateScenario } from './validateScenario.js';

/**
 * Loads and validates the scenario in `text`; `fileName` chooses the
 * syntax by its extension (`.yaml`, `.yml` or `.json`) and names the file
 * in problems. Only ever throws {@link ScenarioError}, whatever the text.
 * @throws {ScenarioError} syntax errors, or every validation problem with its line and column
 */
export function loadScenarioText(text: string, fileName: string): Scenario {
  const format = formatOfFile(fileName);
  if (format === undefined) throw ScenarioError.ofFile(fileName, 'unknown file type: a scenario file ends in .yaml, .yml or .json');
  const { document, problems } = parseDocument(text, fileName, format);
  if (!document) throw new ScenarioError(capProblems(problems, fileName));
  return validateScenario(document.value, { file: fileName, locate: document.locate, problems });
}

/**
 * Reads the scenario file at `path` (UTF-8) and loads it with
 * {@link loadScenarioText}; problems name the file as `path` was given.
 * @throws {ScenarioError} also when the file is missing, unreadable, not UTF-8 or larger than `scenarioLimits.maxChars` bytes
 */
export function loadScenarioFile(path: string): Scenario {
  if (formatOfFile(path) === undefined) throw ScenarioError.ofFile(path, 'unknown file type: a scenario file ends in .yaml, .yml or .json');
  let bytes: Buffer;
  try {
    // The size first: a huge file is refused without reading it.
    const { size } = statSync(path);
    if (size > scenarioLimits.maxChars) throw ScenarioError.ofFile(path, `the file is ${countText(size)} bytes; at most ${countText(scenarioLimits.maxChars)} are read`);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    throw ScenarioError.ofFile(path, readFailure(error));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw ScenarioError.ofFile(path, 'cannot read file: it is not UTF-8 text');
  }
  return loadScenarioText(text, path);
}

function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot read file: permission denied';
  if (code === 'EISDIR') return 'cannot read file: it is a directory';
  return `cannot read file: ${error instanceof Error ? error.message : String(error)}`;
}
