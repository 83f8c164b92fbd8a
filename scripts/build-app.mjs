#!/usr/bin/env node
/**
 * Bundles the Electron main process and the preload with esbuild:
 *   main/app/main.ts   → dist/app/main.cjs        (Node inside Electron)
 *   preload/preload.ts → dist/preload/preload.cjs (sandboxed preload: may require only `electron`)
 *   main/reports/worker/reportWorkerMain.ts → dist/app/report-worker.cjs (the report worker thread)
 *   main/runbooks/worker/runbookCheckWorkerMain.ts → dist/app/runbook-worker.cjs (the runbook worker thread)
 * The renderer is built separately by Vite into dist/renderer.
 */
import { build, context } from 'esbuild';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
// --outdir <dir> writes <dir>/app and <dir>/preload instead of dist/ (the tests build to a temp dir).
const outdirAt = process.argv.indexOf('--outdir');
const outBase = outdirAt === -1 ? join(root, 'dist') : resolve(process.argv[outdirAt + 1] ?? 'dist');

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'linked',
};

const targets = [
  {
    ...common,
    entryPoints: ['main/app/main.ts'],
    outfile: join(outBase, 'app', 'main.cjs'),
    platform: 'node',
    // Electron 39 embeds Node 22.
    target: 'node22',
    // The addon is loaded from node_modules or native/electron at run time, never bundled.
    // pdfkit loads its standard-font metrics with createRequire('#standard-fonts/…') (its package
    // "imports"), which only resolves from its own folder: it stays in node_modules (a production
    // dependency, so electron-builder ships it).
    external: ['electron', 'better-sqlite3-multiple-ciphers', 'pdfkit'],
    // Our sources are ESM; code that asks for import.meta.url still gets its file URL in CJS.
    define: { 'import.meta.url': '__firebreakImportMetaUrl' },
    banner: { js: 'const __firebreakImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  },
  {
    // The report worker thread (main/reports/worker/ReportWorker.ts looks for it next to main.cjs).
    ...common,
    entryPoints: ['main/reports/worker/reportWorkerMain.ts'],
    outfile: join(outBase, 'app', 'report-worker.cjs'),
    platform: 'node',
    target: 'node22',
    external: ['electron', 'better-sqlite3-multiple-ciphers', 'pdfkit'],
    define: { 'import.meta.url': '__firebreakImportMetaUrl' },
    banner: { js: 'const __firebreakImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  },
  {
    // The runbook worker thread (main/runbooks/worker/RunbookCheckWorker.ts looks for it next to main.cjs).
    ...common,
    entryPoints: ['main/runbooks/worker/runbookCheckWorkerMain.ts'],
    outfile: join(outBase, 'app', 'runbook-worker.cjs'),
    platform: 'node',
    target: 'node22',
    external: ['electron'],
    define: { 'import.meta.url': '__firebreakImportMetaUrl' },
    banner: { js: 'const __firebreakImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  },
  {
    ...common,
    entryPoints: ['preload/preload.ts'],
    outfile: join(outBase, 'preload', 'preload.cjs'),
    // A sandboxed preload has no Node: bundle for the browser, with `electron` provided by the sandbox.
    platform: 'browser',
    // Electron 39 embeds Chromium 142.
    target: 'chrome142',
    // It runs before every page load; the contract's schemas come along, so keep it small.
    minify: true,
    external: ['electron'],
  },
];

try {
  if (watch) {
    for (const options of targets) await (await context(options)).watch();
    console.log('build-app: watching main/app and preload');
  } else {
    await Promise.all(targets.map((options) => build(options)));
    for (const options of targets) console.log(`build-app: ${relative(root, options.outfile ?? '')}`);
  }
} catch (error) {
  // esbuild has already printed the located errors.
  console.error(`build-app: failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  process.exit(1);
}
