import PDFDocument from 'pdfkit';
import { toWinAnsi } from '../../notify';
import { seriesValueText } from './formatChartValue';
import { layoutChart } from './layoutChart';
import { parseMarkdown, type Span } from './parseMarkdown';
import type { Renderer } from './Renderer';
import type { Block, Chart, KeyValue, ReportMeta, TableColumn } from './ReportDocument';
import { tlpMarking } from './tlpMarking';

const MM = 72 / 25.4;
const MARGIN = { top: 22 * MM, bottom: 20 * MM, left: 16 * MM, right: 16 * MM };
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const ITALIC = 'Helvetica-Oblique';
const BOLD_ITALIC = 'Helvetica-BoldOblique';
const MONO = 'Courier';
const BODY_SIZE = 9.5;
const CELL_SIZE = 7.5;
const PAD = 2.5;

type Doc = PDFKit.PDFDocument;

const fontFor = (s: { bold?: boolean; italic?: boolean; code?: boolean }): string =>
  s.code ? MONO : s.bold && s.italic ? BOLD_ITALIC : s.bold ? BOLD : s.italic ? ITALIC : FONT;

/** Column widths in points from the columns' weights. */
function widthsOf(columns: readonly TableColumn[], total: number): number[] {
  const sum = columns.reduce((n, c) => n + (c.weight ?? 1), 0);
  return columns.map((c) => (total * (c.weight ?? 1)) / sum);
}

/**
 * The report as an A4 PDF drawn with PDFKit: every page carries the TLP marking and the title in
 * its header, the footer line and "Page n of m" at the bottom, and a watermark across it when the
 * meta has one. Tables paginate row by row and repeat their column headers on each new page; a
 * cell taller than a page continues on the next. Charts are vector shapes. Text is shown with the
 * standard Helvetica (no font file to embed), mapped to what it can show (toWinAnsi).
 */
