import { describe, expect, it } from 'vitest';
import { breachFactsSchema } from '../../../contract';
import { FACT_GROUPS, FACT_LABEL } from '../../../renderer/lib/factFields';
import { factsPatchFrom, toFactsForm } from '../../../renderer/lib/factsPatchFrom';
import { describeEvent } from '../../../renderer/lib/describeEvent';
import { formatInJurisdiction, formatTimeLeft } from '../../../renderer/lib/formatDeadline';

const facts = breachFactsSchema.parse({ personalData: true, awareAt: '2026-03-13T10:00:00.000Z', establishedIn: ['DE'], riskToIndividuals: 'high' });

describe('the breach facts form', () => {
  it('round-trips: an untouched form changes nothing', () => {
    expect(factsPatchFrom(toFactsForm(facts), facts)).toEqual({ patch: {}, errors: {} });
  });

  it('sends only what changed, in the API types; "not known" is null', () => {
    const form = { ...toFactsForm(facts), personalData: '', encrypted: 'no', establishedIn: 'de, us-ny', nature: '  Stolen laptop  ', riskToIndividuals: 'risk' };
    expect(factsPatchFrom(form, facts)).toEqual({ patch: { personalData: null, encrypted: false, establishedIn: ['DE', 'US-NY'], nature: 'Stolen laptop', riskToIndividuals: 'risk' }, errors: {} });
  });

  it('refuses a code that is not a country, and sends nothing for it', () => {
    const { patch, errors } = factsPatchFrom({ ...toFactsForm(facts), establishedIn: 'DE, Germany' }, facts);
    expect(errors.establishedIn).toMatch(/^"Germany" is not a country code .*did you mean DE \(Germany\)\?$/);
    expect(patch).toEqual({});
    expect(factsPatchFrom({ ...toFactsForm(facts), establishedIn: 'DE XX' }, facts).errors.establishedIn).toMatch(/^XX is not a country code .*did you mean AX/);
  });

  it('sends an alias as typed (the backend saves its code and logs it); UK over a stored GB is no change', () => {
    expect(factsPatchFrom({ ...toFactsForm(facts), establishedIn: 'de, uk' }, facts)).toEqual({ patch: { establishedIn: ['DE', 'UK'] }, errors: {} });
    const gb = breachFactsSchema.parse({ establishedIn: ['GB'] });
    expect(factsPatchFrom({ ...toFactsForm(gb), establishedIn: 'UK' }, gb)).toEqual({ patch: {}, errors: {} });
  });

  it('labels every fact the engine can say is missing', () => {
    const named = new Set(Object.keys(FACT_LABEL));
    for (const f of Object.keys(breachFactsSchema.shape)) expect(named.has(f), f).toBe(true);
    expect(FACT_GROUPS.flatMap((g) => g.fields).length).toBe(Object.keys(breachFactsSchema.shape).length - 2);
  });
});

describe('deadline formatting', () => {
  it('shows the deadline in the jurisdiction\'s zone and the time left, overdue at the deadline itself', () => {
    expect(formatInJurisdiction('2026-03-16T10:00:00.000Z', 'Europe/Brussels')).toBe('16 Mar 2026, 11:00 CET');
    const due = Date.parse('2026-03-16T10:00:00.000Z');
    expect(formatTimeLeft('2026-03-16T10:00:00.000Z', due - 26 * 3_600_000)).toEqual({ text: 'in 1 d 2 h', overdue: false });
    expect(formatTimeLeft('2026-03-16T10:00:00.000Z', due)).toEqual({ text: '0 s overdue', overdue: true });
    expect(formatTimeLeft('2026-03-16T10:00:00.000Z', due + 90 * 60_000)).toEqual({ text: '1 h 30 min overdue', overdue: true });
  });
});

describe('notification events on the timeline', () => {
  const event = (type: string, data: Record<string, unknown>) => ({ seq: 1, ts: '2026-03-14T09:00:00.000Z', actor: 'system', type, incidentRef: 'IR-2026-0001', data, hash: 'h', prevHash: 'p' });

  it('reads the facts changed and the deadline alarms', () => {
    const facts = describeEvent(event('notify.facts_changed', { changes: { personalData: { from: null, to: true }, riskToIndividuals: { from: null, to: 'high' } } }));
    expect(facts.summary).toBe('Changed the breach facts: personal data, risk to individuals');
    expect(facts.changes.map((c) => [c.field, c.after])).toEqual([['Personal data', 'yes'], ['Risk to individuals', 'high']]);
    const alarm = describeEvent(event('notify.deadline_alarm', { regimeName: 'GDPR Art. 33', stageTitle: 'Notification to the supervisory authority', threshold: 0 }));
    expect(alarm).toMatchObject({ summary: 'Deadline alarm: GDPR Art. 33 — Notification to the supervisory authority has passed', tone: 'danger' });
    expect(describeEvent(event('notify.deadline_alarm', { regimeName: 'NYDFS', stageTitle: 'Notice', threshold: 4 }) as never).summary).toMatch(/is less than 4 h away$/);
  });
});

