import {
  AlignmentType, BorderStyle, Document, Footer, Header, HeadingLevel, Packer, PageNumber, Paragraph, ShadingType, Table, TableCell, TableRow,
  TextRun, WidthType,
} from 'docx';
import { formatChartValue } from './formatChartValue';
import { parseMarkdown, type Span } from './parseMarkdown';
import type { Renderer } from './Renderer';
import type { Block, KeyValue, ReportMeta, TableColumn } from './ReportDocument';
import { tlpMarking } from './tlpMarking';

const FONT = 'Arial';
const MONO = 'Consolas';
/** Half-points (docx's unit for font sizes). */
const pt = (n: number) => n * 2;
const MM_TWIPS = 56.7;
/** A4 width minus the margins, in twips (the page is 210 mm wide, margins 16 mm each side). */
const TEXT_WIDTH = Math.round((210 - 32) * MM_TWIPS);
const RED = 'B00020';

/** Text with line breaks as Word runs (a `\n` becomes a break). */
function runs(text: string, opts: { bold?: boolean; italics?: boolean; size?: number; font?: string; color?: string } = {}): TextRun[] {
  return text.split(/\r?\n/).map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}), font: opts.font ?? FONT, size: pt(opts.size ?? 10), ...(opts.bold ? { bold: true } : {}), ...(opts.italics ? { italics: true } : {}), ...(opts.color ? { color: opts.color } : {}) }));
}

const spanRuns = (list: readonly Span[]): TextRun[] =>
  list.flatMap((s) => runs(s.text, { bold: s.bold, italics: s.italic, ...(s.code ? { font: MONO, size: 9 } : {}) }));

function cell(text: string, width: number, opts: { bold?: boolean; mono?: boolean; right?: boolean; shade?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    ...(opts.shade ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEEEEE' } } : {}),
    margins: { top: 30, bottom: 30, left: 60, right: 60 },
    children: [new Paragraph({ ...(opts.right ? { alignment: AlignmentType.RIGHT } : {}), children: runs(text, { size: 8, bold: opts.bold, ...(opts.mono ? { font: MONO, size: 7.5 } : {}) }) })],
  });
}

function widthsOf(columns: readonly TableColumn[]): number[] {
  const sum = columns.reduce((n, c) => n + (c.weight ?? 1), 0);
  return columns.map((c) => Math.round((TEXT_WIDTH * (c.weight ?? 1)) / sum));
}

const headerRow = (columns: readonly TableColumn[], widths: readonly number[]): TableRow =>
  new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c.header, widths[i] ?? 0, { bold: true, shade: true, right: c.align === 'right' })) });

const bodyRow = (row: readonly string[], columns: readonly TableColumn[], widths: readonly number[]): TableRow =>
  new TableRow({ children: columns.map((c, i) => cell(row[i] ?? '', widths[i] ?? 0, { mono: c.mono, right: c.align === 'right' })) });

function keyValueTable(items: readonly KeyValue[]): Table {
  const widths = [Math.round(TEXT_WIDTH * 0.28), TEXT_WIDTH - Math.round(TEXT_WIDTH * 0.28)];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: items.map((kv) => new TableRow({ cantSplit: true, children: [cell(kv.key, widths[0] ?? 0, { bold: true, shade: true }), cell(kv.value, widths[1] ?? 0)] })),
  });
}

/**
 * The report as a Word document: the TLP marking (and any watermark) in every page header, the
 * footer line with "Page n of m" in every page footer, tables whose header row repeats on each page,
 * and charts as a table of their values (a chart Word draws would need an embedded spreadsheet).
 * The docx library builds the file at the end, so this renderer keeps the document's paragraphs
 * until `finish` (the other formats keep only their output).
 */
