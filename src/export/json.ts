import { canonicalDocument } from './canonical.js';
import type { Exporter } from './exporter.js';

/**
 * oomcheck's own trace format: the {@link TraceDocument} as JSON, 2-space
 * indented, keys in the order of the TypeScript type, with a trailing
 * newline. `schema/trace.schema.json` describes it (`traceSchema()`);
 * `oomcheck replay FILE.json` reads it back (`readTraceFile`) and
 * re-executes it.
 */
export const jsonExporter: Exporter = {
  format: 'json',
  extension: '.json',
  render: (doc) => `${JSON.stringify(canonicalDocument(doc), null, 2)}\n`,
};
