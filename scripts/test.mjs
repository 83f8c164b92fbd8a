#!/usr/bin/env node
/**
 * `npm test`: every check, in phases, each timed, against a budget.
 *
 *   1. lint (ESLint, incl. the layering rule) and typecheck (tsc), side by side: both are single-threaded
 *   2. build the renderer (the serve tests and the end-to-end tests need it)
 *   3. unit and integration tests (Vitest; its global setup bundles the CLI)
 *   4. end-to-end tests (Playwright in Debian's Chromium)
 *
 * Stops at the first phase that fails. Then prints each phase's duration, the ten slowest test
 * files, one "Tests: N passed, N failed" line from the runners' JSON reports, and the total against
 * the budget (README, "What npm test runs"): 10 minutes on 2 cores. Over budget is a failure on CI (CI=true) and
 * a warning elsewhere, so a slow suite is seen as early as a failing one.
 *
 *   node scripts/test.mjs [--budget SECONDS]
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statfsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const budgetAt = process.argv.indexOf('--budget');
const BUDGET_S = budgetAt === -1 ? 600 : Number(process.argv[budgetAt + 1]);
const bin = (name) => join(root, 'node_modules', '.bin', name);

/** Runs a command; output straight through, or kept and printed whole at the end (for phases side by side). */
function run(label, command, args, { buffered = false, env = process.env } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: root, env, stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (buffered) {
      child.stdout.on('data', (c) => (output += c));
      child.stderr.on('data', (c) => (output += c));
    }
    child.on('error', (error) => resolve({ label, ok: false, seconds: (Date.now() - started) / 1000, output: `${output}${error.message}\n` }));
    child.on('close', (code, signal) => resolve({ label, ok: code === 0, code: code ?? signal, seconds: (Date.now() - started) / 1000, output }));
  });
}

const phases = [];
function report(result) {
  phases.push(result);
  if (result.output) process.stdout.write(result.output);
  console.log(`\n==> ${result.label}: ${result.ok ? 'ok' : `FAILED (exit ${result.code})`} in ${result.seconds.toFixed(1)} s\n`);
  return result.ok;
}

async function main() {
  const started = Date.now();
  // A report left by an earlier run must never count for this one.
  for (const report of ['reports/unit.json', 'reports/e2e.json']) rmSync(join(root, report), { force: true });
  console.log('==> lint and typecheck (side by side; output follows when each ends)');
  const checks = await Promise.all([
    run('lint', bin('eslint'), ['.'], { buffered: true }),
    run('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'], { buffered: true }),
  ]);
  let ok = checks.map(report).every(Boolean);
  if (ok) ok = report(await run('build renderer', bin('vite'), ['build', '--logLevel', 'warn', '--config', 'renderer/vite.config.ts']));
  const scratch = testScratchDir();
  const env = scratch ? { ...process.env, TMPDIR: scratch } : process.env;
  try {
    if (ok) ok = report(await run('unit and integration tests', bin('vitest'), ['run'], { env }));
    if (ok) ok = report(await run('end-to-end tests', bin('playwright'), ['test'], { env }));
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  }
  const total = (Date.now() - started) / 1000;

  console.log('Phases:');
  for (const p of phases) console.log(`  ${p.label.padEnd(28)} ${p.seconds.toFixed(1).padStart(7)} s  ${p.ok ? 'ok' : 'FAILED'}`);
  const slow = slowestFiles(10);
  if (slow.length > 0) {
    console.log('Slowest test files:');
    for (const f of slow) console.log(`  ${f.seconds.toFixed(1).padStart(7)} s  ${f.file}`);
  }
  const counts = testCounts(phases.map((p) => p.label));
  if (counts) console.log(counts.line);
  const over = total > BUDGET_S;
  console.log(`Time: ${total.toFixed(0)} s of the ${BUDGET_S} s budget${over ? ' — OVER BUDGET: make the slowest files above faster (README, "What npm test runs")' : ''}`);
  if (!ok || (counts && !counts.ok)) process.exit(1);
  if (over && process.env.CI) process.exit(1);
}

/**
 * The tests' temporary directories (every vault, backup target and restore they make) on a RAM-backed
 * file system when the machine has one with room: the product commits with synchronous=FULL, and on
 * a disk shared by three test workers each of those fsyncs waited ~10 ms — most of an incident edit's
 * time in the tests. On tmpfs an fsync returns at once; the files, SQLCipher and the code paths are
 * the same, and a killed process (the crash tests) leaves exactly what it leaves on a disk. What a
 * power cut leaves is not something a test here can show either way. `npm run bench` stays on the
 * disk: its figures include the fsyncs. FIREBREAK_TEST_TMPDIR overrides the choice (`-` keeps TMPDIR).
 */
function testScratchDir() {
  const wanted = process.env.FIREBREAK_TEST_TMPDIR;
  if (wanted === '-') return null;
  const base = wanted || '/dev/shm';
  try {
    if (!wanted && statfsSync(base).bavail * statfsSync(base).bsize < 4 * 1024 ** 3) return null;
    const dir = mkdtempSync(join(base, 'firebreak-tests-'));
    // As /tmp is: tests that run a command as another user (the runbook reader) must reach their files.
    chmodSync(dir, 0o1777);
    console.log(`==> temporary files of the tests under ${dir} (removed at the end)`);
    return dir;
  } catch {
    return null;
  }
}

const readJson = (file) => (existsSync(join(root, file)) ? JSON.parse(readFileSync(join(root, file), 'utf8')) : null);

/** Test files by time: Vitest's per-file start and end, Playwright's tests summed per spec file. */
function slowestFiles(n) {
  const files = [];
  for (const t of readJson('reports/unit.json')?.testResults ?? []) {
    files.push({ file: relative(root, t.name), seconds: (t.endTime - t.startTime) / 1000 });
  }
  const e2e = new Map();
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) for (const r of test.results ?? []) e2e.set(spec.file, (e2e.get(spec.file) ?? 0) + r.duration / 1000);
    }
    for (const s of suite.suites ?? []) walk(s);
  };
  for (const s of readJson('reports/e2e.json')?.suites ?? []) walk(s);
  for (const [file, seconds] of e2e) files.push({ file: `test/e2e/${file}`, seconds });
  return files.sort((a, b) => b.seconds - a.seconds).slice(0, n);
}

/** One line for both runners, from the reports this run wrote (a runner that did not run is said). */
function testCounts(ran) {
  const unit = ran.includes('unit and integration tests') ? readJson('reports/unit.json') : null;
  const e2e = ran.includes('end-to-end tests') ? readJson('reports/e2e.json') : null;
  if (!unit && !e2e) return null;
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (unit) {
    passed += unit.numPassedTests;
    failed += unit.numFailedTests;
    skipped += unit.numPendingTests + (unit.numTodoTests ?? 0);
  }
  if (e2e) {
    passed += e2e.stats.expected + e2e.stats.flaky;
    failed += e2e.stats.unexpected;
    skipped += e2e.stats.skipped;
  }
  const missing = [!unit && 'unit', !e2e && 'end-to-end'].filter(Boolean);
  const line = `Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${missing.length ? ` (${missing.join(' and ')} not run)` : ''}`;
  return { line, ok: failed === 0 };
}

await main();
