import type { ReportFormat } from '../../../contract';
import type { Renderer } from './Renderer';
import type { BlockSource, ReportMeta } from './ReportDocument';

export const REPORT_MEDIA_TYPES: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** pdfkit and docx are large and slow to load (fonts, compression tables): imported on first use. */
async function rendererFor(format: ReportFormat, meta: ReportMeta): Promise<Renderer> {
  switch (format) {
    case 'md':
      return (await import('./renderMarkdown')).markdownRenderer(meta);
    case 'html':
      return (await import('./renderHtml')).htmlRenderer(meta);
    case 'pdf':
      return (await import('./renderPdf')).pdfRenderer(meta);
    case 'docx':
      return (await import('./renderDocx')).docxRenderer(meta);
  }
}

/**
 * Renders a report document (ReportDocument.ts) to a file's bytes. Blocks are consumed as the
 * source yields them, so an async generator that reads a page of rows at a time keeps memory
 * bounded. This runs on whatever thread calls it: the backend calls it inside the report worker
 * (main/reports/worker), never on its event loop.
 */
export async function renderReport(format: ReportFormat, meta: ReportMeta, blocks: BlockSource): Promise<Buffer> {
  const renderer = await rendererFor(format, meta);
  for await (const block of blocks) await renderer.block(block);
  return renderer.finish();
}
