import './zodConfig';
/** What the API says about runbooks (the file format itself lives in main/runbooks). */
import { z } from 'zod';
import type { Category, Severity } from './incident';
import { MAX_LINT_FILES, MAX_RUNBOOK_BYTES } from './runbookTerms';

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

export { MAX_LINT_FILES, MAX_RUNBOOK_BYTES, RUNBOOK_FILE_NAME } from './runbookTerms';

export const runbookLintInputSchema = z.strictObject({
  files: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(1024),
        text: z.string().max(MAX_RUNBOOK_BYTES),
      }),
    )
    .min(1)
    .max(MAX_LINT_FILES),
});
