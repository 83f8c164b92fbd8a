import { letterheadLines, type Letter } from './toLetter';

/** The letter as Markdown: the body as written, under the letterhead, date, recipient and subject (and an exercise's marking above all of it). */
export function exportMarkdown(letter: Letter): string {
  const hard = (lines: string[]) => lines.join('  \n');
  const head = letter.letterhead.organisation !== '' ? [`**${letter.letterhead.organisation}**`, ...letterheadLines(letter.letterhead)] : letterheadLines(letter.letterhead);
  const out = [
    // An exercise: first thing in the file, a quoted block in bold, before anything that looks like a letter.
    letter.exercise ? `> **${letter.exercise.marking}**  \n> ${letter.exercise.explanation}` : null,
    head.length > 0 ? hard(head) : null,
    letter.date,
    hard(letter.recipient),
    `**${letter.subject}**`,
    letter.reference,
    ...letter.blocks.map((b) => (b.kind === 'heading' ? `## ${b.text}` : b.kind === 'list' ? b.items.map((i) => `- ${i}`).join('\n') : hard(b.lines))),
  ];
  return `${out.filter((x): x is string => x !== null).join('\n\n')}\n`;
}
