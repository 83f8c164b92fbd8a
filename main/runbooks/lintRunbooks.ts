import type { RunbookLintFile } from '../../contract';
import { formatProblem } from './formatProblem';
import type { LoadResult } from './types';
import { RunbookCheckWorker, type CheckOutcome } from './worker/RunbookCheckWorker';

/**
 * Checks runbook files on the runbook worker (never on the caller's event loop), one after another:
 * each file's result, or a problem saying it was stopped at the time or memory limit.
 */
export async function lintRunbooks(files: readonly { name: string; text: string }[], worker = RunbookCheckWorker.shared()): Promise<RunbookLintFile[]> {
  const results: RunbookLintFile[] = [];
  for (const { name, text } of files) {
    const outcome = await worker.check(name, text);
    const result = loadResultOf(outcome);
    if (result.ok) {
      const d = result.runbook.definition;
      results.push({ name, ok: true, id: d.id, version: d.version, contentHash: result.runbook.contentHash, problems: [] });
    } else {
      results.push({ name, ok: false, id: null, version: null, contentHash: '', problems: result.problems.map((p) => formatProblem(name, p)) });
    }
  }
  return results;
}

/** The loader's result, or, for a file stopped at a limit, that as its one problem. */
export function loadResultOf(outcome: CheckOutcome): LoadResult {
  if (!('stopped' in outcome)) return outcome;
  const message =
    outcome.stopped === 'time'
      ? `reading this file took longer than ${outcome.limitMs / 1000} s, the limit, and was stopped; a runbook is read in well under a second, so this file is not one Firebreak can use`
      : `reading this file needed more than ${outcome.limitMb} MiB of memory, the limit, and was stopped; this file is not one Firebreak can use`;
  return { ok: false, problems: [{ line: 1, col: 1, message }] };
}
