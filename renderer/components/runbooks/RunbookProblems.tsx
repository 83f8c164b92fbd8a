/** `file:line:col: message` lines, as the linter prints them, so they can be found in an editor. */
export function RunbookProblems({ problems, label }: { problems: string[]; label: string }) {
  return (
    <ul className="problem-list" aria-label={label}>
      {problems.map((p, i) => <li key={i}><code>{p}</code></li>)}
    </ul>
  );
}
