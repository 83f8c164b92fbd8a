/**
 * Runbook files as plain constants, without zod: the CLI's `runbook lint` imports these, so
 * `firebreak --help` loads no schema library (see contract/incidentTerms.ts). contract/runbook.ts
 * re-exports them with the schemas built on them.
 */

/**
 * The files in a runbook folder that are runbooks: the app loads `<data dir>/runbooks` (and the
 * built-in folder) by this, without subfolders, and `runbook lint DIR` checks the same files.
 */
export const RUNBOOK_FILE_NAME = /\.ya?ml$/i;

/** At most this many files in one `runbooks.lint` call (the CLI sends a large folder in batches). */
export const MAX_LINT_FILES = 200;

/** Large enough for any hand-written runbook; bounds what an unauthenticated caller can make us parse. */
export const MAX_RUNBOOK_BYTES = 1024 * 1024;
