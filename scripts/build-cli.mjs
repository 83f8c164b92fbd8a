#!/usr/bin/env node
/**
 * Bundles the CLI with esbuild into dist/cli/ (docs/cli.md, "How the command starts"):
 *
 *   main/cli/main.ts → dist/cli/firebreak.mjs   (+ chunk-*.mjs, loaded on demand)
 *   dist/cli/build-info.json                     (the inputs and their mtime/size, for the staleness check)
 *
 * Why a bundle: compiling ~300 TypeScript files through tsx on every run cost a second before the
 * command did anything. Why ESM with splitting: `--help` and a usage error load only the parser
 * and the command table; the backend, the API contract (zod) and heavy libraries (docx, archiver,
 * yaml) are separate chunks, imported when a command needs them.
 *
 * bin/firebreak.mjs runs the bundle when build-info.json says every input is unchanged, rebuilds
 * it (buildCli) when one changed, and falls back to the sources through tsx when there is none.
 *
 *   node scripts/build-cli.mjs                         dist/cli from main/cli/main.ts
 *   node scripts/build-cli.mjs --entry F --outdir D --entry-name N.mjs
 *                                                     another entry (the tests' CLI, test/helpers/cli)
 */
import { build } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_DIR = join(ROOT, 'dist', 'cli');
export const CLI_ENTRY = 'firebreak.mjs';
export const BUILD_INFO = 'build-info.json';
export const METAFILE = 'metafile.json';

/**
 * Files outside the bundle's inputs that change what it does: a dependency upgrade rewrites
 * node_modules/.package-lock.json, so a bundle built against the old versions counts as stale.
 */
const EXTRA_INPUTS = ['package.json', 'package-lock.json', 'node_modules/.package-lock.json', 'scripts/build-cli.mjs'];

/**
 * The shipped notification rules are parsed once here into dist/notify-library.json (main/notify/
 * regimeSnapshot.ts), which the notify domain uses while its key matches the YAML files; they are
 * inputs too, so editing a rule rebuilds the snapshot on the next run.
 */
const NOTIFY_DIR = join(ROOT, 'main', 'notify');
const SNAPSHOT_ENTRY = 'build-regime-snapshot.mjs';
/** The report worker's entry, beside every CLI bundle (the tests' too): the name ReportWorker looks for. */
export const REPORT_WORKER_ENTRY = 'report-worker.mjs';
/** The runbook worker's entry (main/runbooks/worker/RunbookCheckWorker.ts looks for it by this name). */
export const RUNBOOK_WORKER_ENTRY = 'runbook-worker.mjs';

/** Chunks of older builds are kept a day: a running `serve` or `daemon` may still import them lazily. */
const OLD_CHUNK_AGE_MS = 24 * 3600_000;

/**
 * Builds `entries` (output name → source) into `outdir` (ESM, split into chunks) and writes
 * build-info.json beside them. Safe against concurrent builds and running processes: chunk names
 * carry a content hash and are written first, then build-info.json and the entries are renamed
 * into place, each atomically.
 */
