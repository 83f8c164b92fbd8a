import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_FORMATS } from '../../../contract';
import { appendEvent } from '../../../main/timeline';
import { exportKey, withRawDb } from '../../helpers/rawDb';
import { createTestVault, type TestVault } from '../../helpers/testVault';
import { docxParts, pdfPages, reportOf } from './reportFixture';

const EVENTS = 10_000;
let v: TestVault;
let ref: string;

beforeAll(async () => {
  v = await createTestVault();
  ref = (await v.admin.call('incidents.create', { title: 'A long incident', severity: 'SEV2', category: 'malware' })).ref;
  const keyHex = await exportKey(v.admin);
  // 10,000 real events in the chain (appended as the API would, in one transaction to be quick).
  withRawDb(v.dataDir, keyHex, (db) => {
    db.transaction(() => {
      for (let i = 1; i <= EVENTS; i++) {
        appendEvent(db, { actor: i % 3 ? 'alice' : 'bob', type: 'incident.note', incidentRef: ref, ts: new Date(Date.UTC(2026, 2, 14) + i * 60_000).toISOString(), data: { text: i % 10 ? `Checked host ws-${i}` : `Long note ${i}: ${'the attacker moved laterally through the file servers and '.repeat(6)}` } });
      }
    })();
  });
}, 120_000);
afterAll(() => v.dispose());

describe(`an incident with ${EVENTS.toLocaleString('en-US')} events`, () => {
  it('renders as PDF while the backend\'s event loop keeps running (a 10 ms timer keeps firing)', { timeout: 120_000 }, async () => {
    const gaps: number[] = [];
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }, 10);
    const started = performance.now();
    const report = await reportOf(v.admin, ref, 'pdf');
    const elapsed = performance.now() - started;
    clearInterval(timer);
    // Rendering took seconds; the timer was never held up for more than a fraction of one.
    expect(elapsed).toBeGreaterThan(300);
    expect(gaps.length).toBeGreaterThan(elapsed / 100);
    expect(Math.max(...gaps)).toBeLessThan(400);
    const { pages } = await pdfPages(report.data);
    expect(pages.length).toBeGreaterThan(100);
    const all = pages.join('\n');
    expect(all).toContain(`Checked host ws-${EVENTS - 1}`);
    expect(all).toMatch(/\(10,001 events\)/);
    // Long tables repeat their column headers on every page.
    expect(pages.at(-2)).toMatch(/When \(UTC\)/);
  });

  it.each(REPORT_FORMATS.filter((f) => f !== 'pdf'))('renders as %s with every event', { timeout: 120_000 }, async (format) => {
    const report = await reportOf(v.admin, ref, format);
    const text = format === 'docx' ? (await docxParts(report.data))['word/document.xml'] ?? '' : report.data.toString('utf8');
    expect(text).toContain(`Checked host ws-${EVENTS - 1}`);
    expect(text).toMatch(/Checked host ws-1(?!\d)/);
  });
});
