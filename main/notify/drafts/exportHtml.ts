import { splitPlaceholders } from './parseBody';
import { letterheadLines, type Letter } from './toLetter';

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Text with its placeholders marked, escaped: nothing from the incident is ever markup. */
const inline = (s: string): string => splitPlaceholders(s).map((p) => (p.missing ? `<mark class="missing">${escapeHtml(p.text)}</mark>` : escapeHtml(p.text))).join('');

const CSS = `
  @page { size: A4; margin: 20mm 20mm 22mm 25mm; }
  body { font: 11pt/1.45 "Helvetica Neue", Arial, sans-serif; color: #111; max-width: 170mm; margin: 2em auto; padding: 0 1em; }
  .letterhead { text-align: right; font-size: 9.5pt; color: #333; border-bottom: 1px solid #999; padding-bottom: .6em; margin-bottom: 2em; }
  .letterhead .org { font-size: 14pt; font-weight: bold; color: #111; }
  .date { text-align: right; margin-bottom: 1.5em; }
  .recipient { margin-bottom: 2em; font-style: normal; }
  h1 { font-size: 12pt; margin: 0 0 .3em; }
  .reference { font-size: 9.5pt; color: #333; margin-bottom: 1.5em; }
  h2 { font-size: 11pt; margin: 1.4em 0 .4em; break-after: avoid; }
  p { margin: 0 0 .8em; }
  mark.missing { background: #ffe08a; color: #000; outline: 1px dashed #b38600; }
  .exercise { border: 3px solid #b00020; color: #b00020; text-align: center; padding: .6em 1em; margin-bottom: 2em; }
  .exercise strong { display: block; font-size: 16pt; letter-spacing: .04em; }
  @media print { body { margin: 0; max-width: none; padding: 0; } mark.missing { outline: none; } }
`;

/**
 * The letter as one self-contained HTML page (no scripts, no external resources, a CSP that allows
 * neither) with print CSS for A4. The not-legal-advice note is in a meta tag: it belongs to the
 * file, not to the letter a regulator reads.
 */
export function exportHtml(letter: Letter): string {
  const lh = letter.letterhead;
  const head = [lh.organisation !== '' ? `<div class="org">${escapeHtml(lh.organisation)}</div>` : '', ...letterheadLines(lh).map((l) => `<div>${escapeHtml(l)}</div>`)].join('');
  const body = letter.blocks.map((b) => {
    if (b.kind === 'heading') return `<h2>${inline(b.text)}</h2>`;
    if (b.kind === 'list') return `<ul>${b.items.map((i) => `<li>${inline(i)}</li>`).join('')}</ul>`;
    return `<p>${b.lines.map(inline).join('<br>')}</p>`;
  });
  return `<!DOCTYPE html>
<html lang="${escapeHtml(letter.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="Firebreak">
<meta name="firebreak-notice" content="${escapeHtml(letter.notice)}">${letter.exercise ? `\n<meta name="firebreak-exercise" content="${escapeHtml(letter.exercise.marking)}">` : ''}
<title>${escapeHtml(letter.subject)}</title>
<style>${CSS}</style>
</head>
<body>
${letter.exercise ? `<div class="exercise" role="note"><strong>${escapeHtml(letter.exercise.marking)}</strong>${escapeHtml(letter.exercise.explanation)}</div>` : ''}
${head !== '' ? `<header class="letterhead">${head}</header>` : ''}
<div class="date">${escapeHtml(letter.date)}</div>
<address class="recipient">${letter.recipient.map(escapeHtml).join('<br>')}</address>
<h1>${inline(letter.subject)}</h1>
<div class="reference">${escapeHtml(letter.reference)}</div>
${body.join('\n')}
</body>
</html>
`;
}
