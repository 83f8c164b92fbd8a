/** A run of text with its emphasis. */
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
}

export type MarkdownBlock =
  | { kind: 'paragraph'; spans: Span[] }
  | { kind: 'list'; items: Span[][] }
  | { kind: 'code'; text: string };

const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const FENCE = /^\s{0,3}(```|~~~)/;

/**
 * The Markdown subset reports read (a review's text, an incident summary): paragraphs separated by
 * blank lines, bullet lists (`-`, `*`, `+`), fenced code blocks, and inline **bold**, *italic* /
 * _italic_ and `code`. Nothing else is markup — headings, links, HTML and images show as the
 * characters typed — so text from the incident can never inject structure into a report.
 * Lines within a paragraph are kept as line breaks (`\n` in the span text).
 */
export function parseMarkdown(text: string): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let para: string[] = [];
  let list: string[] | null = null;
  const flush = () => {
    if (para.length) blocks.push({ kind: 'paragraph', spans: parseInline(para.join('\n')) });
    if (list) blocks.push({ kind: 'list', items: list.map(parseInline) });
    para = [];
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? '').trimStart().startsWith(fence[1] ?? '```'); i++) code.push(lines[i] ?? '');
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      if (para.length) flush();
      (list ??= []).push(bullet[1] ?? '');
    } else if (list && /^\s{2,}\S/.test(line)) {
      // A continuation line of the last bullet.
      list[list.length - 1] += ` ${line.trim()}`;
    } else {
      if (list) flush();
      para.push(line);
    }
  }
  flush();
  return blocks;
}

/**
 * Inline emphasis: `code` first (nothing inside it is markup), then **bold** and *italic* (or _italic_).
 * An unmatched marker is text.
 */
export function parseInline(text: string): Span[] {
  const spans: Span[] = [];
  const parts = text.split(/(`[^`\n]+`)/);
  for (const part of parts) {
    if (part === '') continue;
    if (part.length > 2 && part.startsWith('`') && part.endsWith('`')) {
      spans.push({ text: part.slice(1, -1), code: true });
      continue;
    }
    emphasis(part, {}, spans);
  }
  return merge(spans);
}

const EMPHASIS = /(\*\*|__)(?=\S)([\s\S]*?\S)\1|(\*|_)(?=\S)([\s\S]*?\S)\3/;

function emphasis(text: string, style: { bold?: boolean; italic?: boolean }, out: Span[]): void {
  let rest = text;
  for (;;) {
    const m = EMPHASIS.exec(rest);
    // `_` inside a word (snake_case, file_name.txt) is not emphasis.
    if (!m || (m[3] === '_' && /\w/.test(rest[m.index - 1] ?? '') )) {
      if (!m) {
        if (rest) out.push({ text: rest, ...style });
        return;
      }
      out.push({ text: rest.slice(0, m.index + 1), ...style });
      rest = rest.slice(m.index + 1);
      continue;
    }
    if (m.index > 0) out.push({ text: rest.slice(0, m.index), ...style });
    if (m[1]) emphasis(m[2] ?? '', { ...style, bold: true }, out);
    else emphasis(m[4] ?? '', { ...style, italic: true }, out);
    rest = rest.slice(m.index + m[0].length);
  }
}

/** Neighbouring spans with the same style become one. */
function merge(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const last = out.at(-1);
    if (last && !!last.bold === !!s.bold && !!last.italic === !!s.italic && !!last.code === !!s.code) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}

/** The spans' text without emphasis (for formats that cannot show it, and for measuring). */
export function plainText(spans: readonly Span[]): string {
  return spans.map((s) => s.text).join('');
}
