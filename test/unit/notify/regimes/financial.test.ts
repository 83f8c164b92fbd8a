/**
 * Financial and critical-sector incident reporting: NYDFS 500.17, SEC Form 8-K Item 1.05 (business
 * days on the us-federal calendar), DORA Art. 19 (4 h after classification, backstop 24 h after
 * awareness) and NIS2 Art. 23 (24 h / 72 h / one month after the notification).
 */
import { describe, expect, it } from 'vitest';
import { assess, facts, runCases, type FactsInput, type RegimeCase } from './regimeCases';

describe('NYDFS 23 NYCRR 500.17(a)', () => {
  const r = 'us-nydfs-500-17';
  // Determined Friday 2026-06-05 12:00 EDT = 16:00Z; + 72 h = 2026-06-08T16:00Z.
  const base: FactsInput = { nydfsCoveredEntity: true, determinedAt: '2026-06-05T12:00:00-04:00', affected: [{ jurisdiction: 'US-NY', count: 10 }] };
  const f = (over: Partial<FactsInput> = {}) => facts({ ...base, ...over });
  const cases: RegimeCase[] = [
    { rule: '23 NYCRR 500.17(a)(1): no later than 72 hours after determining a cybersecurity incident occurred', regime: r, facts: f(), outcome: 'notify', stages: { 'incident-notice': '2026-06-08T16:00:00.000Z' }, missing: [] },
    // 2026-10-31 12:00 EDT = 16:00Z; + 72 h = 2026-11-03T16:00Z = 11:00 EST: the fall-back of 2026-11-01 does not lengthen them.
    { rule: '23 NYCRR 500.17(a)(1): 72 hours across the fall-back of 2026-11-01 are 72 elapsed hours', regime: r, facts: f({ determinedAt: '2026-10-31T12:00:00-04:00' }), outcome: 'notify', stages: { 'incident-notice': '2026-11-03T16:00:00.000Z' }, localDue: { 'incident-notice': '2026-11-03 11:00' }, elapsedHours: { 'incident-notice': 72 } },
    { rule: '23 NYCRR 500.17(a): a cybersecurity incident, personal data or not', regime: r, facts: f({ personalData: false }), outcome: 'notify', stages: { 'incident-notice': '2026-06-08T16:00:00.000Z' } },
    { rule: '23 NYCRR 500.1: not a covered entity', regime: r, facts: f({ nydfsCoveredEntity: false }), outcome: 'out-of-scope' },
    { rule: '23 NYCRR 500.1: covered-entity status not yet known, the clock runs meanwhile', regime: r, facts: f({ nydfsCoveredEntity: null }), outcome: 'undetermined', stages: { 'incident-notice': '2026-06-08T16:00:00.000Z' }, missing: ['nydfsCoveredEntity'] },
    { rule: '23 NYCRR 500.17(a)(1): not yet determined, the clock waits', regime: r, facts: f({ determinedAt: null }), outcome: 'notify', stages: { 'incident-notice': { due: null, status: 'waiting' } }, missing: ['determinedAt'] },
  ];
  runCases(cases);
});

