import './zodConfig';
/** What the API says about runbooks (the file format itself lives in main/runbooks). */
import { z } from 'zod';
import type { Category, Severity } from './incident';
import { MAX_LINT_FILES, MAX_LINT_REQUEST_BYTES, MAX_RUNBOOK_BYTES, formatByteCount, formatByteLimit, utf8Length } from './runbookTerms';

/** One runbook file as `runbooks.list` shows it; a broken file has null metadata and its problems. */
export interface RunbookSummary {
  id: string | null;
  title: string | null;
  version: string | null;
  summary: string | null;
  appliesTo: { categories: Category[]; severityAtLeast: Severity } | null;
  /** built-in: shipped in <app>/runbooks; custom: the organisation's own, in <data dir>/runbooks. */
  source: 'built-in' | 'custom';
  file: string;
  /** SHA-256 of the file's bytes; a run pins it with the version. */
  contentHash: string;
  steps: number;
  /** `file:line:col: message` lines; empty when the runbook is valid. */
  problems: string[];
}

export interface RunbookLintFile {
  name: string;
  ok: boolean;
  /** The runbook's id and version when it is valid. */
  id: string | null;
  version: string | null;
  contentHash: string;
  /** `name:line:col: message`, in file order. */
  problems: string[];
}

export { MAX_LINT_FILES, MAX_LINT_REQUEST_BYTES, MAX_RUNBOOK_BYTES, RUNBOOK_FILE_NAME, formatByteCount, formatByteLimit, utf8Length } from './runbookTerms';

const tooLarge = (bytes: number) =>
  `the file is ${formatByteCount(bytes)}; a runbook file may be at most ${formatByteLimit(MAX_RUNBOOK_BYTES)}: shorten it, or split it into several runbooks`;

/**
 * One runbook file's text, at most MAX_RUNBOOK_BYTES as UTF-8. The cheap bound on characters comes
 * first, so the byte count never runs over more than that much text.
 */
export const runbookTextSchema = z
  .string()
  .max(MAX_RUNBOOK_BYTES, { error: (issue) => tooLarge(typeof issue.input === 'string' ? utf8Length(issue.input) : MAX_RUNBOOK_BYTES + 1) })
  .refine((text) => utf8Length(text) <= MAX_RUNBOOK_BYTES, { error: (issue) => tooLarge(typeof issue.input === 'string' ? utf8Length(issue.input) : 0) });

/** The UTF-8 size of every file's text together (refinements may see items that failed their own schema). */
const totalLength = (files: readonly unknown[]): number =>
  files.reduce<number>((n, f) => n + (f !== null && typeof f === 'object' && typeof (f as { text?: unknown }).text === 'string' ? utf8Length((f as { text: string }).text) : 0), 0);

export const runbookLintInputSchema = z.strictObject({
  files: z
    .array(z.strictObject({ name: z.string().min(1).max(1024), text: runbookTextSchema }))
    .min(1, 'send at least one file')
    .max(MAX_LINT_FILES, `at most ${MAX_LINT_FILES} files in one request: send the others in another`)
    .refine((files) => totalLength(files) <= MAX_LINT_REQUEST_BYTES, {
      error: (issue) => {
        const total = totalLength(issue.input as unknown[]);
        return `the files together are ${formatByteCount(total)}; one request may carry at most ${formatByteLimit(MAX_LINT_REQUEST_BYTES)}: send fewer files at a time`;
      },
    }),
});