describe('notification drafts and settings on the timeline', () => {
  const event = (type: string, data: Record<string, unknown>, incidentRef: string | null = 'IR-2026-0001') => ({ seq: 7, ts: '2026-03-14T09:00:00.000Z', actor: 'lena', type, incidentRef, data, hash: 'h', prevHash: 'p' });
  const SHA = 'a3f1c09be2d74410c0ffee15deadbeef00112233445566778899aabbccddeeff';
  const DRAFT = '5b0e2c71-9d4f-4c3e-8a61-2f7c1e0d9b44';

  it('a draft written, with its placeholders, approvers and hash; a supplementary one says so', () => {
    const created = describeEvent(event('notify.draft_created', {
      draftId: DRAFT, regimeId: 'eu-gdpr-art33', stage: 'notification', audience: 'authority', version: 1, sha256: SHA,
      requiredApprovals: 2, placeholders: ['likely consequences', 'measures taken or proposed'], supplementTo: null,
    }));
    expect(created).toMatchObject({
      summary: 'Drafted the eu-gdpr-art33 notice to the authority, stage notification (draft 5b0e2c71) — 2 placeholders left; two approvers required; SHA-256 a3f1c09be2…ddeeff',
      tone: 'note',
    });
    const supplement = describeEvent(event('notify.draft_created', {
      draftId: DRAFT, regimeId: 'us-ca-1798-82', stage: 'individuals', audience: 'individuals', version: 1, sha256: SHA, requiredApprovals: 1, placeholders: [], supplementTo: 'c0ffee00-0000-4000-8000-000000000000',
    }));
    expect(supplement.summary).toMatch(/^Drafted a supplementary us-ca-1798-82 notice to the people affected, stage individuals \(draft 5b0e2c71\) — no placeholder left; SHA-256 /);
  });

  it('a revision names the version, what is left and the approvals it withdrew', () => {
    expect(describeEvent(event('notify.draft_revised', { draftId: DRAFT, version: 3, sha256: SHA, placeholders: ['likely consequences'], approvalsCleared: 1 })).summary)
      .toBe('Revised draft 5b0e2c71 to version 3 — 1 placeholder left; 1 approval withdrawn; SHA-256 a3f1c09be2…ddeeff');
    expect(describeEvent(event('notify.draft_revised', { draftId: DRAFT, version: 2, sha256: SHA, placeholders: [], approvalsCleared: 0 })).summary)
      .toBe('Revised draft 5b0e2c71 to version 2 — no placeholder left; SHA-256 a3f1c09be2…ddeeff');
  });

  it('an approval says how many of the required approvals the version has', () => {
    const first = describeEvent(event('notify.draft_approved', { draftId: DRAFT, version: 2, sha256: SHA, approvals: 1, requiredApprovals: 2 }));
    expect(first).toMatchObject({ summary: 'Approved version 2 of draft 5b0e2c71 — 1 of 2 approvals; SHA-256 a3f1c09be2…ddeeff', tone: 'status' });
    expect(describeEvent(event('notify.draft_approved', { draftId: DRAFT, version: 2, sha256: SHA, approvals: 2, requiredApprovals: 2 })).summary)
      .toBe('Approved version 2 of draft 5b0e2c71 — approved (2 of 2); SHA-256 a3f1c09be2…ddeeff');
  });

  it('a notice sent: channel, recipient, the hash shortened and what it is of; the full hash and the sending time below', () => {
    const sent = describeEvent(event('notify.sent', {
      draftId: DRAFT, version: 2, regimeId: 'eu-gdpr-art33', stage: 'notification', audience: 'authority', channel: 'portal',
      recipient: 'Bayerisches Landesamt für Datenschutzaufsicht', at: '2026-03-14T08:30:00.000Z', sha256: SHA, hashOf: 'pdf', bodySha256: 'b'.repeat(64),
    }));
    expect(sent.summary).toBe('Sent the eu-gdpr-art33 notice to the authority, stage notification, version 2, through the portal to Bayerisches Landesamt für Datenschutzaufsicht — SHA-256 a3f1c09be2…ddeeff (the PDF)');
    expect(sent.tone).toBe('status');
    expect(sent.body).toContain(`SHA-256 of the PDF: ${SHA}`);
    expect(sent.body).toMatch(/^Sent .*2026/);
    const byMail = describeEvent(event('notify.sent', { draftId: DRAFT, version: 1, regimeId: 'us-tx-individuals', stage: null, audience: 'individuals', channel: 'email', recipient: 'jane@example.org', at: '2026-03-14T08:30:00.000Z', sha256: SHA, hashOf: 'body' }));
    expect(byMail.summary).toBe('Sent the us-tx-individuals notice to the people affected, version 1, by e-mail to jane@example.org — SHA-256 a3f1c09be2…ddeeff (the approved text)');
  });

  it('settings changed: the letterhead field by field, the alarm thresholds in hours', () => {
    const letterhead = describeEvent(event('settings.changed', { key: 'letterhead', changes: { organisation: { from: 'Müller & Söhne GmbH', to: 'Müller Holding AG' }, website: { from: 'https://mueller.example', to: '' } } }, null));
    expect(letterhead.summary).toBe('Changed the letterhead: organisation, website');
    expect(letterhead.changes.map((c) => [c.field, c.before, c.after])).toEqual([['Organisation', 'Müller & Söhne GmbH', 'Müller Holding AG'], ['Website', 'https://mueller.example', '—']]);
    const alarms = describeEvent(event('settings.changed', { key: 'notify.alarmHours', changes: { hours: { from: [24, 4], to: [48, 12] } } }, null));
    expect(alarms.summary).toBe('Changed the deadline alarms: 48 h, 12 h before a deadline (was 24 h, 4 h)');
    expect(alarms.changes).toEqual([{ field: 'Alarm thresholds', before: '24 h, 4 h', after: '48 h, 12 h', redacted: false }]);
    expect(describeEvent(event('settings.changed', { key: 'theme', changes: { accent: { from: 'blue', to: 'red' } } }, null)).summary).toBe('Changed setting theme: accent');
  });
});
