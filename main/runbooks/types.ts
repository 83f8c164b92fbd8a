import type { RunbookFile } from './runbookSchema';

/** One problem in a runbook file, at the 1-based line and column of the offending node. */
export interface RunbookProblem {
  line: number;
  col: number;
  message: string;
}

/** A runbook that passed every check. Runs pin `version` and `contentHash`. */
export interface LoadedRunbook {
  /** The file name as given to the loader (shown in problems and lists). */
  file: string;
  /** SHA-256 of the file's bytes, hex. */
  contentHash: string;
  definition: RunbookFile;
}

/** Either the whole runbook or every problem found: a file is never half-loaded. */
export type LoadResult = { ok: true; runbook: LoadedRunbook } | { ok: false; problems: RunbookProblem[] };
