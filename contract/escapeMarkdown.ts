/**
 * Plain text made inert in Markdown, for every export that writes Markdown (the reports'
 * renderer, the notices' letter): one rule, so no copy drifts. Platform-free; linear.
 */

/**
 * Plain text made inert: characters that start emphasis, links, images, HTML, code or tables are
 * backslash-escaped (CommonMark), and so are those that start a heading, list or quote at the
 * beginning of a line. What was typed is what a Markdown viewer shows — never markup. Line breaks
 * stay line breaks: for a heading or other one-line place use escapeMarkdownLine.
 */
export function escapeMarkdown(text: string): string {
  return escapeMarkdownInline(text)
    .replace(/^(\s*)([#+=-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/** Characters that are markup anywhere in a line (a table cell has no line starts). */
export function escapeMarkdownInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`).replace(/&(?=#?[a-z0-9]+;)/gi, '\\&');
}

/**
 * Text for one line of Markdown (a heading, a bold subject, a list item): escaped, with every line
 * break — CR, LF or both, which CommonMark all reads as the end of a line — made a space, so a
 * title cannot end its heading and start a block of its own (issue 13 §13).
 */
export function escapeMarkdownLine(text: string): string {
  return escapeMarkdown(text.replace(/\r\n?|\n/g, ' '));
}
