#!/usr/bin/env node
/**
 * Prints one closing line for the whole `npm test` run, e.g. "Tests: 480 passed, 0 failed",
 * from the JSON reports of Vitest (reports/unit.json) and Playwright (reports/e2e.json), so CI
 * can read the outcome of both runners at once. Exits 1 if a report is missing or shows failures.
 */
import { existsSync, readFileSync } from 'node:fs';

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);
const unit = read('reports/unit.json');
const e2e = read('reports/e2e.json');
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  skipped += unit.numPendingTests + (unit.numTodoTests ?? 0);
} else missing.push('reports/unit.json');

if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
} else missing.push('reports/e2e.json');

for (const m of missing) console.error(`test-summary: ${m} is missing (did that runner run?)`);
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || missing.length > 0 ? 1 : 0);
