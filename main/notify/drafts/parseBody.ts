export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; lines: string[] }
  | { kind: 'list'; items: string[] };

/**
 * A draft body (plain text with a little Markdown: `#`/`##` headings, `-` lists, blank lines
 * between paragraphs) as blocks, so every export lays out the same letter. Anything else is text:
 * nothing in a body is ever interpreted as markup of the target format.
 */
export function parseBody(body: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of body.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const lines = chunk.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    const first = lines[0] ?? '';
    const heading = /^#{1,6}\s+(.*)$/.exec(first);
    if (heading) {
      blocks.push({ kind: 'heading', text: heading[1] ?? '' });
      if (lines.length > 1) blocks.push(...parseBody(lines.slice(1).join('\n')));
      continue;
    }
    if (lines.every((l) => /^\s*[-*]\s+/.test(l))) {
      blocks.push({ kind: 'list', items: lines.map((l) => l.replace(/^\s*[-*]\s+/, '')) });
      continue;
    }
    blocks.push({ kind: 'paragraph', lines });
  }
  return blocks;
}

/** Splits text into plain runs and `[[MISSING: …]]` placeholders, so exports can mark the gaps. */
export function splitPlaceholders(text: string): { text: string; missing: boolean }[] {
  const parts: { text: string; missing: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(/\[\[MISSING:[^\]\n]*\]\]/g)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), missing: false });
    parts.push({ text: m[0], missing: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), missing: false });
  return parts;
}
