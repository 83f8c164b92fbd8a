import type { Block } from './ReportDocument';

/**
 * One output format. `block` is called once per block in order (a `rows` block continues the last
 * table); `finish` returns the file's bytes. A renderer keeps no more of the document than its
 * format needs (see ReportDocument.ts).
 */
export interface Renderer {
  block(block: Block): void | Promise<void>;
  finish(): Promise<Buffer>;
}
