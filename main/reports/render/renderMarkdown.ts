import { escapeMarkdown, escapeMarkdownInline, escapeMarkdownLine } from '../../../contract/escapeMarkdown';
import { seriesValueText } from './formatChartValue';
import { parseMarkdown, type Span } from './parseMarkdown';
import type { Renderer } from './Renderer';
import type { Block, KeyValue, ReportMeta, TableColumn } from './ReportDocument';
import { tlpMarking } from './tlpMarking';

/** A table cell: escaped, on one line (a line break — CR, LF or both — becomes <br>, which GitHub-flavoured Markdown reads in a cell). */
const cell = (text: string): string => escapeMarkdownInline(text).replace(/\r\n?|\n/g, '<br>') || ' ';

function spans(list: readonly Span[]): string {
  return list
    .map((s) => {
      if (s.code) return `\`${s.text.replace(/`/g, "'")}\``;
      let t = escapeMarkdown(s.text).replace(/\n/g, '  \n');
      if (s.italic) t = `*${t}*`;
      if (s.bold) t = `**${t}**`;
      return t;
    })
    .join('');
}

const tableHead = (columns: readonly TableColumn[]): string =>
  `| ${columns.map((c) => cell(c.header)).join(' | ')} |\n|${columns.map((c) => (c.align === 'right' ? ' ---: |' : ' --- |')).join('')}\n`;
const tableRow = (row: readonly string[], width: number): string =>
  `| ${Array.from({ length: width }, (_, i) => cell(row[i] ?? '')).join(' | ')} |\n`;

const keyValues = (items: readonly KeyValue[]): string =>
  `| | |\n| --- | --- |\n${items.map((kv) => `| **${cell(kv.key)}** | ${cell(kv.value)} |`).join('\n')}\n\n`;

/**
 * The report as GitHub-flavoured Markdown: the TLP marking and any watermark as quotes at the top
 * (and the watermark again before every section), tables as pipe tables, charts as a table of their
 * values. Written block by block into chunks.
 */
export function markdownRenderer(meta: ReportMeta): Renderer {
  const chunks: Buffer[] = [];
  const write = (s: string) => chunks.push(Buffer.from(s, 'utf8'));
  const tlp = tlpMarking(meta.tlp);
  const marking = `> **${tlp.label}** — ${escapeMarkdown(tlp.meaning)}\n`;
  const watermark = meta.watermark ? `> **${escapeMarkdownLine(meta.watermark)}**\n` : '';
  let table: { width: number } | null = null;

  write(`${marking}${watermark}\n# ${escapeMarkdownLine(meta.title)}\n\n${escapeMarkdown(meta.subtitle)}\n\n${keyValues(meta.header)}`);

  return {
    block(b: Block) {
      if (b.kind === 'rows') {
        if (!table) throw new Error('a rows block must follow a table block');
        for (const row of b.rows) write(tableRow(row, table.width));
        return;
      }
      if (table) {
        write('\n');
        table = null;
      }
      switch (b.kind) {
        case 'heading':
          write(`${'#'.repeat(b.level + 1)} ${escapeMarkdownLine(b.text)}\n\n${b.level === 1 && watermark ? `${watermark}\n` : ''}`);
          return;
        case 'markdown':
          for (const m of parseMarkdown(b.text)) {
            if (m.kind === 'paragraph') write(`${spans(m.spans)}\n\n`);
            else if (m.kind === 'list') write(`${m.items.map((i) => `- ${spans(i)}`).join('\n')}\n\n`);
            else write(`\`\`\`text\n${m.text.replace(/```/g, "'''")}\n\`\`\`\n\n`);
          }
          return;
        case 'paragraph':
          write(`${b.tone === 'warning' ? '**Note:** ' : ''}${b.tone === 'muted' ? '*' : ''}${escapeMarkdown(b.text).replace(/\n/g, '  \n')}${b.tone === 'muted' ? '*' : ''}\n\n`);
          return;
        case 'bullets':
          write(`${b.items.map((i) => `- ${escapeMarkdownLine(i)}`).join('\n')}\n\n`);
          return;
        case 'keyValues':
          write(keyValues(b.items));
          return;
        case 'table':
          if (b.caption) write(`**${escapeMarkdownLine(b.caption)}**\n\n`);
          if (b.rows.length === 0 && b.empty) {
            write(`*${escapeMarkdownLine(b.empty)}*\n\n`);
            return;
          }
          write(tableHead(b.columns));
          for (const row of b.rows) write(tableRow(row, b.columns.length));
          table = { width: b.columns.length };
          return;
        case 'chart': {
          const c = b.chart;
          write(`**${escapeMarkdownLine(c.title)}** (${c.type} chart, ${escapeMarkdownLine(c.unit)})\n\n`);
          write(tableHead([{ header: '' }, ...c.series.map((s) => ({ header: s.name, align: 'right' as const }))]));
          c.labels.forEach((label, i) => write(tableRow([label, ...c.series.map((s) => seriesValueText(s, i, c.unit, c.gap))], c.series.length + 1)));
          write('\n');
          return;
        }
      }
    },
    finish() {
      if (table) write('\n');
      write(`---\n\n${marking}${watermark}\n*${escapeMarkdownLine(meta.footer)}*\n`);
      return Promise.resolve(Buffer.concat(chunks));
    },
  };
}
