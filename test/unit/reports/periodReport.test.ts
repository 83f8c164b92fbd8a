/**
 * Issue 12 §4: the period report. One vault (periodFixture.ts: Q1 2026 with data for every
 * section), read as a manager — the report's audience, whose role may not read personal data —
 * in every format, then as an administrator with redaction, and with exercises included.
 *
 * Backups fire by node-cron's local time: this file runs in UTC so "0 2 * * *" is 02:00Z.
 */
process.env.TZ = 'UTC';

import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_FORMATS, type MethodInput, type ReportFormat } from '../../../contract';
import { expectFailure, type TestClient } from '../../helpers/client';
import { createTestVault, type TestVault } from '../../helpers/testVault';
import { buildPeriodFixture, QUARTER, type PeriodFixture } from './periodFixture';
import { docxParts, docxText, HOSTILE, MARKERS, pdfPages, PHONE_DIGITS, readableText } from './reportFixture';

let tmp: string;
let v: TestVault;
let fixture: PeriodFixture;
let manager: TestClient;
const reports = new Map<ReportFormat, { data: Buffer; sha256: string; fileName: string; eventSeq: number; anchor: { seq: number; hash: string }; personalData: string }>();

async function periodReport(client: TestClient, input: Partial<MethodInput<'reports.period'>> & { format: ReportFormat }) {
  const file = await client.call('reports.period', { ...QUARTER, ...input });
  return { ...file, data: Buffer.from(file.dataBase64, 'base64') };
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-period-'));
  v = await createTestVault({ dataDir: join(tmp, 'vault'), idleTimeoutMs: 400 * 86_400_000 });
  fixture = await buildPeriodFixture(v, join(tmp, 'share'));
  manager = await v.addUser('mia', 'manager');
  for (const format of REPORT_FORMATS) reports.set(format, await periodReport(manager, { format }));
}, 120_000);
afterAll(() => {
  v?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

const SECTIONS = [
  'Executive summary', 'Headline figures', 'Needs attention', 'Response times', 'By highest severity', 'Over time, by month detected', 'Notifications',
  'Every obligation of the incidents in the period', 'Overdue now and still open', 'Backups and restore drills', 'Restore drills against the RTO',
  'Incidents in the period', 'Open action items', 'Data problems', 'Runbooks and access', 'How to read this report', 'Integrity anchor',
];

describe('the period report has every section, with the quarter\'s data, in every format', () => {
  it.each(REPORT_FORMATS)('%s', async (format) => {
    const r = reports.get(format)!;
    expect(r.sha256).toBe(createHash('sha256').update(r.data).digest('hex'));
    expect(r.fileName).toBe(`period-report-2026-01-01-to-2026-03-31-tlp-amber.${format}`);
    const text = (await readableText(format, r.data)).replace(/\s+/g, ' ');
    for (const heading of SECTIONS) expect(text, heading).toContain(heading);
    const { I0, I1, I2, I5, I8, I9, I12 } = fixture.refs;
    for (const expected of [
      'Period report Q1 2026', 'TLP:AMBER', '2026-01-01 to 2026-03-31 (90 days, UTC)', '2025-10-01 to 2025-12-31', 'exercises left out (1 in the period)',
      '2026-04-10 00:00 UTC by mia', `${r.anchor.seq}:${r.anchor.hash}`, 'intact',
      // Headline: 4 incidents against 1; time to contain I1 4 h, I2 2 h (I5 out of order, I8 open) → median 2.0 h, n = 2 of 4, against I0's 5 h.
      'Incidents detected', 'up 3 (previous: 1)', 'Time to contain (median)', 'n = 2 of 4, coverage 50%', 'down 3.0 h, not judged: too few incidents to compare', '(previous: 5.0 h)',
      // Every duration with N, coverage, median, p90 and mean.
      'N of in scope', 'Coverage', 'Median', 'p90', 'Mean', 'Time in detected',
      // Notifications: I2 a day late, I5 a day early, I5's Art. 34 without a deadline, I8 never sent.
      '33%: 1 of 3 notices due or sent', 'LATE by 24 h', 'on time, 24 h before the deadline', 'sent (no fixed deadline: not in the rate)', 'NOT SENT',
      // Backups: 3 scheduled runs from 29 March, one verified; the drill within the RTO.
      '33%: 1 of 3 scheduled runs', '2 missed', 'OVER the 24 h RPO', 'within the RTO',
      // Incidents, action items, data problems, runbooks, sign-ins.
      I1, I2, I5, I8, 'Phished payroll mailbox', 'LockBit on the file servers', 'Ransomware', 'SEV1',
      'Encrypt the customer database at rest', 'OVERDUE by 39 d', 'Segment the file servers', 'due in 82 d', '1 on time, 0 late',
      'contained 2026-02-15 10:00 UTC is before detected 2026-02-15 12:00 UTC', 'The firewall blocked the copy',
      'Contain and restore', 'Containment', '2026-03-09',
    ]) expect(text, expected).toContain(expected);
    // Not in the quarter, or an exercise left out.
    for (const absent of [I0, I12, I9, 'Tabletop', 'Rehearse the call tree']) expect(text, absent).not.toContain(absent);
  });

  it('charts are drawn where there is data, and say so where there is none', () => {
    const html = reports.get('html')!.data.toString('utf8');
    // Severity, month, notifications by month, backups per plan, drills.
    expect(html.match(/<svg /g)?.length).toBe(5);
    expect(html).toContain('none measured');
    const md = reports.get('md')!.data.toString('utf8');
    expect(md).toContain('**Median response times by highest severity** (bar chart, hours)');
    expect(md).toMatch(/\| 2026-03 \| none measured \| none measured \| none measured \|/);
 
    // A sub-second drill on the RTO's minutes axis is written as a duration, not "0.0024" (user test).
    expect(md).toMatch(/\| 2026-03-30 \| \d+\.\d+ s \| 60 min \|/);
    expect(html).toMatch(/>\d+\.\d+ s<\/text>/);
    expect(md).not.toMatch(/0\.00\d+ minutes/);
  });

  it('generating it is a report.generated event on no incident, with the file\'s SHA-256 and the anchor it carries', async () => {
    const events = (await v.admin.call('audit.list', { type: 'report.generated', limit: 50 })).rows;
    for (const format of REPORT_FORMATS) {
      const r = reports.get(format)!;
      const e = events.find((x) => x.data.sha256 === r.sha256);
      expect(e, format).toMatchObject({
        seq: r.eventSeq, actor: 'mia', incidentRef: null,
        data: { report: 'period', from: QUARTER.from, to: QUARTER.to, severity: null, includeExercises: false, format, tlp: 'amber', personalData: 'masked', anchor: r.anchor, verified: true, bytes: r.data.length },
      });
    }
    const pdf = reports.get('pdf')!;
    const check = await manager.call('log.verifyAnchor', { seq: pdf.anchor.seq, hash: pdf.anchor.hash, reportSha256: pdf.sha256 });
    expect(check).toMatchObject({ ok: true, report: { seq: pdf.eventSeq, incidentRef: null, format: 'pdf' } });
  });
});

describe('each format on its own terms', () => {
  it('PDF: parses back, the marking and "Page n of m" on every page', async () => {
    const { pages, info } = await pdfPages(reports.get('pdf')!.data);
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((p, i) => {
      expect(p, `page ${i + 1}`).toContain('TLP:AMBER');
      expect(p, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    expect(info.Title).toBe('TLP:AMBER Period report Q1 2026');
  });

  it('DOCX: unzips, the marking in the page header, the hostile title as text', async () => {
    const parts = await docxParts(reports.get('docx')!.data);
    const header = Object.entries(parts).filter(([n]) => /word\/header\d*\.xml/.test(n)).map(([, x]) => docxText(x)).join(' ');
    expect(header).toContain('TLP:AMBER');
    expect(docxText(parts['word/document.xml'] ?? '')).toContain(HOSTILE);
    expect(parts['word/document.xml']).not.toContain('<script>');
  });

  it('HTML: no script, the hostile incident title escaped', () => {
    const html = reports.get('html')!.data.toString('utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
  });
});

/** Which marker values a text holds, in any case, the phone number by its digits whatever the spacing. */
function leaks(text: string): string[] {
  const found = Object.entries(MARKERS).filter(([, value]) => text.toLowerCase().includes(value.toLowerCase())).map(([name]) => name);
  if (text.replace(/\D/g, '').includes(PHONE_DIGITS)) found.push('phone digits');
  return found;
}

async function allText(format: ReportFormat, data: Buffer): Promise<string> {
  if (format === 'docx') return Object.values(await docxParts(data)).join('\n') + (await readableText(format, data));
  if (format === 'pdf') return `${(await pdfPages(data)).pages.join('\n')}\n${data.toString('latin1')}`;
  return data.toString('utf8');
}

describe('personal data', () => {
  it.each(REPORT_FORMATS)('%s: no personal value of any incident, as the manager gets it (a role without pii:read)', async (format) => {
    const r = reports.get(format)!;
    expect(r.personalData).toBe('masked');
    const text = await allText(format, r.data);
    expect(leaks(text)).toEqual([]);
    // The reporter named in an override's reason is scrubbed where the reason is shown (Markdown escapes the brackets).
    expect(text.replace(/\\/g, '').replace(/\s+/g, ' ')).toContain('[personal data withheld] confirmed it');
  });

  it('an administrator gets no personal field either; only with redact is free text scrubbed too', async () => {
    const plain = await periodReport(v.admin, { format: 'md' });
    expect(plain.personalData).toBe('shown');
    // The reporter's name appears only where someone typed it into the override's reason.
    expect(leaks(plain.data.toString('utf8'))).toEqual(['reporterName']);
    expect(plain.data.toString('utf8')).toContain(`${MARKERS.reporterName} confirmed it`);
    const redacted = await periodReport(v.admin, { format: 'md', redact: true });
    expect(redacted.personalData).toBe('redacted');
    expect(redacted.fileName).toContain('-redacted-');
    expect(leaks(redacted.data.toString('utf8'))).toEqual([]);
    expect(redacted.data.toString('utf8')).toContain('Redacted for distribution');
  });
});

describe('exercises', () => {
  it('are listed only when asked for, and then marked EXERCISE in every table they appear in', async () => {
    const r = await periodReport(manager, { format: 'md', includeExercises: true });
    const md = r.data.toString('utf8');
    expect(r.fileName).toContain('-with-exercises-');
    expect(md).toContain('exercises INCLUDED and marked \\[EXERCISE\\]');
    expect(md).toContain('Exercises are included: these figures mix tabletops and drills with real incidents.');
    expect(md).toMatch(new RegExp(`\\| ${fixture.refs.I9} \\| \\\\\\[EXERCISE\\\\\\] Tabletop: ransomware on the ERP \\|`));
    expect(md).toMatch(new RegExp(`\\| ${fixture.refs.I9} \\\\\\[EXERCISE\\\\\\] \\| Rehearse the call tree \\|`));
    expect(md).toContain('Incidents detected | 5');
  });
});

describe('filters and refusals', () => {
  it('a severity filter narrows every section to the incidents that reached it', async () => {
    const md = (await periodReport(manager, { format: 'md', severity: ['SEV1'] })).data.toString('utf8');
    expect(md).toContain('highest severity SEV1');
    expect(md).toContain(fixture.refs.I1);
    expect(md).not.toContain('Phished payroll mailbox');
  });

  it('a period before the backup plan was added lists no plan, rather than "no verified backup, RPO missed"', async () => {
    const q4 = { from: '2025-10-01', to: '2025-12-31' };
    expect((await manager.call('kpis.get', q4)).backups.plans).toEqual([]);
    const md = (await periodReport(manager, { ...q4, format: 'md' })).data.toString('utf8');
    expect(md).toContain('No backup plan existed in the period (plans added later are not listed).');
    expect(md).not.toContain('RPO');
    expect(md).toContain(fixture.refs.I0);
  });

  it('a period that ends before it starts, or an impossible date, is refused naming the fix; nothing is recorded', async () => {
    const before = (await v.admin.call('audit.list', { type: 'report.generated', limit: 1 })).rows[0]?.seq;
    const back = expectFailure(await manager.raw('reports.period', { from: '2026-03-31', to: '2026-01-01', format: 'pdf' }), 'VALIDATION');
    expect(back.message).toMatch(/"to" must be on or after "from" \(2026-03-31 to 2026-01-01 ends before it starts\)/);
    const bad = expectFailure(await manager.raw('reports.period', { from: '2026-02-30', to: '2026-03-31', format: 'pdf' }), 'VALIDATION');
    expect(bad.message).toMatch(/from: 2026-02-30 is not a calendar date/);
    expectFailure(await manager.raw('reports.period', { from: '2026-01-01', to: '2026-03-31', format: 'odt' }), 'VALIDATION');
    expect((await v.admin.call('audit.list', { type: 'report.generated', limit: 1 })).rows[0]?.seq).toBe(before);
  });

  it('a role without report:read (backup operator) is refused', async () => {
    const operator = await v.addUser('otto', 'backup-operator');
    expectFailure(await operator.attempt('reports.period', { ...QUARTER, format: 'md', tlp: 'amber', includeExercises: false, redact: false }), 'FORBIDDEN');
  });
});
