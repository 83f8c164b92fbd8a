import { seriesValueText } from './formatChartValue';
import { layoutChart, type Shape } from './layoutChart';
import { parseMarkdown, type Span } from './parseMarkdown';
import type { Renderer } from './Renderer';
import type { Block, Chart, KeyValue, ReportMeta, TableColumn } from './ReportDocument';
import { tlpMarking } from './tlpMarking';

/** Every piece of text goes through this: nothing from an incident is ever markup. */
export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const text = (s: string): string => escapeHtml(s).replace(/\r?\n/g, '<br>');

function spans(list: readonly Span[]): string {
  return list
    .map((s) => {
      let t = s.code ? `<code>${escapeHtml(s.text)}</code>` : text(s.text);
      if (s.italic) t = `<em>${t}</em>`;
      if (s.bold) t = `<strong>${t}</strong>`;
      return t;
    })
    .join('');
}

const CSS = `
  @page { size: A4; margin: 18mm 16mm 20mm 18mm; }
  body { font: 10.5pt/1.45 "Helvetica Neue", Arial, sans-serif; color: #111; max-width: 190mm; margin: 2em auto; padding: 0 1em; }
  .tlp { display: inline-block; background: #000; font-weight: bold; padding: .15em .6em; letter-spacing: .03em; }
  .tlp-clear { color: #fff; } .tlp-green { color: #33ff00; } .tlp-amber { color: #ffc000; } .tlp-red { color: #ff2b2b; }
  .marking { margin: 0 0 1em; font-size: 9pt; color: #333; }
  .watermark { border: 2px solid #b00020; color: #b00020; font-weight: bold; text-align: center; padding: .3em; margin: .6em 0; letter-spacing: .05em; }
  .watermark-page { position: fixed; top: 45%; left: 0; right: 0; text-align: center; font-size: 40pt; font-weight: bold; color: rgba(176, 0, 32, .12); transform: rotate(-30deg); pointer-events: none; z-index: -1; }
  h1 { font-size: 18pt; margin: .2em 0 0; }
  .subtitle { color: #444; margin: 0 0 1em; }
  h2 { font-size: 13pt; margin: 1.8em 0 .5em; border-bottom: 1px solid #bbb; padding-bottom: .15em; break-after: avoid; }
  h3 { font-size: 11pt; margin: 1.2em 0 .4em; break-after: avoid; }
  h4 { font-size: 10.5pt; margin: 1em 0 .3em; break-after: avoid; }
  p { margin: 0 0 .7em; }
  p.muted { color: #555; font-style: italic; }
  p.warning { border-left: 4px solid #c77700; padding-left: .6em; }
  table { border-collapse: collapse; width: 100%; margin: .3em 0 1em; font-size: 9pt; }
  caption { text-align: left; font-weight: bold; padding: .2em 0; }
  th, td { border: 1px solid #ccc; padding: .25em .4em; vertical-align: top; text-align: left; overflow-wrap: break-word; }
  th { background: #f0f0f0; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  td.num, th.num { text-align: right; }
  td.mono { font-family: Menlo, Consolas, monospace; font-size: 8pt; overflow-wrap: anywhere; }
  table.kv th { width: 28%; }
  pre { background: #f6f6f6; padding: .5em; white-space: pre-wrap; font-size: 8.5pt; }
  figure { margin: .5em 0 1.2em; break-inside: avoid; }
  figcaption { font-weight: bold; font-size: 9.5pt; }
  footer { margin-top: 2em; border-top: 1px solid #bbb; padding-top: .5em; font-size: 8.5pt; color: #444; }
`;

function keyValues(items: readonly KeyValue[]): string {
  return `<table class="kv"><tbody>${items.map((kv) => `<tr><th scope="row">${text(kv.key)}</th><td>${text(kv.value)}</td></tr>`).join('')}</tbody></table>\n`;
}

const cellClass = (c: TableColumn | undefined): string => {
  const classes = [c?.align === 'right' ? 'num' : '', c?.mono ? 'mono' : ''].filter(Boolean);
  return classes.length ? ` class="${classes.join(' ')}"` : '';
};

const row = (cells: readonly string[], columns: readonly TableColumn[]): string =>
  `<tr>${columns.map((c, i) => `<td${cellClass(c)}>${text(cells[i] ?? '')}</td>`).join('')}</tr>\n`;

function svgShape(s: Shape): string {
  const n = (v: number) => (Math.round(v * 10) / 10).toString();
  switch (s.kind) {
    case 'rect':
      return `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" fill="#${s.fill}"/>`;
    case 'line':
      return `<line x1="${n(s.x1)}" y1="${n(s.y1)}" x2="${n(s.x2)}" y2="${n(s.y2)}" stroke="#${s.stroke}" stroke-width="${s.width}"/>`;
    case 'polyline':
      return `<polyline points="${s.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="none" stroke="#${s.stroke}" stroke-width="${s.width}"/>`;
    case 'circle':
      return `<circle cx="${n(s.cx)}" cy="${n(s.cy)}" r="${s.r}" fill="#${s.fill}"/>`;
    case 'text':
      return `<text x="${n(s.x)}" y="${n(s.y)}" font-size="${s.size}" text-anchor="${s.anchor}" fill="#${s.fill}" font-family="Helvetica, Arial, sans-serif"${s.vertical ? ` transform="rotate(-90 ${n(s.x)} ${n(s.y)})"` : ''}>${escapeHtml(s.text)}</text>`;
  }
}

