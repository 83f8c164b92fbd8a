import PDFDocument from 'pdfkit';
import { splitPlaceholders } from './parseBody';
import { letterheadLines, type Letter } from './toLetter';
import { toWinAnsi } from './toWinAnsi';

const MM = 72 / 25.4;
const MARGIN = { top: 20 * MM, bottom: 25 * MM, left: 25 * MM, right: 20 * MM };
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';

/**
 * The letter as an A4 PDF that looks like one an organisation sends: letterhead top right, date,
 * address block, subject in bold, our reference, the body, and a footer with the sender's
 * details and page numbers. Standard Helvetica (no font file to ship or embed): text is mapped to
 * what it can show (toWinAnsi). Placeholders are highlighted so nobody prints one by mistake.
 * The not-legal-advice note is in the document's metadata (Keywords), not on the page. An
 * exercise's notice has its marking in red at the head of every page.
 */
export function exportPdf(letter: Letter): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const lh = letter.letterhead;
    const doc = new PDFDocument({
      size: 'A4', margins: MARGIN, bufferPages: true, font: FONT,
      info: {
        Title: toWinAnsi(letter.subject), Author: toWinAnsi(lh.organisation), Subject: toWinAnsi(letter.subject),
        Keywords: letter.notice, Creator: 'Firebreak', CreationDate: new Date(letter.dateIso),
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const width = doc.page.width - MARGIN.left - MARGIN.right;
    const t = toWinAnsi;

    // Letterhead, right-aligned.
    if (lh.organisation !== '') doc.font(BOLD).fontSize(14).text(t(lh.organisation), { align: 'right', width });
    doc.font(FONT).fontSize(9);
    for (const line of letterheadLines(lh)) doc.text(t(line), { align: 'right', width });
    doc.moveDown(0.5);
    const ruleY = doc.y;
    doc.moveTo(MARGIN.left, ruleY).lineTo(MARGIN.left + width, ruleY).lineWidth(0.5).strokeColor('#999999').stroke();
    doc.moveDown(1.5);

    // Date, then the address block.
    doc.fontSize(10.5).text(t(letter.date), { align: 'right', width });
    doc.moveDown(1);
    for (const line of letter.recipient) doc.text(t(line), { width: width * 0.6 });
    doc.moveDown(2);
    doc.font(BOLD).fontSize(11.5).text(t(letter.subject), { width });
    doc.font(FONT).fontSize(9).fillColor('#333333').text(t(letter.reference), { width });
    doc.fillColor('#000000').moveDown(1.2);

    const runs = (text: string, opts: PDFKit.Mixins.TextOptions = {}) => {
      const parts = splitPlaceholders(text);
      parts.forEach((p, i) => {
        const continued = i < parts.length - 1;
        if (p.missing) doc.fillColor('#9a5b00').font(BOLD);
        doc.text(t(p.text), { ...opts, width, continued });
        if (p.missing) doc.fillColor('#000000').font(FONT);
      });
    };
    for (const block of letter.blocks) {
      if (block.kind === 'heading') {
        doc.moveDown(0.4).font(BOLD).fontSize(11);
        runs(block.text);
        doc.font(FONT).fontSize(10.5).moveDown(0.3);
      } else if (block.kind === 'list') {
        doc.fontSize(10.5);
        for (const item of block.items) runs(`•  ${item}`, { indent: 10 });
        doc.moveDown(0.6);
      } else {
        doc.fontSize(10.5);
        runs(block.lines.join('\n'), { lineGap: 1.5 });
        doc.moveDown(0.6);
      }
    }

    // Footer on every page: who sent it, and page n of m. An exercise's marking heads every page,
    // in the top margin, so no page of it can be taken out and sent as a real notice.
    const footer = t([lh.organisation, lh.email, lh.phone].filter((x) => x !== '').join(' · '));
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      if (letter.exercise) {
        doc.font(BOLD).fontSize(12).fillColor('#b00020');
        doc.text(t(letter.exercise.marking), MARGIN.left, 6 * MM, { width, align: 'center', lineBreak: false });
        doc.font(FONT).fontSize(7.5);
        doc.text(t(letter.exercise.explanation), MARGIN.left, 6 * MM + 15, { width, align: 'center', lineBreak: false });
      }
      const y = doc.page.height - MARGIN.bottom + 8 * MM;
      // Writing below the bottom margin would add a page; lift the margin for the footer line.
      doc.page.margins.bottom = 0;
      doc.font(FONT).fontSize(8).fillColor('#555555');
      doc.text(footer, MARGIN.left, y, { width: width * 0.75, lineBreak: false });
      doc.text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN.left, y, { width, align: 'right', lineBreak: false });
    }
    doc.end();
  });
}
