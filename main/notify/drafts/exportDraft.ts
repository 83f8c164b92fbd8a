import type { DraftExport, ExportFormat } from '../../../contract';
import { getLetterhead } from '../../settings';
import type { Db } from '../../store';
import { exportEml } from './exportEml';
import { exportHtml } from './exportHtml';
import { exportMarkdown } from './exportMarkdown';
import { readDraft } from './readDraft';
import { sha256Hex } from './sha256Hex';
import { toLetter, type Letter } from './toLetter';

export interface ExportDraftInput {
  id: string;
  format: ExportFormat;
  version?: number | undefined;
  recipient?: string | undefined;
  /** Masks personal data in the letter's text (a reader without pii:read); the file is then not what is sent, and says nothing else different. */
  mask?: ((text: string) => string) | undefined;
}

const MEDIA_TYPES: Record<ExportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  eml: 'message/rfc822',
};

async function render(letter: Letter, format: ExportFormat): Promise<Buffer> {
  switch (format) {
    case 'md':
      return Buffer.from(exportMarkdown(letter), 'utf8');
    case 'html':
      return Buffer.from(exportHtml(letter), 'utf8');
    case 'eml':
      return Buffer.from(exportEml(letter), 'utf8');
    // pdfkit and docx are large and slow to load (fonts, compression tables): imported on first use,
    // so a CLI run or a backend that never exports a letter does not pay for them.
    case 'pdf':
      return (await import('./exportPdf')).exportPdf(letter);
    case 'docx':
      return (await import('./exportDocx')).exportDocx(letter);
  }
}

/**
 * A draft version as a file with its SHA-256. The database is read synchronously first; the
 * rendering (PDF, DOCX) happens after, outside any transaction. A draft with placeholders exports
 * too (for review), and says which remain.
 */
export async function exportDraft(db: Db, input: ExportDraftInput, jurisdiction: { code: string; timeZone: string }, now: string): Promise<DraftExport> {
  const read = readDraft(db, input.id, input.version);
  const mask = input.mask;
  const draft = mask ? { ...read, title: mask(read.title), body: mask(read.body) } : read;
  const letter = toLetter(draft, { letterhead: getLetterhead(db), jurisdiction, recipient: input.recipient, now });
  const data = await render(letter, input.format);
  return {
    // An exercise's file says so in its name too, wherever it is copied.
    fileName: `${draft.exercise ? 'EXERCISE-' : ''}${draft.ref}-${draft.regimeId}-${draft.audience}-v${draft.version}.${input.format}`,
    mediaType: MEDIA_TYPES[input.format],
    dataBase64: data.toString('base64'),
    sha256: sha256Hex(data),
    version: draft.version,
    placeholders: draft.placeholders,
    notice: draft.notice,
  };
}
