import { AlignmentType, BorderStyle, Document, Footer, Header, Packer, Paragraph, TextRun } from 'docx';
import { splitPlaceholders } from './parseBody';
import { letterheadLines, type Letter } from './toLetter';

const FONT = 'Arial';
/** Half-points (docx's unit for font sizes). */
const pt = (n: number) => n * 2;
/** Twentieths of a point (docx's unit for spacing). */
const spaceAfter = (points: number) => ({ after: points * 20 });
const MM_TWIPS = 56.7;

const runs = (text: string, opts: { bold?: boolean; size?: number } = {}): TextRun[] =>
  splitPlaceholders(text).map((p) => new TextRun({ text: p.text, font: FONT, size: pt(opts.size ?? 10.5), ...(opts.bold || p.missing ? { bold: true } : {}), ...(p.missing ? { highlight: 'yellow' } : {}) }));

/** Lines of one paragraph, with line breaks between them. */
const lines = (texts: string[], opts: { bold?: boolean; size?: number } = {}): TextRun[] =>
  texts.flatMap((text, i) => (i === 0 ? runs(text, opts) : [new TextRun({ text: '', break: 1 }), ...runs(text, opts)]));

/**
 * The letter as a Word document with the same structure as the PDF: letterhead in the page
 * header, date, address block, bold subject, our reference, the body, the sender's details in the
 * footer. Placeholders are bold and highlighted. An exercise's marking heads the page header. The not-legal-advice note is the document's
 * description (File ▸ Properties), not part of the letter.
 */
export async function exportDocx(letter: Letter): Promise<Buffer> {
  const lh = letter.letterhead;
  // An exercise: the marking heads the page header, so it is on every page of the document.
  const marking = letter.exercise ? [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: letter.exercise.marking, font: FONT, bold: true, size: pt(13), color: 'B00020' })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: spaceAfter(8), children: [new TextRun({ text: letter.exercise.explanation, font: FONT, size: pt(8), color: 'B00020' })] }),
  ] : [];
  const headerLines = [...marking, ...(lh.organisation !== '' ? [new Paragraph({ alignment: AlignmentType.RIGHT, children: runs(lh.organisation, { bold: true, size: 14 }) })] : [])];
  headerLines.push(new Paragraph({
    alignment: AlignmentType.RIGHT,
    border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '999999', space: 4 } },
    children: lines(letterheadLines(lh), { size: 9 }),
  }));
  const body: Paragraph[] = [
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: spaceAfter(14), children: runs(letter.date) }),
    new Paragraph({ spacing: spaceAfter(24), children: lines(letter.recipient) }),
    new Paragraph({ spacing: spaceAfter(2), children: runs(letter.subject, { bold: true, size: 11.5 }) }),
    new Paragraph({ spacing: spaceAfter(14), children: runs(letter.reference, { size: 9 }) }),
  ];
  for (const block of letter.blocks) {
    if (block.kind === 'heading') body.push(new Paragraph({ keepNext: true, spacing: { before: 160, after: 80 }, children: runs(block.text, { bold: true, size: 11 }) }));
    else if (block.kind === 'list') for (const item of block.items) body.push(new Paragraph({ bullet: { level: 0 }, children: runs(item) }));
    else body.push(new Paragraph({ spacing: spaceAfter(8), children: lines(block.lines) }));
  }
  const footer = [lh.organisation, lh.email, lh.phone].filter((x) => x !== '').join(' · ');
  const doc = new Document({
    creator: lh.organisation || 'Firebreak',
    title: letter.subject,
    subject: letter.subject,
    description: letter.notice,
    styles: { default: { document: { run: { font: FONT, size: pt(10.5) } } } },
    sections: [{
      properties: { page: { margin: { top: 20 * MM_TWIPS, bottom: 25 * MM_TWIPS, left: 25 * MM_TWIPS, right: 20 * MM_TWIPS } } },
      headers: { default: new Header({ children: headerLines }) },
      footers: { default: new Footer({ children: [new Paragraph({ children: runs(footer, { size: 8 }) })] }) },
      children: body,
    }],
  });
  return Packer.toBuffer(doc);
}
