/**
 * Counterexample exports: one exporter per file, all rendering a
 * {@link TraceDocument}, the readers of trace files, the plain-text
 * verdict table, and a search's state graph as Graphviz DOT.
 *
 * Layer: imports the `engine`, `kernel`, `properties` and `check` fronts
 * only; `testing`, `bench` and `cli` use this front.
 */
import type { Exporter } from './exporter.js';
import { htmlExporter } from './html.js';
import { itfExporter } from './itf.js';
import { jsonExporter } from './json.js';
import { markdownExporter } from './markdown.js';
import { mermaidExporter } from './mermaid.js';

export type { ExportFormat, Exporter } from './exporter.js';
export { fileSha256, readableStates, summaryOf, traceDocument, traceTitle, TRACE_SCHEMA_VERSION, witnessDocument, type TraceDocument, type TraceDocumentStep } from './traceDocument.js';
export { htmlExporter, itfExporter, jsonExporter, markdownExporter, mermaidExporter };
export { markdownTrace } from './markdown.js';
export { readTraceFile, readTraceText } from './readTrace.js';
export { TraceFileError } from './traceFileError.js';
export { outputWidth, renderTable, type TableOptions } from './table.js';
export { wrap } from './wrap.js';
export { STATE_GRAPH_MAX_STATES, stateGraphRecorder, stateSummary, type StateGraphRecorder } from './stateGraph.js';
export { maxSegmentBytes, pathSegment, tracePath } from './outputPath.js';
export { traceSchema } from './traceSchema.js';

/** Every exporter, in the order files are written. */
export const exporters: readonly Exporter[] = [jsonExporter, itfExporter, markdownExporter, mermaidExporter, htmlExporter];

/**
 * The exporters named in a `--format` list (`json,itf,md,mermaid,html`);
 * all of them when `list` is undefined.
 * @throws {Error} naming an unknown format.
 */
export function exportersFor(list: string | undefined): Exporter[] {
  if (list === undefined) return [...exporters];
  return list.split(',').map((name) => {
    const exporter = exporters.find((e) => e.format === name.trim());
    if (!exporter) throw new Error(`unknown format "${name}"; formats: ${exporters.map((e) => e.format).join(', ')}`);
    return exporter;
  });
}