/** A chart as inline SVG (no script, no external reference), with its values as a table for screen readers and copying. */
function chartHtml(chart: Chart): string {
  const width = 640;
  const height = 240;
  const svg = layoutChart(chart, width, height).map(svgShape).join('');
  const values = `<table><thead><tr><th></th>${chart.series.map((s) => `<th class="num">${text(s.name)}</th>`).join('')}</tr></thead><tbody>${chart.labels
    .map((l, i) => `<tr><th scope="row">${text(l)}</th>${chart.series.map((s) => `<td class="num">${text(seriesValueText(s, i, chart.unit, chart.gap))}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
  return `<figure><figcaption>${text(chart.title)} (${text(chart.unit)})</figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(chart.title)}">${svg}</svg>${values}</figure>\n`;
}

/**
 * The report as one standalone HTML file: no script, no external resource, and a CSP that allows
 * neither (only the inline style sheet). Every text is escaped; charts are inline SVG. The TLP
 * marking heads and ends the page; a watermark is a banner at the top and before every section,
 * and a faint diagonal line on every printed page.
 */
export function htmlRenderer(meta: ReportMeta): Renderer {
  const chunks: Buffer[] = [];
  const write = (s: string) => chunks.push(Buffer.from(s, 'utf8'));
  const tlp = tlpMarking(meta.tlp);
  const marking = `<p class="marking"><span class="tlp tlp-${meta.tlp}">${escapeHtml(tlp.label)}</span> ${escapeHtml(tlp.meaning)}</p>\n`;
  const watermark = meta.watermark ? `<div class="watermark">${escapeHtml(meta.watermark)}</div>\n` : '';
  let open: { columns: TableColumn[] } | null = null;
  let inSection = false;
  const closeTable = () => {
    if (open) write('</tbody></table>\n');
    open = null;
  };

  write(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="Firebreak">
<meta name="tlp" content="${escapeHtml(tlp.label)}">
<title>${escapeHtml(`${tlp.label} ${meta.title}`)}</title>
<style>${CSS}</style>
</head>
<body>
${meta.watermark ? `<div class="watermark-page" aria-hidden="true">${escapeHtml(meta.watermark)}</div>\n` : ''}<header>
${marking}${watermark}<h1>${text(meta.title)}</h1>
<p class="subtitle">${text(meta.subtitle)}</p>
${keyValues(meta.header)}</header>
<main>
`);

  return {
    block(b: Block) {
      if (b.kind === 'rows') {
        if (!open) throw new Error('a rows block must follow a table block');
        const columns = open.columns;
        write(b.rows.map((r) => row(r, columns)).join(''));
        return;
      }
      closeTable();
      switch (b.kind) {
        case 'heading':
          if (b.level === 1) {
            if (inSection) write('</section>\n');
            inSection = true;
            write(`<section>\n<h2>${text(b.text)}</h2>\n${watermark}`);
          } else write(`<h${b.level + 1}>${text(b.text)}</h${b.level + 1}>\n`);
          return;
        case 'markdown':
          for (const m of parseMarkdown(b.text)) {
            if (m.kind === 'paragraph') write(`<p>${spans(m.spans)}</p>\n`);
            else if (m.kind === 'list') write(`<ul>${m.items.map((i) => `<li>${spans(i)}</li>`).join('')}</ul>\n`);
            else write(`<pre><code>${escapeHtml(m.text)}</code></pre>\n`);
          }
          return;
        case 'paragraph':
          write(`<p${b.tone && b.tone !== 'normal' ? ` class="${b.tone}"` : ''}>${text(b.text)}</p>\n`);
          return;
        case 'bullets':
          write(`<ul>${b.items.map((i) => `<li>${text(i)}</li>`).join('')}</ul>\n`);
          return;
        case 'keyValues':
          write(keyValues(b.items));
          return;
        case 'table':
          if (b.rows.length === 0 && b.empty) {
            if (b.caption) write(`<h4>${text(b.caption)}</h4>\n`);
            write(`<p class="muted">${text(b.empty)}</p>\n`);
            return;
          }
          write(`<table>${b.caption ? `<caption>${text(b.caption)}</caption>` : ''}<thead><tr>${b.columns.map((c) => `<th${cellClass(c)}>${text(c.header)}</th>`).join('')}</tr></thead><tbody>\n`);
          write(b.rows.map((r) => row(r, b.columns)).join(''));
          open = { columns: b.columns };
          return;
        case 'chart':
          write(chartHtml(b.chart));
          return;
      }
    },
    finish() {
      closeTable();
      if (inSection) write('</section>\n');
      write(`</main>\n<footer>\n${marking}${watermark}<p>${text(meta.footer)}</p>\n</footer>\n</body>\n</html>\n`);
      return Promise.resolve(Buffer.concat(chunks));
    },
  };
}
