/** Types of scripts/build-cli.mjs, for the tests that build the CLI (test/helpers/cli/buildTestCli.ts). */
export declare const ROOT: string;
export declare const CLI_DIR: string;
export declare const CLI_ENTRY: string;
export declare const BUILD_INFO: string;
export declare const METAFILE: string;

export interface BuildCliOptions {
  /** The entry module, relative to the repository root (default main/cli/main.ts). */
  entry?: string;
  /** Default dist/cli. */
  outdir?: string;
  /** The entry's file name in outdir (default firebreak.mjs). */
  entryName?: string;
  /** Also write dist/notify-library.json (default true; the tests' CLI shares the production one). */
  notifySnapshot?: boolean;
}

export declare function buildCli(options?: BuildCliOptions): Promise<{ outdir: string; entryFile: string; files: number; ms: number }>;

export declare function stamp(file: string): { mtimeMs: number | null; size: number | null };
