import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXERCISE_MARKING, REPORT_FORMATS, type ReportFormat } from '../../../contract';
import { expectFailure, type TestClient } from '../../helpers/client';
import { createTestVault, type TestVault } from '../../helpers/testVault';
import {
  buildReportIncident, docxParts, docxText, HOSTILE, MARKERS, pdfPages, PHONE_DIGITS, readableText, reportOf, type ReportIncident,
} from './reportFixture';

let v: TestVault;
let fixture: ReportIncident;
let manager: TestClient;
let operator: TestClient;
/** One report per format, made once (as admin, TLP:AMBER, not redacted) for the content checks. */
const reports = new Map<ReportFormat, Awaited<ReturnType<typeof reportOf>>>();

beforeAll(async () => {
  v = await createTestVault();
  fixture = await buildReportIncident(v, v.admin);
  manager = await v.addUser('mara', 'manager');
  operator = await v.addUser('otto', 'backup-operator');
  for (const format of REPORT_FORMATS) reports.set(format, await reportOf(v.admin, fixture.ref, format));
}, 120_000);
afterAll(() => v.dispose());

const SECTIONS = [
  'Executive summary', 'Impact', 'Key times', 'Durations of this incident', 'Timeline of key events', 'Response actions (runbooks)',
  'Notifications', 'Evidence', 'Recovery (backups and restore drills)', 'Post-incident review', 'Action items', 'Integrity anchor',
  'Appendix A: the whole timeline',
];

