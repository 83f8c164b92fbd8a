import JSZip from 'jszip';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { ReportFormat } from '../../../contract';
import type { TestClient } from '../../helpers/client';
import type { TestVault } from '../../helpers/testVault';
import { COMPLETE_FACTS } from '../notify/drafts/draftFixture';

/**
 * Personal data with values no report would contain by chance: the redaction tests search every
 * format's bytes (and the PDF's and DOCX's text) for each of them.
 */
export const MARKERS = {
  reporterName: 'Zyxwer Quistlemoor',
  reporterEmail: 'quistlemoor.marker@example.org',
  reporterPhone: '+44 20 7946 0999',
  affectedPerson: 'Ophelia Vantablackmarker',
  personalInput: 'Brunhilde Okonkwomarker',
} as const;

/** A phone number may come back with other spacing; its digits are what must not appear. */
export const PHONE_DIGITS = MARKERS.reporterPhone.replace(/\D/g, '');

/** Text an attacker controls (incident title, notes, step notes): must never become markup. */
export const HOSTILE = '<script>alert("pwned")</script><img src=x onerror=alert(1)>';

export interface ReportIncident {
  ref: string;
  runId: string;
  evidenceName: string;
  evidenceSha256: string;
}

/**
 * An incident with every section's data: personal fields (markers), a summary in Markdown, notes
 * (one naming the reporter), phases with one skipped, a ransomware run with a step done, one
 * skipped and one undone, breach facts with a notice sent and a regime decided not required,
 * evidence viewed (custody). Times move with the vault's clock, which starts 14 March 2026 09:00 UTC.
 */
export async function buildReportIncident(v: TestVault, admin: TestClient): Promise<ReportIncident> {
  const tick = () => v.clock.advance(7 * 60_000);
  const incident = await admin.call('incidents.create', {
    title: `Ransomware on FS01 ${HOSTILE}`,
    severity: 'SEV2',
    category: 'ransomware',
    summary: 'Files on **FS01** were encrypted by *LockBit*; we isolated the host within `2 h`.\n\n- Backups were intact\n- No ransom was paid',
    startedAt: '2026-03-14T06:00:00Z',
    detectedAt: '2026-03-14T08:00:00Z',
    dataCategories: ['contact', 'payment-card'],
    affected: [{ jurisdiction: 'DE', count: 1200 }, { jurisdiction: 'US-CA', count: 800 }],
    tags: ['fs01', 'file-server'],
    reporterName: MARKERS.reporterName,
    reporterEmail: MARKERS.reporterEmail,
    reporterPhone: MARKERS.reporterPhone,
    affectedPeople: [MARKERS.affectedPerson],
  });
  const ref = incident.ref;
  tick();
  await admin.call('incidents.update', { ref, patch: { severity: 'SEV1' } });
  tick();
  const note = await admin.call('incidents.addNote', { ref, text: `Called ${MARKERS.reporterName} back on +442079460999; ${HOSTILE}` });
  tick();
  await admin.call('incidents.setStatus', { ref, status: 'triaged' });
  tick();

  // A run: the timer step done, the evidence step skipped, a checklist ticked and then undone.
  let run = await admin.call('runs.start', { ref, runbookId: 'ransomware' });
  tick();
  run = await admin.call('runs.act', { runId: run.id, action: { type: 'done', step: 'start-updates', note: 'Hourly updates to the CISO' } });
  tick();
  run = await admin.call('runs.act', { runId: run.id, action: { type: 'skip', step: 'ransom-note', reason: 'The note was wiped with the host' } });
  tick();
  run = await admin.call('runs.act', { runId: run.id, action: { type: 'note', step: 'isolate', text: `Spoke with ${MARKERS.affectedPerson} about her laptop` } });
  tick();
  run = await admin.call('runs.act', { runId: run.id, action: { type: 'undo', reason: 'Note was on the wrong step' } });
  tick();

  // Notifications: facts, a GDPR Art. 33 notice sent, California decided not required.
  await admin.call('notify.facts.set', { ref, patch: COMPLETE_FACTS });
  tick();
  const draft = await admin.call('notify.drafts.create', { ref, regimeId: 'eu-gdpr-art33' });
  if (draft.placeholders.length) await admin.call('notify.drafts.revise', { id: draft.id, body: draft.body.replace(/\[\[MISSING:[^\]]*\]\]/g, 'known') });
  await admin.call('notify.drafts.approve', { id: draft.id });
  tick();
  await admin.call('notify.drafts.markSent', { id: draft.id, channel: 'portal', recipient: 'BfDI online form' });
  tick();
  await admin.call('notify.decide', { ref, regimeId: 'us-ca-1798-82', decision: 'not-required', reason: 'Card data was encrypted and the key was not taken' });
  tick();

  // Evidence, viewed once (a custody event).
  const content = Buffer.from('ransom note: your files are encrypted');
  const evidence = await admin.call('evidence.add', { ref, name: 'ransom-note.txt', mediaType: 'text/plain', description: 'Photo transcript', dataBase64: content.toString('base64') });
  tick();
  await admin.call('evidence.get', { ref, id: evidence.id, purpose: 'view' });
  tick();
  await admin.call('incidents.setStatus', { ref, status: 'recovered', skipPhases: true });
  tick();

  // The review (one section names the reporter), a key event starred, an action item, the sign-off.
  await admin.call('timeline.star', { seq: note.seq, starred: true });
  const review = await admin.call('reviews.save', {
    ref, baseVersion: 0,
    sections: {
      summary: 'LockBit encrypted **FS01**; restored from backups in *under three hours*.',
      rootCause: `An exposed RDP port; ${MARKERS.reporterName} noticed the ransom note first.`,
      doDifferently: '- Close RDP everywhere\n- Alert on mass renames',
    },
  });
  tick();
  await admin.call('reviews.signOff', { ref, version: review.version });
  await admin.call('actions.add', { ref, title: 'Close RDP on every server', owner: 'admin', due: '2026-04-30' });
  tick();
  return { ref, runId: run.id, evidenceName: evidence.name, evidenceSha256: evidence.sha256 };
}

/** A report through the API: its bytes, checked against the hash it reports. */
export async function reportOf(client: TestClient, ref: string, format: ReportFormat, opts: { redact?: boolean; tlp?: 'clear' | 'green' | 'amber' | 'red' } = {}) {
  const file = await client.call('reports.incident', { ref, format, tlp: opts.tlp ?? 'amber', redact: opts.redact ?? false });
  return { ...file, data: Buffer.from(file.dataBase64, 'base64') };
}

/** The PDF's text, page by page, as a reader (or a copy-paste) gets it. */
export async function pdfPages(data: Buffer): Promise<{ pages: string[]; info: Record<string, unknown> }> {
  const doc = await getDocument({ data: new Uint8Array(data), disableFontFace: true, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join(''));
  }
  const { info } = await doc.getMetadata();
  await doc.destroy();
  return { pages, info: info as Record<string, unknown> };
}

/** Every XML part of a DOCX (document, headers, footers, properties), unzipped. */
export async function docxParts(data: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(data);
  const parts: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) if (name.endsWith('.xml') || name.endsWith('.rels')) parts[name] = await zip.file(name)!.async('string');
  return parts;
}

/** Word's text of a part: the runs' text, without markup. */
export const docxText = (xml: string): string => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** The text of a report in any format, for checking what a reader sees. */
export async function readableText(format: ReportFormat, data: Buffer): Promise<string> {
  if (format === 'pdf') return (await pdfPages(data)).pages.join('\n');
  if (format === 'docx') return Object.values(await docxParts(data)).map(docxText).join('\n');
  return data.toString('utf8');
}
