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

/** At most this many files in one `runbooks.lint` call (the CLI checks a large folder in batches). */
export const MAX_LINT_FILES = 50;

/**
 * At most this much text in one runbook file: over ten times the largest built-in runbook (22 KB).
 * Bounds what one file can make the YAML parser do (issue 13 §6: a crafted 389 KB file held the
 * backend for 11.6 s).
 */
export const MAX_RUNBOOK_BYTES = 256 * 1024;

/** At most this much text in one `runbooks.lint` call, all files together (the CLI sends batches under it). */
export const MAX_LINT_REQUEST_BYTES = 1024 * 1024;

/** "262,144 bytes": exact, so a file one byte over a limit never reads as the limit itself. */
export const formatByteCount = (bytes: number): string => `${String(bytes).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} bytes`;

/** "256 KiB (262,144 bytes)": how a limit reads in messages. */
export const formatByteLimit = (bytes: number): string =>
  `${bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`} (${formatByteCount(bytes)})`;

/**
 * The UTF-8 size of a text, as a file holding it would have: the limits are in bytes (what the CLI
 * sees on disk and the app's file picker reports), a JavaScript string counts UTF-16 units.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    // A surrogate pair is one 4-byte character: count 2 for each half.
    else if (c >= 0xd800 && c <= 0xdfff) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}