export async function buildCli({ entries = { [CLI_ENTRY]: 'main/cli/main.ts' }, outdir = CLI_DIR, notifySnapshot = true } = {}) {
  const entryNames = new Set(Object.keys(entries).flatMap((name) => [name, `${name}.map`]));
  const started = Date.now();
  mkdirSync(outdir, { recursive: true });
  const staging = join(outdir, `.staging-${process.pid}-${Date.now()}`);
  try {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: {
        ...Object.fromEntries(Object.entries(entries).map(([name, source]) => [name.replace(/\.mjs$/, ''), source])),
        ...(notifySnapshot ? { [SNAPSHOT_ENTRY.replace(/\.mjs$/, '')]: 'main/notify/buildRegimeSnapshot.ts' } : {}),
        // Reports render on a worker thread started from a file next to the bundle (main/reports/worker/ReportWorker.ts).
        [REPORT_WORKER_ENTRY.replace(/\.mjs$/, '')]: 'main/reports/worker/reportWorkerMain.ts',
        // Runbook files are parsed on a worker thread with a time limit (issue 13 §6).
        [RUNBOOK_WORKER_ENTRY.replace(/\.mjs$/, '')]: 'main/runbooks/worker/runbookCheckWorkerMain.ts',
      },
      outdir: staging,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outExtension: { '.js': '.mjs' },
      chunkNames: '[name]-[hash]',
      entryNames: '[name]',
      sourcemap: 'linked',
      legalComments: 'linked',
      logLevel: 'warning',
      metafile: true,
      // The SQLCipher addon is loaded from node_modules at run time, never bundled. pdfkit loads its
      // font metrics through its package "imports" (#standard-fonts/…), which resolve only from its own folder.
      external: ['better-sqlite3-multiple-ciphers', 'pdfkit'],
      // CommonJS dependencies inside an ESM bundle still call require() for Node's built-ins.
      banner: { js: "import { createRequire as __firebreakCreateRequire } from 'node:module';\nconst require = __firebreakCreateRequire(import.meta.url);" },
    });
    // What each output holds and imports (statically or on demand): test/unit/cli/cliBundle.test.ts reads it.
    writeFileSync(join(staging, METAFILE), JSON.stringify(result.metafile));
    const written = readdirSync(staging);
    // Chunks first (content-hashed names: an existing one is the same file), then the info, then the entry.
    for (const name of written) if (!entryNames.has(name)) renameSync(join(staging, name), join(outdir, name));
    if (notifySnapshot) {
      const { buildRegimeSnapshot } = await import(pathToFileURL(join(outdir, SNAPSHOT_ENTRY)).href);
      buildRegimeSnapshot(NOTIFY_DIR);
    }
    const rules = ['regimes', 'holidays'].flatMap((d) => readdirSync(join(NOTIFY_DIR, d)).filter((f) => f.endsWith('.yaml')).map((f) => `main/notify/${d}/${f}`));
    const inputs = [...Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/')), ...EXTRA_INPUTS, ...rules]
      .map((file) => ({ file, ...stamp(join(ROOT, file)) }))
      .sort((a, b) => a.file.localeCompare(b.file));
    const info = { format: 'firebreak-cli-build', version: 1, entries, builtAt: new Date().toISOString(), inputs };
    writeFileSync(join(staging, BUILD_INFO), `${JSON.stringify(info)}\n`);
    renameSync(join(staging, BUILD_INFO), join(outdir, BUILD_INFO));
    for (const name of written) if (entryNames.has(name) && name.endsWith('.map')) renameSync(join(staging, name), join(outdir, name));
    for (const name of written) if (entryNames.has(name) && !name.endsWith('.map')) renameSync(join(staging, name), join(outdir, name));
    pruneOldChunks(outdir, new Set(written));
    return { outdir, entryFiles: Object.keys(entries).map((name) => join(outdir, name)), files: written.length, ms: Date.now() - started };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** What the staleness check compares: a missing file is recorded as such. */
export function stamp(file) {
  try {
    const s = statSync(file);
    return { mtimeMs: s.mtimeMs, size: s.size };
  } catch {
    return { mtimeMs: null, size: null };
  }
}

function pruneOldChunks(outdir, keep) {
  const now = Date.now();
  for (const name of readdirSync(outdir)) {
    // Every output but the entry has a content hash in its name; the entry and build-info.json are replaced in place.
    if (keep.has(name) || name === BUILD_INFO || name === METAFILE || name.startsWith('.staging-')) continue;
    const file = join(outdir, name);
    try {
      if (now - statSync(file).mtimeMs > OLD_CHUNK_AGE_MS) rmSync(file, { force: true });
    } catch {
      // Another build removed it first.
    }
  }
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const option = (name) => {
    const at = process.argv.indexOf(name);
    return at === -1 ? undefined : process.argv[at + 1];
  };
  const entry = option('--entry');
  const outdir = option('--outdir');
  const entryName = option('--entry-name') ?? 'main.mjs';
  try {
    const built = await buildCli({
      ...(entry ? { entries: { [entryName]: entry }, notifySnapshot: false } : {}),
      ...(outdir ? { outdir: resolve(outdir) } : {}),
    });
    console.log(`build-cli: ${built.entryFiles.map((f) => relative(ROOT, f)).join(', ')} (${built.files} files, ${built.ms} ms)`);
  } catch (error) {
    // esbuild has already printed the located errors.
    console.error(`build-cli: failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    process.exit(1);
  }
}