describe('SEC Form 8-K Item 1.05', () => {
  const r = 'us-sec-8k-105';
  const base: FactsInput = { secRegistrant: true, materialIncident: true, materialityDeterminedAt: '2026-06-01T10:00:00-04:00' };
  const f = (over: Partial<FactsInput> = {}) => facts({ ...base, ...over });
  const cases: RegimeCase[] = [
    // Monday 2026-06-01 10:00 EDT (14:00Z): Tue 2 (1), Wed 3 (2), Thu 4 (3), Fri 5 (4) → 2026-06-05 10:00 EDT = 14:00Z.
    { rule: 'Form 8-K General Instruction B.1: four business days after the materiality determination', regime: r, facts: f(), outcome: 'notify', stages: { 'form-8k': '2026-06-05T14:00:00.000Z' }, missing: [] },
    // Wednesday 2026-11-25 15:00 EST (20:00Z), the day before Thanksgiving: Thu 26 (Thanksgiving, skipped), Fri 27 (1),
    // Sat 28 / Sun 29 skipped, Mon 30 (2), Tue 1 Dec (3), Wed 2 Dec (4) → 2026-12-02 15:00 EST = 20:00Z.
    { rule: 'Form 8-K B.1: four business days from the Wednesday before Thanksgiving 2026 skip Thanksgiving and the weekend', regime: r, facts: f({ materialityDeterminedAt: '2026-11-25T15:00:00-05:00' }), outcome: 'notify', stages: { 'form-8k': '2026-12-02T20:00:00.000Z' }, localDue: { 'form-8k': '2026-12-02 15:00' } },
    // Tuesday 2026-11-24 23:30 EST = Wednesday 04:30Z. Counted from the New York date (Tuesday): Wed 25 (1), Thu 26 skipped,
    // Fri 27 (2), Mon 30 (3), Tue 1 Dec (4) → 2026-12-01 23:30 EST = 2026-12-02T04:30Z (a UTC count would say Wed 2 Dec).
    { rule: 'Form 8-K B.1: a determination late on Tuesday evening in New York counts from Tuesday', regime: r, facts: f({ materialityDeterminedAt: '2026-11-24T23:30:00-05:00' }), outcome: 'notify', stages: { 'form-8k': '2026-12-02T04:30:00.000Z' }, localDue: { 'form-8k': '2026-12-01 23:30' } },
    // Thursday 2026-06-04 10:00 EDT: Fri 5 (1), Mon 8 (2), Tue 9 (3), Wed 10 (4).
    { rule: 'Form 8-K B.1: four business days over a weekend', regime: r, facts: f({ materialityDeterminedAt: '2026-06-04T10:00:00-04:00' }), outcome: 'notify', stages: { 'form-8k': '2026-06-10T14:00:00.000Z' } },
    // Wednesday 2026-06-17 10:00 EDT: Thu 18 (1), Fri 19 Juneteenth skipped, Mon 22 (2), Tue 23 (3), Wed 24 (4).
    { rule: 'Form 8-K B.1: Juneteenth (5 U.S.C. 6103) is not a business day', regime: r, facts: f({ materialityDeterminedAt: '2026-06-17T10:00:00-04:00' }), outcome: 'notify', stages: { 'form-8k': '2026-06-24T14:00:00.000Z' } },
    // Saturday 2026-06-06 10:00 EDT: Mon 8 (1), Tue 9 (2), Wed 10 (3), Thu 11 (4); the conservative reading of
    // "the period begins on the first business day after" (a Monday-based count would end on Friday).
    { rule: 'Form 8-K B.1: a determination on a Saturday, counted conservatively', regime: r, facts: f({ materialityDeterminedAt: '2026-06-06T10:00:00-04:00' }), outcome: 'notify', stages: { 'form-8k': '2026-06-11T14:00:00.000Z' } },
    // Thursday 2026-10-29 10:00 EDT (14:00Z): Fri 30 (1), Mon 2 Nov (2), Tue 3 (3), Wed 4 (4) → 10:00 EST = 15:00Z.
    { rule: 'Form 8-K B.1: business days across the fall-back of 2026-11-01 keep 10:00 local', regime: r, facts: f({ materialityDeterminedAt: '2026-10-29T10:00:00-04:00' }), outcome: 'notify', stages: { 'form-8k': '2026-11-04T15:00:00.000Z' }, localDue: { 'form-8k': '2026-11-04 10:00' } },
    { rule: 'Item 1.05(a): not an Exchange Act registrant', regime: r, facts: f({ secRegistrant: false }), outcome: 'out-of-scope' },
    { rule: 'Item 1.05(a): the incident is not material', regime: r, facts: f({ materialIncident: false }), outcome: 'out-of-scope' },
    { rule: 'Item 1.05 Instruction 1: materiality not yet determined, the clock waits for the determination', regime: r, facts: f({ materialIncident: null, materialityDeterminedAt: null }), outcome: 'undetermined', stages: { 'form-8k': { due: null, status: 'waiting' } }, missing: ['materialIncident', 'materialityDeterminedAt'] },
  ];
  runCases(cases);

  // Wednesday 2027-12-29: Thu 30 (1), Fri 31 (New Year's Day 2028 observed), then 2028, which the shipped
  // us-federal calendar does not list: refused rather than counted as if 2028 had no holidays — for
  // this stage only, named, while the rest of the assessment stands.
  it('Form 8-K B.1: four business days running into a year the holiday calendar does not cover are refused, for that stage only', () => {
    const a = assess({ regime: r, facts: f({ materialityDeterminedAt: '2027-12-29T10:00:00-05:00' }) });
    expect(a.outcome).toBe('notify');
    expect(a.stages[0]).toMatchObject({ id: 'form-8k', due: null, status: 'unavailable', waitingFor: null });
    expect(a.stages[0]?.problem).toMatch(/2028/);
  });
});