describe('the incident report has every section, with the incident\'s data, in every format', () => {
  it.each(REPORT_FORMATS)('%s', async (format) => {
    const r = reports.get(format)!;
    expect(r.sha256).toBe(createHash('sha256').update(r.data).digest('hex'));
    expect(r.fileName).toBe(`${fixture.ref}-incident-report-tlp-amber.${format}`);
    const text = (await readableText(format, r.data)).replace(/\s+/g, ' ');
    for (const heading of SECTIONS) expect(text, heading).toContain(heading);
    const anchor = `${r.anchor.seq}:${r.anchor.hash}`;
    for (const expected of [
      'TLP:AMBER', fixture.ref, 'Highest severity', 'SEV1', 'Recovered', // header (SEV2 at first, then SEV1)
      'LockBit', 'Backups were intact', // the summary's Markdown
      'DE (Germany)', '1,200', 'US-CA (California)', 'Payment card', 'fs01', // impact
      'Compromise started', '2026-03-14 06:00 UTC', 'Time to detect', '2 h', 'skipped (passed over without a time)', 'Time to triage', '1 h 21 min', 'not closed yet', // key times and durations
      'Runbook: Ransomware', 'Start the status-update clock', 'The note was wiped with the host', 'Note was on the wrong step', // run: done, skip, undo
      'GDPR Art. 33', 'on time', 'BfDI online form', 'not required', 'Card data was encrypted and the key was not taken', // notifications
      fixture.evidenceSha256, 'ransom-note.txt', 'Viewed', // evidence and custody
      'No backups linked', anchor, 'intact', // recovery, anchor
      'Summary for executives', 'restored from backups', 'Root cause', 'An exposed RDP port', 'Alert on mass renames', 'final: signed off by admin', // the review
      'Close RDP on every server', '2026-04-30', // action items
      'Added a note', // a key event (the starred note) in the body
      'Declared the incident', 'Moved status Triaged', // appendix
    ]) expect(text, expected).toContain(expected);
    // The reporter is shown to a reader who may see personal data (the redaction tests prove the opposite).
    expect(text).toContain(MARKERS.reporterName);
    // The executive summary is the review's once there is one.
    expect(text.indexOf('LockBit encrypted')).toBeLessThan(text.indexOf('Impact'));
    expect(text).toContain('1 key events of');
  });

  it('generating a report is a report.generated event with the file\'s SHA-256 and the anchor the report carries', async () => {
    const events = await v.admin.call('timeline.forIncident', { ref: fixture.ref });
    const generated = events.filter((e) => e.type === 'report.generated');
    expect(generated).toHaveLength(REPORT_FORMATS.length);
    for (const format of REPORT_FORMATS) {
      const r = reports.get(format)!;
      const e = generated.find((g) => g.data.sha256 === r.sha256);
      expect(e, format).toMatchObject({ seq: r.eventSeq, actor: 'admin', data: { format, tlp: 'amber', redacted: false, anchor: r.anchor, verified: true, bytes: r.data.length } });
      // The anchor is the head just before the report was recorded.
      expect(r.anchor.seq).toBeLessThan(r.eventSeq);
    }
    const r = reports.get('pdf')!;
    const check = await v.admin.call('log.verifyAnchor', { seq: r.anchor.seq, hash: r.anchor.hash, reportSha256: r.sha256 });
    expect(check).toMatchObject({ ok: true, event: { seq: r.anchor.seq }, report: { seq: r.eventSeq, format: 'pdf', tlp: 'amber', anchor: r.anchor } });
    expect(check.message).toMatch(/^Verified: the log holds event #\d+ unchanged/);
    const stranger = await v.admin.call('log.verifyAnchor', { seq: r.anchor.seq, hash: r.anchor.hash, reportSha256: 'f'.repeat(64) });
    expect(stranger).toMatchObject({ ok: false, report: null });
    expect(stranger.message).toMatch(/no report\.generated event records a file with that SHA-256/);
  });
});

describe('each format on its own terms', () => {
  it('HTML: standalone, no script, every hostile text escaped, charts as inline SVG', () => {
    const html = reports.get('html')!.data.toString('utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/onerror=alert\(1\)>/);
    expect(html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    // No element refers to anything outside the file (the hostile text's src= is text, escaped).
    expect(html).not.toMatch(/<[^>]*\b(src|href)=/i);
    expect(html).toMatch(/<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*role="img"[^>]*>.*<rect /s);
    expect(html).toContain('<strong>FS01</strong>');
  });

  it('Markdown: hostile text is inert (escaped), the summary keeps its emphasis', () => {
    const md = reports.get('md')!.data.toString('utf8');
    expect(md).toContain('\\<script\\>alert("pwned")\\</script\\>');
    expect(md).not.toMatch(/(^|[^\\])<script/);
    expect(md).toContain('**FS01**');
    expect(md).toMatch(/^> \*\*TLP:AMBER\*\*/);
  });

  it('PDF: parses back; every page has the TLP marking and "Page n of m"; metadata carries the marking', async () => {
    const { pages, info } = await pdfPages(reports.get('pdf')!.data);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain('TLP:AMBER');
      expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    expect(info.Title).toContain('TLP:AMBER');
    expect(info.Keywords).toBe('TLP:AMBER');
    expect(pages.join('\n')).toContain('<script>alert("pwned")</script>');
  });

  it('DOCX: unzips; the marking is in the page header, page numbers in the footer, the chart as its values', async () => {
    const parts = await docxParts(reports.get('docx')!.data);
    const header = Object.entries(parts).find(([name]) => /word\/header\d*\.xml/.test(name))?.[1] ?? '';
    const footer = Object.entries(parts).find(([name]) => /word\/footer\d*\.xml/.test(name))?.[1] ?? '';
    expect(docxText(header)).toContain('TLP:AMBER');
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    const doc = docxText(parts['word/document.xml'] ?? '');
    expect(doc).toContain('Durations of this incident (hours; bar chart, shown as its values)');
    expect(doc).toContain(HOSTILE);
    expect(parts['word/document.xml']).not.toContain('<script>');
  });
});

/** Every form a marker could take in a file's bytes or its text. */
function leaks(text: string): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(MARKERS)) {
    if (text.toLowerCase().includes(value.toLowerCase())) found.push(name);
  }
  if (text.replace(/\D/g, ' ').includes(PHONE_DIGITS) || text.includes(PHONE_DIGITS)) found.push('phone digits');
  return found;
}

async function allText(format: ReportFormat, data: Buffer): Promise<string> {
  // The raw bytes (Markdown, HTML; the XML of a DOCX) and what a reader gets out (PDF text, DOCX runs).
  if (format === 'docx') return Object.values(await docxParts(data)).join('\n') + (await readableText(format, data));
  if (format === 'pdf') {
    const { pages, info } = await pdfPages(data);
    return `${pages.join('\n')}\n${JSON.stringify(info)}\n${data.toString('latin1')}`;
  }
  return data.toString('utf8');
}

describe('an exercise', () => {
  it.each(REPORT_FORMATS)('%s: watermarked on every page (PDF, DOCX header) and every section, and named so', async (format) => {
    const drill = await v.admin.call('incidents.create', { title: 'Tabletop: ransomware on the ERP', severity: 'SEV2', category: 'ransomware', exercise: true });
    await v.admin.call('incidents.addNote', { ref: drill.ref, text: 'Inject 3: the backups are encrypted too' });
    const r = await reportOf(v.admin, drill.ref, format);
    expect(r.fileName).toBe(`EXERCISE-${drill.ref}-incident-report-tlp-amber.${format}`);
    if (format === 'pdf') {
      const { pages } = await pdfPages(r.data);
      pages.forEach((p, i) => expect(p, `page ${i + 1}`).toContain(EXERCISE_MARKING));
    } else if (format === 'docx') {
      const parts = await docxParts(r.data);
      const header = Object.entries(parts).filter(([n]) => /word\/header\d*\.xml/.test(n)).map(([, x]) => docxText(x)).join(' ');
      expect(header).toContain(EXERCISE_MARKING);
      expect(docxText(parts['word/document.xml'] ?? '').split(EXERCISE_MARKING).length - 1).toBeGreaterThanOrEqual(SECTIONS.length - 1);
    } else {
      const text = r.data.toString('utf8');
      // The top, each of the report's level-1 sections, and the end.
      expect(text.split(EXERCISE_MARKING).length - 1).toBeGreaterThanOrEqual(SECTIONS.length + 1);
    }
  });
});

describe('personal data', () => {
  it.each(REPORT_FORMATS)('redact: no personal value anywhere in the %s, even for an administrator, and the report says so', async (format) => {
    const r = await reportOf(v.admin, fixture.ref, format, { redact: true });
    expect(r.personalData).toBe('redacted');
    expect(r.fileName).toContain('-redacted');
    const text = await allText(format, r.data);
    expect(leaks(text)).toEqual([]);
    expect(text).toContain('personal data withheld');
    expect(text.replace(/\s+/g, ' ')).toContain('redacted for distribution');
  });

  it.each(REPORT_FORMATS)('a role without pii:read (manager) gets the %s masked without asking', async (format) => {
    const r = await reportOf(manager, fixture.ref, format);
    expect(r.personalData).toBe('masked');
    expect(leaks(await allText(format, r.data))).toEqual([]);
  });

  it('the same report unredacted, for a reader who may see personal data, holds every marker (so the tests above can fail)', async () => {
    const text = await allText('md', reports.get('md')!.data);
    expect(leaks(text).sort()).toEqual(['affectedPerson', 'phone digits', 'reporterEmail', 'reporterName', 'reporterPhone'].sort());
  });
});

describe('refusals', () => {
  it('a role without report:read is refused (backup-operator), and nothing is recorded', async () => {
    const before = (await v.admin.call('timeline.forIncident', { ref: fixture.ref })).length;
    expectFailure(await operator.attempt('reports.incident', { ref: fixture.ref, format: 'pdf', tlp: 'amber', redact: false }), 'FORBIDDEN');
    expect((await v.admin.call('timeline.forIncident', { ref: fixture.ref })).length).toBe(before);
  });

  it('an unknown incident, format or marking is refused with the reason', async () => {
    const missing = expectFailure(await v.admin.attempt('reports.incident', { ref: 'IR-2026-9999', format: 'pdf', tlp: 'amber', redact: false }), 'NOT_FOUND');
    expect(missing.message).toMatch(/IR-2026-9999/);
    expectFailure(await v.admin.raw('reports.incident', { ref: fixture.ref, format: 'odt', tlp: 'amber' }), 'VALIDATION');
    expectFailure(await v.admin.raw('reports.incident', { ref: fixture.ref, format: 'pdf', tlp: 'white' }), 'VALIDATION');
  });

  it('an anchor that is not an event number and a SHA-256 is refused', async () => {
    const zero = expectFailure(await v.admin.raw('log.verifyAnchor', { seq: 0, hash: 'a'.repeat(64) }), 'VALIDATION');
    expect(JSON.stringify(zero)).toMatch(/starts at 1/);
    expectFailure(await v.admin.raw('log.verifyAnchor', { seq: 3, hash: 'xyz' }), 'VALIDATION');
  });
});
