/**
 * HIPAA Breach Notification Rule: individuals (164.404), media (164.406) and HHS (164.408).
 * Calendar days keep the New York wall-clock time; the HHS annual log runs from the end of the
 * calendar year (New York) of discovery.
 */
import { describe } from 'vitest';
import { facts, runCases, type FactsInput, type RegimeCase } from './regimeCases';

// A covered entity, unsecured PHI of 300 Californians, discovered Tuesday 2026-03-10 10:00 EDT
// (UTC-4; DST began 2026-03-08) = 14:00Z.
// + 60 calendar days: 10 Mar + 21 = 31 Mar, + 30 = 30 Apr (51), + 9 = 9 May (60) → 2026-05-09 10:00 EDT = 14:00Z.
const base: FactsInput = {
  personalData: true,
  dataCategories: ['health'],
  affected: [{ jurisdiction: 'US-CA', count: 300 }],
  establishedIn: ['US'],
  hipaaCoveredEntity: true,
  discoveredAt: '2026-03-10T10:00:00-04:00',
  encrypted: false,
};
const f = (over: Partial<FactsInput> = {}) => facts({ ...base, ...over });
const DAY60 = '2026-05-09T14:00:00.000Z';

describe('HIPAA 164.404 (individuals)', () => {
  const r = 'us-hipaa-individuals';
  const cases: RegimeCase[] = [
    { rule: '45 CFR 164.404(b): no later than 60 calendar days after discovery', regime: r, facts: f(), outcome: 'notify', stages: { notice: DAY60 }, localDue: { notice: '2026-05-09 10:00' }, missing: [] },
    // 2026-10-01 09:00 EDT = 13:00Z; + 60 days = 31 Oct (30) + 30 = 30 Nov; 09:00 EST (UTC-5) = 14:00Z.
    // The US falls back on 2026-11-01, so 60 calendar days are 60 days and 1 hour of elapsed time.
    { rule: '45 CFR 164.404(b): 60 calendar days across the fall-back of 2026-11-01 keep 09:00 local', regime: r, facts: f({ discoveredAt: '2026-10-01T09:00:00-04:00' }), outcome: 'notify', stages: { notice: '2026-11-30T14:00:00.000Z' }, localDue: { notice: '2026-11-30 09:00' }, elapsedHours: { notice: 60 * 24 + 1 } },
    { rule: '45 CFR 164.404(a)(1): not a covered entity', regime: r, facts: f({ hipaaCoveredEntity: false }), outcome: 'out-of-scope' },
    { rule: '45 CFR 164.402: no protected health information involved', regime: r, facts: f({ dataCategories: ['financial', 'contact'] }), outcome: 'out-of-scope' },
    { rule: '45 CFR 164.402: data categories not yet known, clock runs meanwhile', regime: r, facts: f({ dataCategories: [] }), outcome: 'undetermined', stages: { notice: DAY60 }, missing: ['dataCategories'] },
    { rule: '45 CFR 164.404(a)(1): covered-entity status not yet known', regime: r, facts: f({ hipaaCoveredEntity: null }), outcome: 'undetermined', stages: { notice: DAY60 }, missing: ['hipaaCoveredEntity'] },
    { rule: '45 CFR 164.402: PHI encrypted per HHS guidance, key not compromised, is not unsecured PHI', regime: r, facts: f({ encrypted: true, keyCompromised: false }), outcome: 'exempt', decidedBy: 'secured-phi' },
    { rule: '45 CFR 164.402: encrypted PHI with a compromised key is unsecured', regime: r, facts: f({ encrypted: true, keyCompromised: true }), outcome: 'notify', stages: { notice: DAY60 } },
    { rule: '45 CFR 164.404(a)(2): discovery time unknown, the clock waits for it', regime: r, facts: f({ discoveredAt: null }), outcome: 'notify', stages: { notice: { due: null, status: 'waiting' } }, missing: ['discoveredAt'] },
  ];
  runCases(cases);
});

describe('HIPAA 164.406 (media)', () => {
  const r = 'us-hipaa-media';
  const cases: RegimeCase[] = [
    { rule: '45 CFR 164.406(a): 501 residents of one state is more than 500', regime: r, facts: f({ affected: [{ jurisdiction: 'US-CA', count: 501 }] }), outcome: 'notify', stages: { 'media-notice': DAY60 }, missing: [] },
    { rule: '45 CFR 164.406(a): exactly 500 residents of one state is not more than 500', regime: r, facts: f({ affected: [{ jurisdiction: 'US-CA', count: 500 }] }), outcome: 'not-required', decidedBy: 'over-500-one-state' },
    { rule: '45 CFR 164.406(a): 499 residents of one state', regime: r, facts: f({ affected: [{ jurisdiction: 'US-CA', count: 499 }] }), outcome: 'not-required', decidedBy: 'over-500-one-state' },
    // Per State (each: true), not the total: 450 + 450 = 900 people, but no state has more than 500.
    { rule: '45 CFR 164.406(a): 900 people split 450/450 over two states is not more than 500 in one state', regime: r, facts: f({ affected: [{ jurisdiction: 'US-CA', count: 450 }, { jurisdiction: 'US-NV', count: 450 }] }), outcome: 'not-required', decidedBy: 'over-500-one-state' },
    { rule: '45 CFR 164.406(a): one state over 500 among several', regime: r, facts: f({ affected: [{ jurisdiction: 'US-TX', count: 100 }, { jurisdiction: 'US-FL', count: 600 }, { jurisdiction: 'US-GA', count: 20 }] }), outcome: 'notify', stages: { 'media-notice': DAY60 } },
    // Two entries for the same state are one state: 300 + 201 = 501.
    { rule: '45 CFR 164.406(a): counts recorded twice for one state are added up', regime: r, facts: f({ affected: [{ jurisdiction: 'US-CA', count: 300 }, { jurisdiction: 'US-CA', count: 201 }] }), outcome: 'notify', stages: { 'media-notice': DAY60 } },
    { rule: '45 CFR 164.406(a): residents of a State - 600 people in Germany do not count', regime: r, facts: f({ affected: [{ jurisdiction: 'DE', count: 600 }, { jurisdiction: 'US-CA', count: 10 }] }), outcome: 'not-required', decidedBy: 'over-500-one-state' },
    { rule: '45 CFR 164.406(a): numbers not yet known, clock runs meanwhile', regime: r, facts: f({ affected: [] }), outcome: 'undetermined', stages: { 'media-notice': DAY60 }, missing: ['affected'] },
    { rule: '45 CFR 164.402: secured PHI (encrypted, key safe) needs no media notice', regime: r, facts: f({ affected: [{ jurisdiction: 'US-CA', count: 5000 }], encrypted: true, keyCompromised: false }), outcome: 'exempt', decidedBy: 'secured-phi' },
    { rule: '45 CFR 164.406(a): not a covered entity', regime: r, facts: f({ affected: [{ jurisdiction: 'US-CA', count: 5000 }], hipaaCoveredEntity: false }), outcome: 'out-of-scope' },
  ];
  runCases(cases);
});

