import { EXERCISE_SUBJECT_PREFIX } from '../../../contract';
import { escapeMarkdownLine } from '../../../contract/escapeMarkdown';
import { letterheadLines, type Letter } from './toLetter';

/**
 * The letter as Markdown: the body as written, under the letterhead, date, recipient and subject
 * (and an exercise's marking above all of it). Every text from the draft, the incident and the
 * letterhead is escaped, one line at a time (issue 13 §13): a viewer shows what was typed, never
 * HTML, links or images from it, and a line break in a title cannot end its line and start a
 * block of its own. The body's own structure (headings, lists, paragraphs: parseBody) is kept.
 */
export function exportMarkdown(letter: Letter): string {
  const hard = (lines: string[]) => lines.map(escapeMarkdownLine).join('  \n');
  const head = letterheadLines(letter.letterhead);
  const organisation = letter.letterhead.organisation !== '' ? `**${escapeMarkdownLine(letter.letterhead.organisation)}**` : null;
  const out = [
    // An exercise: first thing in the file, a quoted block in bold, before anything that looks like a letter.
    letter.exercise ? `> **${letter.exercise.marking}**  \n> ${letter.exercise.explanation}` : null,
    organisation !== null || head.length > 0 ? [...(organisation !== null ? [organisation] : []), ...head.map(escapeMarkdownLine)].join('  \n') : null,
    escapeMarkdownLine(letter.date),
    hard(letter.recipient),
    `**${subject(letter)}**`,
    escapeMarkdownLine(letter.reference),
    ...letter.blocks.map((b) => (b.kind === 'heading' ? `## ${escapeMarkdownLine(b.text)}` : b.kind === 'list' ? b.items.map((i) => `- ${escapeMarkdownLine(i)}`).join('\n') : hard(b.lines))),
  ];
  return `${out.filter((x): x is string => x !== null).join('\n\n')}\n`;
}

/** The subject, escaped; an exercise's "[EXERCISE]" is ours and stays as written (brackets alone are no link). */
function subject(letter: Letter): string {
  const prefix = `${EXERCISE_SUBJECT_PREFIX} `;
  if (letter.exercise && letter.subject.startsWith(prefix)) return `${prefix}${escapeMarkdownLine(letter.subject.slice(prefix.length))}`;
  return escapeMarkdownLine(letter.subject);
}
