/**
 * A safe subset of Markdown as a tree, for review sections (issue 12 §2): the renderer turns it
 * into React elements and an export into its own format, so no text is ever interpreted as HTML.
 * Raw HTML in the text stays text. Supported: headings, paragraphs (line breaks kept, as people
 * who do not write Markdown expect), `-`/`*`/`+` and numbered lists, `>` quotes, fenced code,
 * rules, **strong**, *emphasis*, `code`, and [links](https://…) to http(s) and mailto only.
 * Platform-free and linear in the length of the text (no backtracking regular expressions).
 */

export type MdInline =
  | { kind: 'text'; text: string }
  | { kind: 'break' }
  | { kind: 'strong'; children: MdInline[] }
  | { kind: 'em'; children: MdInline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: MdInline[] };

export type MdBlock =
  | { kind: 'heading'; level: number; children: MdInline[] }
  | { kind: 'paragraph'; children: MdInline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: MdInline[][] }
  | { kind: 'quote'; children: MdInline[] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' };

/** Deeper nesting of emphasis than this is shown as typed. */
const MAX_DEPTH = 4;
const SAFE_HREF = /^(https?:\/\/[^\s<>"']+|mailto:[^\s<>"']+)$/i;

const HEADING = /^(#{1,6})[ \t]+(.*?)[ \t#]*$/;
const BULLET = /^[ \t]*[-*+][ \t]+(.*)$/;
const NUMBERED = /^[ \t]*(\d{1,9})[.)][ \t]+(.*)$/;
const QUOTE = /^[ \t]*>[ \t]?(.*)$/;
const RULE = /^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$/;
const FENCE = /^[ \t]*(`{3,}|~{3,})/;

export function parseMarkdown(text: string): MdBlock[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MdBlock[] = [];
  // The block being gathered: at most one of these is non-empty at a time.
  const open: { para: string[]; quote: string[]; list: { ordered: boolean; start: number; items: string[][] } | null } = { para: [], quote: [], list: null };

  const flush = (): void => {
    if (open.para.length > 0) blocks.push({ kind: 'paragraph', children: parseLines(open.para) });
    if (open.quote.length > 0) blocks.push({ kind: 'quote', children: parseLines(open.quote) });
    if (open.list) blocks.push({ kind: 'list', ordered: open.list.ordered, start: open.list.start, items: open.list.items.map(parseLines) });
    open.para = [];
    open.quote = [];
    open.list = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const marker = fence[1] ?? '```';
      const code: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? '').trimStart().startsWith(marker)) code.push(lines[i++] ?? '');
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: (heading[1] ?? '#').length, children: parseInline(heading[2] ?? '', 0) });
      continue;
    }
    if (RULE.test(line)) {
      flush();
      blocks.push({ kind: 'rule' });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      const ordered = numbered !== null;
      if (!open.list || open.list.ordered !== ordered) {
        flush();
        open.list = { ordered, start: numbered ? Number(numbered[1]) : 1, items: [] };
      }
      open.list.items.push([(bullet ? bullet[1] : numbered?.[2]) ?? '']);
      continue;
    }
    const quoted = QUOTE.exec(line);
    if (quoted) {
      if (open.para.length > 0 || open.list) flush();
      open.quote.push(quoted[1] ?? '');
      continue;
    }
    // An indented line under a list item continues it; any other line is paragraph text.
    if (open.list && /^[ \t]+/.test(line)) {
      open.list.items[open.list.items.length - 1]?.push(line.trim());
      continue;
    }
    if (open.quote.length > 0 || open.list) flush();
    open.para.push(line);
  }
  flush();
  return blocks;
}

/** Lines of one block: inline Markdown in each, a line break between them. */
function parseLines(lines: string[]): MdInline[] {
  const out: MdInline[] = [];
  lines.forEach((l, i) => {
    if (i > 0) out.push({ kind: 'break' });
    for (const node of parseInline(l.trim(), 0)) out.push(node);
  });
  return out;
}

/**
 * Inline spans. A delimiter with no closing partner is text. Searches for a closing delimiter are
 * cached per delimiter, so a line full of unmatched `*` costs linear time, not quadratic.
 */
export function parseInline(text: string, depth: number): MdInline[] {
  if (depth >= MAX_DEPTH) return text ? [{ kind: 'text', text }] : [];
  const out: MdInline[] = [];
  let buf = '';
  const cache = new Map<string, { from: number; at: number }>();
  const next = (delim: string, from: number): number => {
    const c = cache.get(delim);
    if (c && from >= c.from && (c.at === -1 || c.at >= from)) return c.at;
    const at = text.indexOf(delim, from);
    cache.set(delim, { from, at });
    return at;
  };
  const push = (node: MdInline): void => {
    if (buf) out.push({ kind: 'text', text: buf });
    buf = '';
    out.push(node);
  };

  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (ch === '\\' && i + 1 < text.length && /[\\`*_[\]()#>+\-.!~]/.test(text[i + 1] ?? '')) {
      buf += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === '`') {
      const end = next('`', i + 1);
      if (end > i + 1) {
        push({ kind: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if ((ch === '*' || ch === '_') && text[i + 1] === ch) {
      const delim = ch + ch;
      const end = next(delim, i + 2);
      if (end > i + 2 && text[i + 2] !== ' ') {
        push({ kind: 'strong', children: parseInline(text.slice(i + 2, end), depth + 1) });
        i = end + 2;
        continue;
      }
    }
    if (ch === '*' || (ch === '_' && !/\w/.test(text[i - 1] ?? ''))) {
      const end = next(ch, i + 1);
      const closes = end > i + 1 && text[i + 1] !== ' ' && text[end - 1] !== ' ' && (ch === '*' || !/\w/.test(text[end + 1] ?? ''));
      if (closes) {
        push({ kind: 'em', children: parseInline(text.slice(i + 1, end), depth + 1) });
        i = end + 1;
        continue;
      }
    }
    if (ch === '[') {
      const close = next('](', i + 1);
      const end = close === -1 ? -1 : next(')', close + 2);
      if (close > i && end > close && !text.slice(i + 1, close).includes('\n')) {
        const href = text.slice(close + 2, end).trim();
        const label = text.slice(i + 1, close);
        if (SAFE_HREF.test(href)) {
          push({ kind: 'link', href, children: parseInline(label, depth + 1) });
        } else {
          // Not a link we follow (javascript:, a relative path): shown as written, never as a link.
          buf += text.slice(i, end + 1);
        }
        i = end + 1;
        continue;
      }
    }
    buf += ch;
    i++;
  }
  if (buf) out.push({ kind: 'text', text: buf });
  return out;
}

/** The text without markup (for one-line summaries and search). */
export function markdownToPlainText(blocks: MdBlock[]): string {
  const inline = (nodes: MdInline[]): string =>
    nodes.map((n) => (n.kind === 'text' || n.kind === 'code' ? n.text : n.kind === 'break' ? '\n' : inline(n.children))).join('');
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading':
        case 'paragraph':
        case 'quote':
          return inline(b.children);
        case 'list':
          return b.items.map((item, k) => `${b.ordered ? `${b.start + k}.` : '-'} ${inline(item)}`).join('\n');
        case 'code':
          return b.text;
        case 'rule':
          return '';
      }
    })
    .join('\n\n');
}