describe('HIPAA 164.408 (Secretary of HHS)', () => {
  const r = 'us-hipaa-hhs';
  // Year end of 2026 in New York: 2027-01-01 00:00 EST = 05:00Z. + 60 calendar days: 1 Jan + 31 = 1 Feb,
  // + 28 = 1 Mar (59), + 1 = 2 Mar (60) → 2027-03-02 00:00 EST = 05:00Z, i.e. the end of 1 March 2027.
  const LOG_2026 = '2027-03-02T05:00:00.000Z';
  const cases: RegimeCase[] = [
    // 300 + 200 = 500 people in the US: "500 or more" (summed over states, unlike the media rule).
    { rule: '45 CFR 164.408(b): 500 or more individuals (exactly 500) - with the individual notice, 60 days after discovery', regime: r, facts: f({ affected: [{ jurisdiction: 'US-CA', count: 300 }, { jurisdiction: 'US-NV', count: 200 }] }), outcome: 'notify', stages: { 'large-breach': DAY60 }, localDue: { 'large-breach': '2026-05-09 10:00' }, missing: [] },
    { rule: '45 CFR 164.408(c): 499 individuals go in the annual log, due 60 days after the end of the calendar year', regime: r, facts: f({ affected: [{ jurisdiction: 'US-CA', count: 299 }, { jurisdiction: 'US-NV', count: 200 }] }), outcome: 'notify', stages: { 'annual-log': LOG_2026 }, localDue: { 'annual-log': '2027-03-02 00:00' } },
    { rule: '45 CFR 164.408(b): 501 individuals', regime: r, facts: f({ affected: [{ jurisdiction: 'US-TX', count: 501 }] }), outcome: 'notify', stages: { 'large-breach': DAY60 } },
    { rule: '45 CFR 164.408(c): people recorded outside the US are not summed (check by hand)', regime: r, facts: f({ affected: [{ jurisdiction: 'US-CA', count: 400 }, { jurisdiction: 'MX', count: 200 }] }), outcome: 'notify', stages: { 'annual-log': LOG_2026 } },
    // Numbers unknown: both stages are shown, each conditional on the count.
    { rule: '45 CFR 164.408(b)/(c): number not yet known, both stages conditional', regime: r, facts: f({ affected: [] }), outcome: 'notify', stages: { 'large-breach': { due: DAY60, status: 'conditional' }, 'annual-log': { due: LOG_2026, status: 'conditional' } }, missing: ['affected'] },
    // 2026-12-31 23:30 EST = 2027-01-01T04:30Z: already 2027 in UTC, still 2026 in New York, so the 2026 log.
    { rule: '45 CFR 164.408(c): discovered late on New Year\'s Eve in New York belongs to that year\'s log', regime: r, facts: f({ discoveredAt: '2026-12-31T23:30:00-05:00', affected: [{ jurisdiction: 'US-NY', count: 100 }] }), outcome: 'notify', stages: { 'annual-log': LOG_2026 } },
    // Discovered 2027-01-01 00:30 EST → year end 2028-01-01 00:00 EST = 05:00Z; + 60 days: + 31 = 1 Feb,
    // + 29 (2028 is a leap year) = 1 Mar (60) → 2028-03-01T05:00Z, the end of 29 February 2028.
    { rule: '45 CFR 164.408(c): a 2027 discovery is logged by the end of 29 February 2028 (leap year)', regime: r, facts: f({ discoveredAt: '2027-01-01T00:30:00-05:00', affected: [{ jurisdiction: 'US-NY', count: 100 }] }), outcome: 'notify', stages: { 'annual-log': '2028-03-01T05:00:00.000Z' }, localDue: { 'annual-log': '2028-03-01 00:00' } },
    { rule: '45 CFR 164.402: secured PHI is not reported to HHS', regime: r, facts: f({ encrypted: true, keyCompromised: false }), outcome: 'exempt', decidedBy: 'secured-phi' },
    { rule: '45 CFR 164.408(a): not a covered entity', regime: r, facts: f({ hipaaCoveredEntity: false }), outcome: 'out-of-scope' },
    { rule: '45 CFR 164.408(c): discovery time unknown, the log\'s year is unknown', regime: r, facts: f({ discoveredAt: null }), outcome: 'notify', stages: { 'annual-log': { due: null, status: 'waiting' } }, missing: ['discoveredAt'] },
  ];
  runCases(cases);
});