export function docxRenderer(meta: ReportMeta): Renderer {
  const tlp = tlpMarking(meta.tlp);
  const body: (Paragraph | Table)[] = [];
  let table: { columns: TableColumn[]; widths: number[]; rows: TableRow[]; caption?: string } | null = null;
  const endTable = () => {
    if (!table) return;
    body.push(new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: table.widths, rows: table.rows }));
    body.push(new Paragraph({ spacing: { after: 120 }, children: [] }));
    table = null;
  };
  const marking = (size: number) => [
    new TextRun({ text: ` ${tlp.label} `, font: FONT, bold: true, size: pt(size), color: tlp.color, shading: { type: ShadingType.CLEAR, color: 'auto', fill: tlp.background } }),
  ];
  const watermark = (size: number) => (meta.watermark ? new Paragraph({ alignment: AlignmentType.CENTER, children: runs(meta.watermark, { bold: true, size, color: RED }) }) : null);

  body.push(new Paragraph({ spacing: { after: 60 }, children: [...marking(11), new TextRun({ text: `  ${tlp.meaning}`, font: FONT, size: pt(8), color: '333333' })] }));
  const wm = watermark(12);
  if (wm) body.push(wm);
  body.push(new Paragraph({ heading: HeadingLevel.TITLE, children: runs(meta.title, { bold: true, size: 18 }) }));
  body.push(new Paragraph({ spacing: { after: 160 }, children: runs(meta.subtitle, { size: 11, color: '444444' }) }));
  body.push(keyValueTable(meta.header));

  return {
    block(b: Block) {
      if (b.kind === 'rows') {
        if (!table) throw new Error('a rows block must follow a table block');
        const { columns, widths } = table;
        for (const r of b.rows) table.rows.push(bodyRow(r, columns, widths));
        return;
      }
      endTable();
      switch (b.kind) {
        case 'heading': {
          const level = b.level === 1 ? HeadingLevel.HEADING_1 : b.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
          body.push(new Paragraph({ heading: level, keepNext: true, pageBreakBefore: b.level === 1 && b.newPage === true, spacing: { before: 240, after: 80 }, children: runs(b.text, { bold: true, size: b.level === 1 ? 14 : b.level === 2 ? 12 : 10.5 }) }));
          const w = b.level === 1 ? watermark(9) : null;
          if (w) body.push(w);
          return;
        }
        case 'markdown':
          for (const m of parseMarkdown(b.text)) {
            if (m.kind === 'paragraph') body.push(new Paragraph({ spacing: { after: 100 }, children: spanRuns(m.spans) }));
            else if (m.kind === 'list') for (const item of m.items) body.push(new Paragraph({ bullet: { level: 0 }, children: spanRuns(item) }));
            else body.push(new Paragraph({ spacing: { after: 100 }, children: runs(m.text, { font: MONO, size: 8.5 }) }));
          }
          return;
        case 'paragraph':
          body.push(new Paragraph({ spacing: { after: 100 }, children: runs(b.text, { italics: b.tone === 'muted', bold: b.tone === 'warning', color: b.tone === 'muted' ? '555555' : b.tone === 'warning' ? '8A4B00' : undefined }) }));
          return;
        case 'bullets':
          for (const item of b.items) body.push(new Paragraph({ bullet: { level: 0 }, children: runs(item) }));
          return;
        case 'keyValues':
          body.push(keyValueTable(b.items));
          body.push(new Paragraph({ spacing: { after: 120 }, children: [] }));
          return;
        case 'table': {
          if (b.caption) body.push(new Paragraph({ keepNext: true, spacing: { before: 80, after: 40 }, children: runs(b.caption, { bold: true }) }));
          if (b.rows.length === 0 && b.empty) {
            body.push(new Paragraph({ spacing: { after: 100 }, children: runs(b.empty, { italics: true, color: '555555' }) }));
            return;
          }
          const widths = widthsOf(b.columns);
          table = { columns: b.columns, widths, rows: [headerRow(b.columns, widths), ...b.rows.map((r) => bodyRow(r, b.columns, widths))] };
          return;
        }
        case 'chart': {
          const c = b.chart;
          body.push(new Paragraph({ keepNext: true, spacing: { before: 80, after: 40 }, children: runs(`${c.title} (${c.unit}; ${c.type} chart, shown as its values)`, { bold: true }) }));
          const columns: TableColumn[] = [{ header: '' }, ...c.series.map((s) => ({ header: s.name, align: 'right' as const }))];
          const widths = widthsOf(columns);
          table = { columns, widths, rows: [headerRow(columns, widths), ...c.labels.map((l, i) => bodyRow([l, ...c.series.map((s) => formatChartValue(s.values[i] ?? null, c.unit))], columns, widths))] };
          return;
        }
      }
    },
    async finish() {
      endTable();
      const headerChildren = [new Paragraph({ children: [...marking(8), new TextRun({ text: `   ${meta.title}`, font: FONT, size: pt(8), color: '444444' })] })];
      const headerWm = watermark(8);
      if (headerWm) headerChildren.push(headerWm);
      const doc = new Document({
        creator: meta.author,
        title: `${tlp.label} ${meta.title}`,
        subject: meta.subtitle,
        keywords: tlp.label,
        styles: { default: { document: { run: { font: FONT, size: pt(10) } } } },
        sections: [{
          properties: { page: { size: { width: Math.round(210 * MM_TWIPS), height: Math.round(297 * MM_TWIPS) }, margin: { top: 22 * MM_TWIPS, bottom: 20 * MM_TWIPS, left: 16 * MM_TWIPS, right: 16 * MM_TWIPS } } },
          headers: { default: new Header({ children: headerChildren }) },
          footers: {
            default: new Footer({
              children: [new Paragraph({
                border: { top: { style: BorderStyle.SINGLE, size: 4, color: '999999', space: 4 } },
                children: [
                  ...marking(7),
                  new TextRun({ text: `  ${meta.footer}   `, font: FONT, size: pt(7.5), color: '555555' }),
                  new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], font: FONT, size: pt(7.5), color: '555555' }),
                ],
              })],
            }),
          },
          children: body,
        }],
      });
      return Packer.toBuffer(doc);
    },
  };
}
