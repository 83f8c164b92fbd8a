/** Types of scripts/build-cli.mjs, for the tests that build the CLI (test/helpers/cli/buildTestCli.ts). */
export declare const ROOT: string;
export declare const CLI_DIR: string;
export declare const CLI_ENTRY: string;
export declare const BUILD_INFO: string;
export declare const METAFILE: string;

export interface BuildCliOptions {
  /** Output file name → entry module relative to the repository root (default firebreak.mjs → main/cli/main.ts). */
  entries?: Record<string, string>;
  /** Default dist/cli. */
  outdir?: string;
  /** Also write dist/notify-library.json (default true; the tests' CLI shares the production one). */
  notifySnapshot?: boolean;
}

export declare function buildCli(options?: BuildCliOptions): Promise<{ outdir: string; entryFiles: string[]; files: number; ms: number }>;

export declare function stamp(file: string): { mtimeMs: number | null; size: number | null };
export declare const REPORT_WORKER_ENTRY: string;
export declare const RUNBOOK_WORKER_ENTRY: string;
