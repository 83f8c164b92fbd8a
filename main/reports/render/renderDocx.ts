import {
  AlignmentType, BorderStyle, Document, Footer, Header, HeadingLevel, Packer, PageNumber, Paragraph, ShadingType, Table, TableCell, TableRow,
  TextRun, WidthType,
} from 'docx';
import JSZip from 'jszip';
import { seriesValueText } from './formatChartValue';
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

/** XML text content: the five characters XML reserves, and the control characters it cannot hold at all. */
const xmlText = (s: string): string =>
  s.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A cell's paragraph as WordprocessingML: one run, line breaks as <w:br/>. */
function cellXml(text: string, width: number, opts: { bold?: boolean; mono?: boolean; right?: boolean; shade?: boolean }): string {
  const rPr = `<w:rPr><w:rFonts w:ascii="${opts.mono ? MONO : FONT}" w:hAnsi="${opts.mono ? MONO : FONT}" w:cs="${opts.mono ? MONO : FONT}"/>${opts.bold ? '<w:b/><w:bCs/>' : ''}<w:sz w:val="${pt(opts.mono ? 7.5 : 8)}"/><w:szCs w:val="${pt(opts.mono ? 7.5 : 8)}"/></w:rPr>`;
  const runs = text.split(/\r?\n/).map((line, i) => `${i > 0 ? '<w:br/>' : ''}<w:t xml:space="preserve">${xmlText(line)}</w:t>`).join('');
  const tcPr = `<w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${opts.shade ? '<w:shd w:val="clear" w:color="auto" w:fill="EEEEEE"/>' : ''}</w:tcPr>`;
  return `<w:tc>${tcPr}<w:p><w:pPr><w:spacing w:before="0" w:after="0"/>${opts.right ? '<w:jc w:val="right"/>' : ''}</w:pPr><w:r>${rPr}${runs}</w:r></w:p></w:tc>`;
}

/**
 * Tables are written as WordprocessingML directly rather than as docx objects: a 10,000-row
 * table as objects cost seconds and most of a gigabyte to pack; as text, a fraction of both. The
 * header row repeats on every page (tblHeader) and rows do not split across pages (cantSplit).
 */
const headerRowXml = (columns: readonly TableColumn[], widths: readonly number[]): string =>
  `<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>${columns.map((c, i) => cellXml(c.header, widths[i] ?? 0, { bold: true, shade: true, right: c.align === 'right' })).join('')}</w:tr>`;

const bodyRowXml = (row: readonly string[], columns: readonly TableColumn[], widths: readonly number[]): string =>
  `<w:tr><w:trPr><w:cantSplit/></w:trPr>${columns.map((c, i) => cellXml(row[i] ?? '', widths[i] ?? 0, { mono: c.mono, right: c.align === 'right' })).join('')}</w:tr>`;

const tableXml = (widths: readonly number[], rows: readonly string[]): string =>
  `<w:tbl><w:tblPr><w:tblW w:w="${TEXT_WIDTH}" w:type="dxa"/><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((b) => `<w:${b} w:val="single" w:sz="4" w:space="0" w:color="BBBBBB"/>`).join('')}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="30" w:type="dxa"/><w:left w:w="60" w:type="dxa"/><w:bottom w:w="30" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>${rows.join('')}</w:tbl>`;

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
  let table: { columns: TableColumn[]; widths: number[]; rows: string[] } | null = null;
  /** Each table's XML, put in place of its placeholder paragraph once docx has packed the rest. */
  const tables: string[] = [];
  const token = `FIREBREAK-TABLE-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const endTable = () => {
    if (!table) return;
    body.push(new Paragraph({ children: [new TextRun(`${token}-${tables.length}`)] }));
    tables.push(tableXml(table.widths, table.rows));
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
        for (const r of b.rows) table.rows.push(bodyRowXml(r, columns, widths));
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
          table = { columns: b.columns, widths, rows: [headerRowXml(b.columns, widths), ...b.rows.map((r) => bodyRowXml(r, b.columns, widths))] };
          return;
        }
        case 'chart': {
          const c = b.chart;
          body.push(new Paragraph({ keepNext: true, spacing: { before: 80, after: 40 }, children: runs(`${c.title} (${c.unit}; ${c.type} chart, shown as its values)`, { bold: true }) }));
          const columns: TableColumn[] = [{ header: '' }, ...c.series.map((s) => ({ header: s.name, align: 'right' as const }))];
          const widths = widthsOf(columns);
          table = { columns, widths, rows: [headerRowXml(columns, widths), ...c.labels.map((l, i) => bodyRowXml([l, ...c.series.map((s) => seriesValueText(s, i, c.unit, c.gap))], columns, widths))] };
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
      const packed = await Packer.toBuffer(doc);
      if (tables.length === 0) return packed;
      const zip = await JSZip.loadAsync(packed);
      const part = zip.file('word/document.xml');
      if (!part) throw new Error('docx wrote no word/document.xml');
      const xml = await part.async('string');
      // Each placeholder paragraph (<w:p>…token-n…</w:p>) becomes its table.
      const placed = xml.replace(new RegExp(`<w:p>(?:(?!<w:p>).)*?${token}-(\\d+)<\\/w:t>.*?<\\/w:p>`, 'gs'), (_m, n: string) => tables[Number(n)] ?? '');
      if (placed.includes(token)) throw new Error('a table placeholder was left in the document');
      zip.file('word/document.xml', placed);
      return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
    },
  };
}
