import type { RunbookProblem } from './types';

/** `file:line:col: message`, the form editors and CI annotate from. */
export function formatProblem(file: string, problem: RunbookProblem): string {
  return `${file}:${problem.line}:${problem.col}: ${problem.message}`;
}