describe('DORA Art. 19 (major ICT-related incidents)', () => {
  const r = 'eu-dora';
  // Aware 2026-06-01 10:00 CEST = 08:00Z; classified major 12:00 CEST = 10:00Z.
  const base: FactsInput = {
    establishedIn: ['DE'], doraFinancialEntity: true, majorIctIncident: true,
    awareAt: '2026-06-01T10:00:00+02:00', classifiedMajorAt: '2026-06-01T12:00:00+02:00',
  };
  const f = (over: Partial<FactsInput> = {}) => facts({ ...base, ...over });
  // initial: min(10:00Z + 4 h, 08:00Z + 24 h) = min(2026-06-01T14:00Z, 2026-06-02T08:00Z) = 14:00Z;
  // intermediate: 10:00Z + 72 h = 2026-06-04T10:00Z; final: 12:00 CEST + 1 month = 2026-07-01 12:00 CEST = 10:00Z.
  const on = { initial: '2026-06-01T14:00:00.000Z', intermediate: '2026-06-04T10:00:00.000Z', final: '2026-07-01T10:00:00.000Z' };
  const cases: RegimeCase[] = [
    { rule: 'RTS 2025/301 Art. 5(1)(a): initial notification 4 h after classification (inside the 24 h backstop)', regime: r, facts: f(), outcome: 'notify', stages: on, missing: [] },
    // Classified 2026-06-02 08:00 CEST = 06:00Z: 4 h → 10:00Z, but 24 h from awareness → 2026-06-02T08:00Z, the earlier.
    // intermediate 06:00Z + 72 h = 2026-06-05T06:00Z; final 2026-07-02 08:00 CEST = 06:00Z.
    { rule: 'RTS 2025/301 Art. 5(1)(a): classified 22 h after awareness, the 24 h-after-awareness backstop binds', regime: r, facts: f({ classifiedMajorAt: '2026-06-02T08:00:00+02:00' }), outcome: 'notify', stages: { initial: '2026-06-02T08:00:00.000Z', intermediate: '2026-06-05T06:00:00.000Z', final: '2026-07-02T06:00:00.000Z' } },
    // Classified 2026-06-02 06:00 CEST = 04:00Z: 4 h → 08:00Z, exactly the backstop 2026-06-02T08:00Z.
    { rule: 'RTS 2025/301 Art. 5(1)(a): classified 20 h after awareness, both limits fall together', regime: r, facts: f({ classifiedMajorAt: '2026-06-02T06:00:00+02:00' }), outcome: 'notify', stages: { initial: '2026-06-02T08:00:00.000Z', intermediate: '2026-06-05T04:00:00.000Z', final: '2026-07-02T04:00:00.000Z' } },
    // Not classified yet: the initial notification is due 24 h after awareness at the latest; the others wait.
    { rule: 'RTS 2025/301 Art. 5(1)(a): not classified yet, 24 h after awareness at the latest', regime: r, facts: f({ classifiedMajorAt: null }), outcome: 'notify', stages: { initial: '2026-06-02T08:00:00.000Z', intermediate: { due: null, status: 'waiting' }, final: { due: null, status: 'waiting' } }, missing: ['classifiedMajorAt'] },
    // Awareness unknown: 4 h after classification is shown, and awareness is named (its backstop could be earlier).
    { rule: 'RTS 2025/301 Art. 5(1)(a): awareness time unknown, 4 h after classification meanwhile', regime: r, facts: f({ awareAt: null }), outcome: 'notify', stages: on, missing: ['awareAt'] },
    { rule: 'RTS 2025/301 Art. 5(1)(a): neither time known, every clock waits', regime: r, facts: f({ awareAt: null, classifiedMajorAt: null }), outcome: 'notify', stages: { initial: { due: null, status: 'waiting' }, intermediate: { due: null, status: 'waiting' }, final: { due: null, status: 'waiting' } }, missing: ['awareAt', 'classifiedMajorAt'] },
    // Classified 2026-03-10 09:00 CET = 08:00Z; + 1 month = 2026-04-10 09:00 CEST = 07:00Z (same wall time, after the spring-forward).
    { rule: 'RTS 2025/301 Art. 5(1)(c): the one-month final report keeps the Brussels wall-clock time across DST', regime: r, facts: f({ awareAt: '2026-03-10T08:00:00+01:00', classifiedMajorAt: '2026-03-10T09:00:00+01:00' }), outcome: 'notify', stages: { initial: '2026-03-10T12:00:00.000Z', intermediate: '2026-03-13T08:00:00.000Z', final: '2026-04-10T07:00:00.000Z' }, localDue: { final: '2026-04-10 09:00' } },
    { rule: 'DORA Art. 18: the incident is not major', regime: r, facts: f({ majorIctIncident: false }), outcome: 'not-required', decidedBy: 'major' },
    { rule: 'DORA Art. 18: classification still open, the clocks run meanwhile', regime: r, facts: f({ majorIctIncident: null }), outcome: 'undetermined', stages: on, missing: ['majorIctIncident'] },
    { rule: 'DORA Art. 2(1): not a financial entity', regime: r, facts: f({ doraFinancialEntity: false }), outcome: 'out-of-scope' },
    { rule: 'DORA Art. 2(1): no establishment in the EU', regime: r, facts: f({ establishedIn: ['US'] }), outcome: 'out-of-scope' },
  ];
  runCases(cases);
});

