import type { TraceDocument } from './traceDocument.js';

/** The export formats, as named on the command line (`--format json,itf,md,mermaid,html`). */
export type ExportFormat = 'json' | 'itf' | 'md' | 'mermaid' | 'html';

/** Renders a trace document in one format. One exporter per file. */
export interface Exporter {
  readonly format: ExportFormat;
  /** File name suffix, e.g. `.json`, `.itf.json`, `.md`, `.mmd`, `.html`. */
  readonly extension: string;
  /** The whole file's text. Deterministic: the same document gives the same text. */
  render(doc: TraceDocument): string;
}