export function pdfRenderer(meta: ReportMeta): Renderer {
  const t = toWinAnsi;
  const tlp = tlpMarking(meta.tlp);
  const doc: Doc = new PDFDocument({
    size: 'A4', margins: MARGIN, bufferPages: true, font: FONT,
    info: {
      Title: t(`${tlp.label} ${meta.title}`), Author: t(meta.author), Subject: t(meta.subtitle), Creator: 'Firebreak',
      Keywords: tlp.label, CreationDate: new Date(meta.generatedAt),
    },
  });
  withoutKerning(doc, [FONT, BOLD, ITALIC, BOLD_ITALIC, MONO]);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const bottom = () => doc.page.height - MARGIN.bottom;
  let table: { columns: TableColumn[]; widths: number[]; bold0?: boolean } | null = null;

  const newPage = () => {
    strokeRules();
    doc.addPage();
    doc.x = left;
  };
  const ensure = (h: number) => {
    if (doc.y + h > bottom()) newPage();
  };

  /**
   * Advance widths of the standard fonts at 1 pt, per character code, measured once: summing them
   * is far faster than PDFKit's widthOfString, and with kerning off (withoutKerning) it is exact
   * (2% is kept spare all the same).
   */
  const advances = new Map<string, Float64Array>();
  const advanceTable = (font: string): Float64Array => {
    let table = advances.get(font);
    if (!table) {
      doc.font(font).fontSize(1);
      table = new Float64Array(256);
      for (let c = 32; c < 256; c++) table[c] = doc.widthOfString(String.fromCharCode(c));
      advances.set(font, table);
    }
    return table;
  };
  const fastWidth = (text: string, font: string, size: number): number => {
    const table = advanceTable(font);
    let w = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      w += c < 256 ? (table[c] ?? 0) : 0.6;
    }
    return w * size * 1.02;
  };
  const lineHeight = new Map<string, number>();
  const oneLine = (font: string): number => {
    let h = lineHeight.get(font);
    if (h === undefined) {
      doc.font(font).fontSize(CELL_SIZE);
      h = doc.currentLineHeight(true);
      lineHeight.set(font, h);
    }
    return h;
  };
  /**
   * A cell's lines, wrapped at spaces (a word wider than the cell is cut), measured with the width
   * table above. Laying the lines out here, once, and placing each with `lineBreak: false` costs a
   * fraction of PDFKit's line wrapper, which a long table would run twice per cell (measure, draw).
   */
  const wrapCell = (text: string, w: number, font: string): string[] => {
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      if (fastWidth(paragraph, font, CELL_SIZE) <= w) {
        lines.push(paragraph);
        continue;
      }
      const space = fastWidth(' ', font, CELL_SIZE);
      let line = '';
      let lineWidth = 0;
      for (const word of paragraph.split(' ')) {
        const wordWidth = fastWidth(word, font, CELL_SIZE);
        if (line !== '' && lineWidth + space + wordWidth <= w) {
          line = `${line} ${word}`;
          lineWidth += space + wordWidth;
          continue;
        }
        if (line === '' && wordWidth <= w) {
          line = word;
          lineWidth = wordWidth;
          continue;
        }
        if (line !== '') lines.push(line);
        line = word;
        lineWidth = wordWidth;
        // A word wider than the cell (a hash, a URL): cut it where it fills a line.
        while (lineWidth > w && line.length > 1) {
          let n = line.length - 1;
          while (n > 1 && fastWidth(line.slice(0, n), font, CELL_SIZE) > w) n = Math.floor(n * 0.9);
          while (n + 1 < line.length && fastWidth(line.slice(0, n + 1), font, CELL_SIZE) <= w) n++;
          lines.push(line.slice(0, n));
          line = line.slice(n);
          lineWidth = fastWidth(line, font, CELL_SIZE);
        }
      }
      lines.push(line);
    }
    return lines;
  };

  /**
   * The rules under table rows of the current page: a path cannot be drawn in the middle of text,
   * and one stroke per page is much cheaper than one per row.
   */
  let rules: number[] = [];
  const strokeRules = () => {
    if (rules.length === 0) return;
    for (const y of rules) doc.moveTo(left, y).lineTo(left + width, y);
    doc.lineWidth(0.3).strokeColor('#CCCCCC').stroke();
    rules = [];
  };

  const drawHeaderRow = () => {
    if (!table || table.bold0 !== undefined) return;
    const { columns, widths } = table;
    const cells = columns.map((c) => t(c.header));
    const lines = cells.map((c, i) => wrapCell(c, (widths[i] ?? 0) - 2 * PAD, BOLD));
    const h = Math.max(...lines.map((l) => l.length)) * oneLine(BOLD) + 2 * PAD;
    ensure(h + 14);
    const y = doc.y;
    doc.rect(left, y, width, h).fill('#EEEEEE');
    doc.fontSize(CELL_SIZE).fillColor('#000000');
    let x = left;
    lines.forEach((l, i) => {
      placeLines(l, x, y, widths[i] ?? 0, BOLD, columns[i]?.align === 'right');
      x += widths[i] ?? 0;
    });
    doc.moveTo(left, y + h).lineTo(left + width, y + h).lineWidth(0.6).strokeColor('#888888').stroke();
    doc.x = left;
    doc.y = y + h;
  };

  /** Places a cell's lines, one `text` call each, without PDFKit's line wrapper. */
  const placeLines = (lines: readonly string[], x: number, y: number, w: number, font: string, right: boolean) => {
    doc.font(font);
    const lh = oneLine(font);
    lines.forEach((line, k) => {
      if (line === '') return;
      const lx = right ? x + w - PAD - fastWidth(line, font, CELL_SIZE) / 1.02 : x + PAD;
      doc.text(line, lx, y + PAD + k * lh, { lineBreak: false });
    });
  };

  const drawRow = (raw: readonly string[]) => {
    if (!table) return;
    const { columns, widths, bold0 } = table;
    const fonts = columns.map((c, i) => (bold0 && i === 0 ? BOLD : c.mono ? MONO : FONT));
    let lines = columns.map((_, i) => wrapCell(t(raw[i] ?? ''), (widths[i] ?? 0) - 2 * PAD, fonts[i] ?? FONT));
    const lh = oneLine(FONT);
    // Lines a cell may have on one page; a taller cell continues in the same column on the next page.
    const fit = Math.max(1, Math.floor((bottom() - MARGIN.top - 30 - 2 * PAD) / lh));
    while (lines.some((l) => l.length > 0)) {
      const here = lines.map((l) => l.slice(0, fit));
      const rest = lines.map((l) => l.slice(fit));
      const h = Math.max(1, ...here.map((l) => l.length)) * lh + 2 * PAD;
      if (doc.y + h > bottom()) {
        newPage();
        drawHeaderRow();
      }
      const y = doc.y;
      let x = left;
      doc.fontSize(CELL_SIZE).fillColor('#111111');
      here.forEach((l, i) => {
        placeLines(l, x, y, widths[i] ?? 0, fonts[i] ?? FONT, columns[i]?.align === 'right');
        x += widths[i] ?? 0;
      });
      rules.push(y + h);
      doc.x = left;
      doc.y = y + h;
      lines = rest.map((l) => (l.length ? [`… ${l[0] ?? ''}`, ...l.slice(1)] : l));
    }
  };

  const endTable = () => {
    strokeRules();
    if (table) doc.moveDown(0.8);
    table = null;
  };

  const spansText = (list: readonly Span[], opts: { indent?: number } = {}) => {
    doc.fontSize(BODY_SIZE).fillColor('#111111');
    list.forEach((s, i) => {
      doc.font(fontFor(s)).text(t(s.text), { width: width - (opts.indent ?? 0), continued: i < list.length - 1, lineGap: 1.2 });
    });
    if (list.length === 0) doc.text('');
  };

  const keyValues = (items: readonly KeyValue[]) => {
    table = { columns: [{ header: '', weight: 1 }, { header: '', weight: 3 }], widths: widthsOf([{ header: '', weight: 1 }, { header: '', weight: 3 }], width), bold0: true };
    for (const kv of items) drawRow([kv.key, kv.value]);
    endTable();
  };

  const chart = (c: Chart) => {
    const h = 170;
    ensure(h + 24);
    doc.font(BOLD).fontSize(BODY_SIZE).fillColor('#111111').text(t(`${c.title} (${c.unit})`), left, doc.y, { width });
    const top = doc.y + 4;
    for (const s of layoutChart(c, width, h)) {
      switch (s.kind) {
        case 'rect':
          doc.rect(left + s.x, top + s.y, s.w, s.h).fill(`#${s.fill}`);
          break;
        case 'line':
          doc.moveTo(left + s.x1, top + s.y1).lineTo(left + s.x2, top + s.y2).lineWidth(s.width).strokeColor(`#${s.stroke}`).stroke();
          break;
        case 'polyline': {
          const [first, ...others] = s.points;
          if (!first) break;
          doc.moveTo(left + first[0], top + first[1]);
          for (const [x, y] of others) doc.lineTo(left + x, top + y);
          doc.lineWidth(s.width).strokeColor(`#${s.stroke}`).stroke();
          break;
        }
        case 'circle':
          doc.circle(left + s.cx, top + s.cy, s.r).fill(`#${s.fill}`);
          break;
        case 'text': {
          doc.font(FONT).fontSize(s.size).fillColor(`#${s.fill}`);
          const text = t(s.text);
          const w = doc.widthOfString(text);
          const x = s.anchor === 'start' ? s.x : s.anchor === 'end' ? s.x - w : s.x - w / 2;
          if (s.vertical) {
            // Reading upwards from (x, y), turned about that point as the SVG is.
            doc.save().rotate(-90, { origin: [left + s.x, top + s.y] });
            doc.text(text, left + x, top + s.y - s.size * 0.8, { lineBreak: false });
            doc.restore();
          } else doc.text(text, left + x, top + s.y - s.size * 0.8, { lineBreak: false });
          break;
        }
      }
    }
    doc.x = left;
    doc.y = top + h + 4;
    // The values, for reading exactly and for screen readers: the same table every format has.
    table = {
      columns: [{ header: '' }, ...c.series.map((s) => ({ header: s.name, align: 'right' as const }))],
      widths: widthsOf([{ header: '' }, ...c.series.map(() => ({ header: '' }))], width),
    };
    drawHeaderRow();
    c.labels.forEach((label, i) => drawRow([label, ...c.series.map((s) => seriesValueText(s, i, c.unit, c.gap))]));
    endTable();
  };

  // First page: the marking, the title block and the key facts.
  const markingBox = (x: number, y: number, size: number) => {
    doc.font(BOLD).fontSize(size);
    const w = doc.widthOfString(tlp.label) + 8;
    doc.rect(x, y, w, size + 5).fill(`#${tlp.background}`);
    doc.fillColor(`#${tlp.color}`).text(tlp.label, x + 4, y + 3, { lineBreak: false });
    return w;
  };
  doc.y = MARGIN.top;
  const w0 = markingBox(left, doc.y, 11);
  doc.font(FONT).fontSize(8).fillColor('#333333').text(t(tlp.meaning), left + w0 + 8, MARGIN.top + 2, { width: width - w0 - 8 });
  doc.x = left;
  doc.y = Math.max(doc.y, MARGIN.top + 18) + 8;
  if (meta.watermark) {
    doc.font(BOLD).fontSize(11).fillColor('#B00020').text(t(meta.watermark), left, doc.y, { width, align: 'center' });
    doc.moveDown(0.5);
  }
  doc.font(BOLD).fontSize(18).fillColor('#111111').text(t(meta.title), left, doc.y, { width });
  doc.font(FONT).fontSize(11).fillColor('#444444').text(t(meta.subtitle), { width });
  doc.moveDown(0.8);
  keyValues(meta.header);

  return {
    block(b: Block) {
      if (b.kind === 'rows') {
        if (!table) throw new Error('a rows block must follow a table block');
        for (const r of b.rows) drawRow(r);
        return;
      }
      endTable();
      switch (b.kind) {
        case 'heading': {
          const size = b.level === 1 ? 14 : b.level === 2 ? 11.5 : 10;
          if (b.level === 1 && b.newPage && doc.y > MARGIN.top + 1) newPage();
          else ensure(size * 4);
          if (b.level === 1) doc.moveDown(0.4);
          doc.font(BOLD).fontSize(size).fillColor('#111111').text(t(b.text), left, doc.y, { width });
          if (b.level === 1) {
            const y = doc.y + 1;
            doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.6).strokeColor('#999999').stroke();
            doc.y = y + 4;
            if (meta.watermark) doc.font(BOLD).fontSize(8.5).fillColor('#B00020').text(t(meta.watermark), left, doc.y, { width });
          }
          doc.moveDown(0.3);
          return;
        }
        case 'markdown':
          for (const m of parseMarkdown(b.text)) {
            if (m.kind === 'paragraph') spansText(m.spans);
            else if (m.kind === 'list') for (const item of m.items) spansText([{ text: '•  ' }, ...item], { indent: 10 });
            else doc.font(MONO).fontSize(8).fillColor('#222222').text(t(m.text), { width });
            doc.moveDown(0.5);
          }
          return;
        case 'paragraph':
          doc.font(b.tone === 'muted' ? ITALIC : b.tone === 'warning' ? BOLD : FONT).fontSize(BODY_SIZE)
            .fillColor(b.tone === 'muted' ? '#555555' : b.tone === 'warning' ? '#8A4B00' : '#111111')
            .text(t(b.text), left, doc.y, { width, lineGap: 1.2 });
          doc.moveDown(0.5);
          return;
        case 'bullets':
          doc.font(FONT).fontSize(BODY_SIZE).fillColor('#111111');
          for (const item of b.items) doc.text(t(`•  ${item}`), left + 6, doc.y, { width: width - 6, lineGap: 1.2 });
          doc.x = left;
          doc.moveDown(0.5);
          return;
        case 'keyValues':
          keyValues(b.items);
          return;
        case 'table':
          if (b.caption) {
            ensure(30);
            doc.font(BOLD).fontSize(BODY_SIZE).fillColor('#111111').text(t(b.caption), left, doc.y, { width });
            doc.moveDown(0.2);
          }
          if (b.rows.length === 0 && b.empty) {
            doc.font(ITALIC).fontSize(BODY_SIZE).fillColor('#555555').text(t(b.empty), left, doc.y, { width });
            doc.moveDown(0.5);
            return;
          }
          table = { columns: b.columns, widths: widthsOf(b.columns, width) };
          drawHeaderRow();
          for (const r of b.rows) drawRow(r);
          return;
        case 'chart':
          chart(b.chart);
          return;
      }
    },
    finish() {
      endTable();
      strokeRules();
      const range = doc.bufferedPageRange();
      const footer = t(meta.footer);
      const title = t(meta.title);
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        // Writing in the margins would add a page; lift them while the header and footer are drawn.
        doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
        if (meta.watermark) {
          doc.save();
          doc.rotate(-35, { origin: [doc.page.width / 2, doc.page.height / 2] });
          doc.font(BOLD).fontSize(34).fillColor('#B00020').fillOpacity(0.13)
            .text(t(meta.watermark), 0, doc.page.height / 2 - 20, { width: doc.page.width, align: 'center', lineBreak: false });
          doc.restore();
        }
        doc.fillOpacity(1);
        if (i > range.start) {
          const w = markingBox(left, 8 * MM, 9);
          doc.font(FONT).fontSize(8).fillColor('#444444').text(title, left + w + 8, 8 * MM + 3, { width: width - w - 8, align: 'right', lineBreak: false, height: 10 });
          if (meta.watermark) doc.font(BOLD).fontSize(7.5).fillColor('#B00020').text(t(meta.watermark), left + w + 8, 8 * MM + 13, { width: width - w - 8, align: 'right', lineBreak: false });
        }
        const y = doc.page.height - MARGIN.bottom + 8 * MM;
        markingBox(left, y - 3, 7);
        doc.font(FONT).fontSize(7.5).fillColor('#555555');
        doc.text(footer, left + 52, y, { width: width * 0.7, lineBreak: false, height: 10 });
        doc.text(`Page ${i - range.start + 1} of ${range.count}`, left, y, { width, align: 'right', lineBreak: false });
      }
      doc.end();
      return done;
    },
  };
}

/**
 * Turns kerning off for this document's standard fonts. PDFKit looks up a kerning pair for every
 * two characters twice per text call (to place it, then to measure it), which was a third of the
 * time a 10,000-row table took (docs/benchmarks.md, bench 10a); a report's tables do not need it,
 * and the cells' widths then match the width table exactly. PDFKit has no option for it, so this
 * reaches its font object (pdfkit 0.20: PDFFont.font is the AFM font); if that shape ever changes,
 * text is kerned as before — only slower.
 */
function withoutKerning(doc: Doc, fonts: readonly string[]): void {
  for (const name of fonts) {
    doc.font(name);
    const afm = (doc as unknown as { _font?: { font?: { getKernPair?: unknown } } })._font?.font;
    if (afm && typeof afm.getKernPair === 'function') afm.getKernPair = () => 0;
  }
  doc.font(FONT);
}