describe('NIS2 Art. 23 (significant incidents)', () => {
  const r = 'eu-nis2-art23';
  // Aware Tuesday 2026-03-10 09:00 CET = 08:00Z.
  const base: FactsInput = { establishedIn: ['FR'], nis2Entity: 'essential', significantIncident: true, awareAt: '2026-03-10T09:00:00+01:00' };
  const f = (over: Partial<FactsInput> = {}) => facts({ ...base, ...over });
  // early warning 08:00Z + 24 h = 2026-03-11T08:00Z; notification + 72 h = 2026-03-13T08:00Z (09:00 CET);
  // final report one month after the notification (its deadline, until submitted): 2026-04-13 09:00 CEST = 07:00Z.
  const on = { 'early-warning': '2026-03-11T08:00:00.000Z', notification: '2026-03-13T08:00:00.000Z', 'final-report': '2026-04-13T07:00:00.000Z' };
  const waiting = { due: null, status: 'waiting' } as const;
  const cases: RegimeCase[] = [
    { rule: 'NIS2 Art. 23(4)(a),(b),(d): early warning 24 h, notification 72 h, final report one month after the notification', regime: r, facts: f(), outcome: 'notify', stages: on, localDue: { 'final-report': '2026-04-13 09:00' }, elapsedHours: { 'early-warning': 24, notification: 72 }, missing: [] },
    // The notification submitted early, 2026-03-12 16:00 CET = 15:00Z: the month runs from the submission, 2026-04-12 16:00 CEST = 14:00Z.
    { rule: 'NIS2 Art. 23(4)(d): the month runs from the actual submission of the incident notification', regime: r, facts: f(), submitted: { [`${r}/notification`]: '2026-03-12T15:00:00.000Z' }, outcome: 'notify', stages: { ...on, 'final-report': '2026-04-12T14:00:00.000Z' } },
    // Aware 2026-03-28 12:00 CET = 11:00Z. 24 h → 2026-03-29T11:00Z (13:00 CEST: clocks went forward in between),
    // 72 h → 2026-03-31T11:00Z (13:00 CEST); one month after 31 March is 30 April (clamped), 13:00 CEST = 11:00Z.
    { rule: 'NIS2 Art. 23(4): 24 h and 72 h across the spring-forward of 2026-03-29; a month after 31 March ends 30 April', regime: r, facts: f({ awareAt: '2026-03-28T12:00:00+01:00' }), outcome: 'notify', stages: { 'early-warning': '2026-03-29T11:00:00.000Z', notification: '2026-03-31T11:00:00.000Z', 'final-report': '2026-04-30T11:00:00.000Z' }, elapsedHours: { 'early-warning': 24, notification: 72 }, localDue: { 'early-warning': '2026-03-29 13:00', 'final-report': '2026-04-30 13:00' } },
    { rule: 'NIS2 Art. 3: an important entity reports too', regime: r, facts: f({ nis2Entity: 'important' }), outcome: 'notify', stages: on },
    { rule: 'NIS2 Art. 3: neither essential nor important', regime: r, facts: f({ nis2Entity: 'none' }), outcome: 'out-of-scope' },
    { rule: 'NIS2 Art. 3: entity type not yet known, the clocks run meanwhile', regime: r, facts: f({ nis2Entity: null }), outcome: 'undetermined', stages: on, missing: ['nis2Entity'] },
    { rule: 'NIS2 Art. 26(1): no establishment in a Member State', regime: r, facts: f({ establishedIn: ['GB'] }), outcome: 'out-of-scope' },
    { rule: 'NIS2 Art. 23(3): not a significant incident', regime: r, facts: f({ significantIncident: false }), outcome: 'not-required', decidedBy: 'significant' },
    { rule: 'NIS2 Art. 23(3): significance still being assessed, the clocks run from awareness', regime: r, facts: f({ significantIncident: null }), outcome: 'undetermined', stages: on, missing: ['significantIncident'] },
    { rule: 'NIS2 Art. 23(4)(a): awareness time unknown, every clock waits', regime: r, facts: f({ awareAt: null }), outcome: 'notify', stages: { 'early-warning': waiting, notification: waiting, 'final-report': waiting }, missing: ['awareAt'] },
  ];
  runCases(cases);
});
