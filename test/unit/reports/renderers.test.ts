import { describe, expect, it } from 'vitest';
import { EXERCISE_MARKING, REPORT_FORMATS } from '../../../contract';
import { renderReport, type Block, type ReportMeta } from '../../../main/reports';
import { parseMarkdown } from '../../../main/reports/render/parseMarkdown';
import { escapeMarkdown, escapeMarkdownLine } from '../../../contract/escapeMarkdown';
import { docxParts, docxText, pdfPages } from './reportFixture';

const meta: ReportMeta = {
  title: 'Tabletop: ransomware', subtitle: 'Generic renderer test', tlp: 'green', watermark: EXERCISE_MARKING,
  header: [{ key: 'Reference', value: 'IR-2026-0042' }], footer: 'Firebreak test footer', generatedAt: '2026-03-14T09:00:00.000Z', author: 'tester',
};

/** Three sections, a 600-row table given in pages, a cell taller than a page, and a line chart with a gap. */
function blocks(): Block[] {
  const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => [String(from + i), `row ${from + i}`, 'x'.repeat((from + i) % 40)]);
  return [
    { kind: 'heading', level: 1, text: 'First section' },
    { kind: 'markdown', text: 'A **bold** and *italic* word, `code`, and <b>not markup</b>.\n\n- one\n- two' },
    { kind: 'chart', chart: { type: 'line', title: 'Events per day', unit: 'events', labels: ['Mon', 'Tue', 'Wed', 'Thu'], series: [{ name: 'Events', values: [3, null, 7, 2] }] } },
    { kind: 'heading', level: 1, text: 'Second section', newPage: true },
    { kind: 'table', columns: [{ header: '#', align: 'right', weight: 0.5 }, { header: 'Name' }, { header: 'Filler', weight: 3 }], rows: rows(1, 200) },
    { kind: 'rows', rows: rows(201, 200) },
    { kind: 'rows', rows: rows(401, 200) },
    { kind: 'heading', level: 1, text: 'Third section' },
    { kind: 'table', columns: [{ header: 'Key' }, { header: 'Long text', weight: 4 }], rows: [['tall', Array.from({ length: 400 }, (_, i) => `sentence ${i} of a very long note.`).join(' ')]] },
    { kind: 'paragraph', text: 'The end.' },
  ];
}

describe('the Markdown subset', () => {
  it('reads paragraphs, bullet lists, fenced code, bold, italic and code — and nothing else', () => {
    expect(parseMarkdown('# Not a heading\n**bold** _it_ `c*d*`\n\n- a\n- b **x**\n\n```\n<b>raw</b>\n```')).toEqual([
      { kind: 'paragraph', spans: [{ text: '# Not a heading\n' }, { text: 'bold', bold: true }, { text: ' ' }, { text: 'it', italic: true }, { text: ' ' }, { text: 'c*d*', code: true }] },
      { kind: 'list', items: [[{ text: 'a' }], [{ text: 'b ' }, { text: 'x', bold: true }]] },
      { kind: 'code', text: '<b>raw</b>' },
    ]);
    expect(parseMarkdown('file_name_here and snake_case')).toEqual([{ kind: 'paragraph', spans: [{ text: 'file_name_here and snake_case' }] }]);
  });

  it('plain text is escaped so a Markdown viewer shows it as typed', () => {
    expect(escapeMarkdown('# heading\n- item\n1. first <script> [link](x) *a* |b|')).toBe('\\# heading\n\\- item\n1\\. first \\<script\\> \\[link\\](x) \\*a\\* \\|b\\|');
  });

  it('a heading stays one line whatever line breaks its text holds (issue 13 §13)', async () => {
    expect(escapeMarkdownLine('Outage\r\n# Injected\r<b>x</b>\n===')).toBe('Outage # Injected \\<b\\>x\\</b\\> ===');
    const md = (await renderReport('md', { ...meta, title: 'Outage\r\n# Injected' }, [{ kind: 'heading', level: 1, text: 'Timeline\r\n<script>alert(1)</script>' }])).toString('utf8');
    expect(md).toContain('\n# Outage # Injected\n');
    expect(md).toContain('\n## Timeline \\<script\\>alert(1)\\</script\\>\n');
    expect(md).not.toContain('\r');
  });
});

