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
    expect(errors.establishedIn).toMatch(/"GERMANY" is not a country code/);
    expect(patch).toEqual({});
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
