import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { RunbookLintFile } from '../../../contract';
import { MAX_RUNBOOK_BYTES, formatByteCount, formatByteLimit } from '../../../contract/runbookTerms';
import { EXIT } from '../CliError';
import { toJson } from '../format';
import { describeFsError, resolveRunbookPaths } from '../resolveRunbookPaths';
import type { CommandContext, CommandSpec } from '../types';

export const runbookLint: CommandSpec = {
  words: ['runbook', 'lint'],
  positionals: ['PATH…'],
  summary: 'check runbook files (or every *.yaml/*.yml file of a directory) and print every problem as file:line:col: message',
  // The check reads no data: no vault, no sign-in (usable in CI). It runs in this process, on the
  // same runbook worker as the API's runbooks.lint (which needs a session), with the same limits.
  session: 'offline',
  options: {},
  details: [
    'PATH is a runbook file (checked whatever its name) or a directory: its *.yaml and *.yml files,',
    'sorted by name, without subdirectories (the app loads a runbook folder the same way).',
    'Exit 0 when every file is a valid runbook; exit 1 with one line per problem on stdout otherwise',
    '(format: docs/runbook-format.md), and also when a path does not exist, cannot be read, or is a',
    'directory without runbook files: those are named on stderr, and the other files are still checked.',
  ].join('\n'),
  examples: ['firebreak runbook lint runbooks/', 'firebreak runbook lint runbooks/*.yaml', 'firebreak runbook lint my-runbook.yaml --json'],
  run: async (ctx) => {
    const { files, problems: unreadable } = resolveRunbookPaths(ctx.args);
    // Loaded on demand, as every command loads the backend: `--help` stays light.
    const { lintRunbooks } = await import('../../api');
    const results: RunbookLintFile[] = [];
    // One file at a time: only one file's text is held, however large the folder.
    for (const path of files) {
      const read = readForLint(path, unreadable);
      if (read === null) continue;
      results.push('text' in read ? ((await lintRunbooks([read]))[0] as RunbookLintFile) : read);
    }
    report(ctx, results, unreadable);
    return unreadable.length === 0 && results.every((r) => r.ok) ? EXIT.ok : EXIT.error;
  },
};

/**
 * The file's text for the API, or its result when the file can be judged here: too large for a
 * runbook, or not UTF-8 (the app refuses such a file; read as UTF-8 with replacement characters it
 * would pass here and fail there). Null, with the reason added to `unreadable`, when it cannot be read.
 */
function readForLint(path: string, unreadable: string[]): { name: string; text: string } | RunbookLintFile | null {
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > MAX_RUNBOOK_BYTES) return failed(path, '', `${path}:1:1: the file is ${formatByteCount(size)}; a runbook file may be at most ${formatByteLimit(MAX_RUNBOOK_BYTES)}: shorten it, or split it into several runbooks`);
    bytes = readFileSync(path);
  } catch (err) {
    unreadable.push(`cannot read ${path}: ${describeFsError(err)}`);
    return null;
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  try {
    return { name: path, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // The loader's own words for it (main/runbooks/loadRunbook.ts).
    return failed(path, hash, `${path}:1:1: not UTF-8 text`);
  }
}

function failed(name: string, contentHash: string, problem: string): RunbookLintFile {
  return { name, ok: false, id: null, version: null, contentHash, problems: [problem] };
}

/** Problems on stdout (or the results as JSON); what could not be checked, and the count, on stderr. */
function report(ctx: CommandContext, results: RunbookLintFile[], unreadable: string[]): void {
  for (const line of unreadable) ctx.note(`firebreak: ${line}`);
  if (ctx.json) ctx.print(toJson(results));
  else for (const r of results) for (const line of r.problems) ctx.print(line);
  if (results.length === 0) return;
  const bad = results.filter((r) => !r.ok);
  const problems = bad.reduce((n, r) => n + r.problems.length, 0);
  const summary = bad.length === 0 ? `${results.length} runbook file(s) OK` : `${problems} problem(s) in ${bad.length} of ${results.length} file(s)`;
  ctx.note(unreadable.length === 0 ? summary : `${summary}; ${unreadable.length} path(s) not checked (above)`);
}