describe('an exercise watermark and the TLP marking, everywhere', () => {
  it('PDF: on every page, with long tables repeating their header and a cell taller than a page continuing', async () => {
    const { pages } = await pdfPages(await renderReport('pdf', meta, blocks()));
    expect(pages.length).toBeGreaterThan(8);
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain(EXERCISE_MARKING.replace('—', '-').slice(0, 8));
      expect(text, `page ${i + 1}`).toContain('TLP:GREEN');
      expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    const rowPages = pages.filter((p) => /\brow \d+\b/.test(p));
    expect(rowPages.length).toBeGreaterThan(3);
    for (const p of rowPages) expect(p).toMatch(/#\s+Name\s+Filler/);
    const all = pages.join('\n');
    expect(all).toContain('row 600');
    expect(all).toContain('sentence 399 of a very long note.');
    // The tall cell was split over pages, each part marked as continued.
    expect(all).toMatch(/… sentence \d+/);
  });

  it('DOCX: the watermark and marking in the page header, and under each section heading', async () => {
    const parts = await docxParts(await renderReport('docx', meta, blocks()));
    const header = Object.entries(parts).filter(([n]) => /word\/header\d*\.xml/.test(n)).map(([, x]) => docxText(x)).join(' ');
    expect(header).toContain(EXERCISE_MARKING);
    expect(header).toContain('TLP:GREEN');
    const body = docxText(parts['word/document.xml'] ?? '');
    expect(body.split(EXERCISE_MARKING).length - 1).toBeGreaterThanOrEqual(4);
    expect(parts['word/document.xml']).toMatch(/<w:tblHeader\/>/);
    expect(body).toContain('row 600');
  });

  it.each(['md', 'html'] as const)('%s: at the top, before every section and at the end', async (format) => {
    const text = (await renderReport(format, meta, blocks())).toString('utf8');
    const marks = format === 'html' ? text.split('class="watermark"').length - 1 : text.split(`**${EXERCISE_MARKING}**`).length - 1;
    expect(marks).toBe(5);
    expect(text.split('TLP:GREEN').length - 1).toBeGreaterThanOrEqual(2);
  });

  it('HTML: a line chart breaks at an unknown value and lists it as "unknown"', async () => {
    const html = (await renderReport('html', meta, blocks())).toString('utf8');
    const svg = /<svg[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    expect(svg.match(/<polyline /g)).toHaveLength(1);
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(html).toMatch(/<th scope="row">Tue<\/th><td class="num">unknown<\/td>/);
  });

  it('a chart says what a gap means, keeps a percentage on a 0–100 axis, and never rounds a measured value to 0', async () => {
    const chart: Block = {
      kind: 'chart',
      chart: { type: 'bar', title: 'On time', unit: '%', max: 100, gap: 'none due', labels: ['Jan', 'Feb', 'Mar'], series: [{ name: 'rate', values: [6.3, null, 0.0016] }, { name: 'other', values: [1, null, 2] }] },
    };
    const html = (await renderReport('html', meta, [chart])).toString('utf8');
    const svg = /<svg[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    // The axis runs to 100 although the largest value is 6.3; Feb has no value in any series: one label across its slot.
    expect(svg).toMatch(/>100<\/text>/);
    expect(svg.match(/>none due<\/text>/g)).toHaveLength(1);
    expect(html).toMatch(/<th scope="row">Feb<\/th><td class="num">none due<\/td>/);
    expect(html).toMatch(/<th scope="row">Mar<\/th><td class="num">0\.0016 %<\/td>/);
    const md = (await renderReport('md', meta, [chart])).toString('utf8');
    expect(md).toContain('| Feb | none due | none due |');
  });

  it.each(REPORT_FORMATS)('%s: no watermark when the meta has none', async (format) => {
    const data = await renderReport(format, { ...meta, watermark: null }, blocks());
    const text = format === 'pdf' ? (await pdfPages(data)).pages.join(' ') : format === 'docx' ? Object.values(await docxParts(data)).map(docxText).join(' ') : data.toString('utf8');
    expect(text.toLowerCase()).not.toContain('not a real incident');
  });
});
