/**
 * US state breach laws: California, Colorado, Florida, Washington and Texas (residents and the
 * Attorney General). Calendar days keep the wall-clock time in the state's own zone, so the day
 * count starts from the local date in that state.
 */
import { describe } from 'vitest';
import { facts, runCases, type FactsInput, type RegimeCase } from './regimeCases';

// Discovered Monday 2026-06-01 09:00 PDT (UTC-7) = 16:00Z; determined Friday 2026-06-05 12:00 EDT (UTC-4) = 16:00Z.
// No DST change until 2026-11-01, so every due time below is 16:00Z:
//   discovery + 30 days = 2026-07-01 (1 Jun + 29 = 30 Jun, + 1 = 1 Jul); + 45 days = 2026-07-16.
//   determination + 30 days = 2026-07-05 (5 Jun + 25 = 30 Jun, + 5 = 5 Jul);
//   determination + 60 days = 2026-08-04 (+ 25 = 30 Jun, + 31 = 31 Jul (56), + 4 = 4 Aug).
const base: FactsInput = {
  personalData: true,
  dataCategories: ['government-id', 'contact'],
  establishedIn: ['US'],
  discoveredAt: '2026-06-01T09:00:00-07:00',
  determinedAt: '2026-06-05T12:00:00-04:00',
  encrypted: false,
  riskToIndividuals: 'risk',
};
const f = (state: string, count: number, over: Partial<FactsInput> = {}) => facts({ ...base, affected: [{ jurisdiction: state, count }], ...over });
const DISC30 = '2026-07-01T16:00:00.000Z';
const DISC45 = '2026-07-16T16:00:00.000Z';
const DET30 = '2026-07-05T16:00:00.000Z';
const DET60 = '2026-08-04T16:00:00.000Z';
const encryptedKeySafe = { encrypted: true, keyCompromised: false };

// A determination late in the evening in New York, 2026-10-15 23:30 EDT = 2026-10-16T03:30Z: still
// 15 October in Chicago (22:30 CDT) and Denver (21:30 MDT), already 16 October in UTC. The count
// runs from the local date, and the due time falls after the 2026-11-01 fall-back (CST UTC-6, MST UTC-7):
//   Texas + 30 days: 2026-11-14 22:30 CST = 2026-11-15T04:30Z; + 60 days (15 Oct + 16 = 31 Oct, + 30 = 30 Nov, + 14 = 14 Dec):
//   2026-12-14 22:30 CST = 2026-12-15T04:30Z.  Colorado + 30 days: 2026-11-14 21:30 MST = 2026-11-15T04:30Z.
const NY_LATE = '2026-10-15T23:30:00-04:00';
// Just after midnight in New York, 2026-10-16 00:30 EDT = 04:30Z, it is still 15 October in Texas (23:30 CDT)
// and Colorado (22:30 MDT): day 30 is still 14 November there. Texas: 23:30 CST = 2026-11-15T05:30Z;
// Colorado: 22:30 MST = 2026-11-15T05:30Z.
const NY_AFTER_MIDNIGHT = '2026-10-16T00:30:00-04:00';

describe('California Civ. Code 1798.82 (residents)', () => {
  const r = 'us-ca-1798-82';
  const cases: RegimeCase[] = [
    { rule: 'Cal. Civ. Code 1798.82(a)(2) (SB 446): within 30 calendar days of discovery', regime: r, facts: f('US-CA', 10), outcome: 'notify', stages: { 'resident-notice': DISC30 }, localDue: { 'resident-notice': '2026-07-01 09:00' }, missing: [] },
    // Discovered 2026-10-20 09:00 PDT = 16:00Z; 20 Oct + 11 = 31 Oct, + 19 = 19 Nov (30) → 09:00 PST (UTC-8) = 17:00Z.
    // The clocks fall back on 2026-11-01: 30 calendar days are 30 days and 1 hour elapsed.
    { rule: 'Cal. Civ. Code 1798.82(a)(2): 30 calendar days across the fall-back of 2026-11-01 keep 09:00 local', regime: r, facts: f('US-CA', 10, { discoveredAt: '2026-10-20T09:00:00-07:00' }), outcome: 'notify', stages: { 'resident-notice': '2026-11-19T17:00:00.000Z' }, localDue: { 'resident-notice': '2026-11-19 09:00' }, elapsedHours: { 'resident-notice': 30 * 24 + 1 } },
    { rule: 'Cal. Civ. Code 1798.82(a)(1): one California resident is enough', regime: r, facts: f('US-CA', 1), outcome: 'notify', stages: { 'resident-notice': DISC30 } },
    { rule: 'Cal. Civ. Code 1798.82(a)(1): no California residents affected', regime: r, facts: f('US-NV', 5000), outcome: 'out-of-scope' },
    { rule: 'Cal. Civ. Code 1798.82(a)(1): no personal information', regime: r, facts: f('US-CA', 5000, { personalData: false }), outcome: 'out-of-scope' },
    { rule: 'Cal. Civ. Code 1798.82(a)(1): encrypted and the key not acquired', regime: r, facts: f('US-CA', 5000, encryptedKeySafe), outcome: 'exempt', decidedBy: 'encrypted-key-safe' },
    { rule: 'Cal. Civ. Code 1798.82(a)(1): encrypted with the key acquired', regime: r, facts: f('US-CA', 5000, { encrypted: true, keyCompromised: true }), outcome: 'notify', stages: { 'resident-notice': DISC30 } },
  ];
  runCases(cases);
});

describe('California Civ. Code 1798.82(f) (Attorney General)', () => {
  const r = 'us-ca-ag';
  const cases: RegimeCase[] = [
    // The sample copy is due 15 days after the consumer notice; shown as its latest date, 30 + 15 = 45 days from discovery.
    { rule: 'Cal. Civ. Code 1798.82(f): more than 500 (501) residents, 15 days after the consumer notice (day 45)', regime: r, facts: f('US-CA', 501), outcome: 'notify', stages: { 'ag-sample': DISC45 }, localDue: { 'ag-sample': '2026-07-16 09:00' }, missing: [] },
    { rule: 'Cal. Civ. Code 1798.82(f): exactly 500 residents is not more than 500', regime: r, facts: f('US-CA', 500), outcome: 'not-required', decidedBy: 'over-500' },
    { rule: 'Cal. Civ. Code 1798.82(f): 499 residents', regime: r, facts: f('US-CA', 499), outcome: 'not-required', decidedBy: 'over-500' },
    { rule: 'Cal. Civ. Code 1798.82(f): residents of other states do not count (500 CA + 500 NV)', regime: r, facts: facts({ ...base, affected: [{ jurisdiction: 'US-CA', count: 500 }, { jurisdiction: 'US-NV', count: 500 }] }), outcome: 'not-required', decidedBy: 'over-500' },
    { rule: 'Cal. Civ. Code 1798.82(a)(1): encrypted data, key safe: no resident notice, so no sample copy', regime: r, facts: f('US-CA', 5000, encryptedKeySafe), outcome: 'exempt', decidedBy: 'encrypted-key-safe' },
    { rule: 'Cal. Civ. Code 1798.82(f): no California residents', regime: r, facts: f('US-OR', 5000), outcome: 'out-of-scope' },
  ];
  runCases(cases);
});

describe('Colorado C.R.S. 6-1-716 (residents)', () => {
  const r = 'us-co-individuals';
  const cases: RegimeCase[] = [
    // 2026-06-05 16:00Z = 10:00 MDT; + 30 days = 2026-07-05 10:00 MDT = 16:00Z.
    { rule: 'C.R.S. 6-1-716(2): not later than 30 days after the determination', regime: r, facts: f('US-CO', 10), outcome: 'notify', stages: { 'resident-notice': DET30 }, localDue: { 'resident-notice': '2026-07-05 10:00' }, missing: [] },
    { rule: 'C.R.S. 6-1-716(2): 30 days from a determination late in the evening in New York count from 15 October in Denver', regime: r, facts: f('US-CO', 10, { determinedAt: NY_LATE }), outcome: 'notify', stages: { 'resident-notice': '2026-11-15T04:30:00.000Z' }, localDue: { 'resident-notice': '2026-11-14 21:30' } },
    { rule: 'C.R.S. 6-1-716(2): just after midnight in New York is still the day before in Denver', regime: r, facts: f('US-CO', 10, { determinedAt: NY_AFTER_MIDNIGHT }), outcome: 'notify', stages: { 'resident-notice': '2026-11-15T05:30:00.000Z' }, localDue: { 'resident-notice': '2026-11-14 22:30' } },
    { rule: 'C.R.S. 6-1-716(2): no Colorado residents affected', regime: r, facts: f('US-UT', 10), outcome: 'out-of-scope' },
    { rule: 'C.R.S. 6-1-716(1): encrypted, key not acquired', regime: r, facts: f('US-CO', 10, encryptedKeySafe), outcome: 'exempt', decidedBy: 'encrypted-key-safe' },
    { rule: 'C.R.S. 6-1-716(1)(c): determination not yet made, the clock waits for it', regime: r, facts: f('US-CO', 10, { determinedAt: null }), outcome: 'notify', stages: { 'resident-notice': { due: null, status: 'waiting' } }, missing: ['determinedAt'] },
  ];
  runCases(cases);
});

describe('Colorado C.R.S. 6-1-716(2)(f) (Attorney General)', () => {
  const r = 'us-co-ag';
  const cases: RegimeCase[] = [
    { rule: 'C.R.S. 6-1-716(2)(f): 500 or more (exactly 500) Colorado residents, 30 days after the determination', regime: r, facts: f('US-CO', 500), outcome: 'notify', stages: { 'ag-notice': DET30 }, missing: [] },
    { rule: 'C.R.S. 6-1-716(2)(f): 499 Colorado residents', regime: r, facts: f('US-CO', 499), outcome: 'not-required', decidedBy: 'five-hundred' },
    { rule: 'C.R.S. 6-1-716(2)(f): 501 Colorado residents', regime: r, facts: f('US-CO', 501), outcome: 'notify', stages: { 'ag-notice': DET30 } },
    { rule: 'C.R.S. 6-1-716(2)(f): a late-evening New York determination counts from the Denver date', regime: r, facts: f('US-CO', 800, { determinedAt: NY_LATE }), outcome: 'notify', stages: { 'ag-notice': '2026-11-15T04:30:00.000Z' }, localDue: { 'ag-notice': '2026-11-14 21:30' } },
    { rule: 'C.R.S. 6-1-716(2)(f): number of Coloradans not yet known', regime: r, facts: f('US-CO', 0, { affected: [] }), outcome: 'undetermined', stages: { 'ag-notice': DET30 }, missing: ['affected'] },
    { rule: 'C.R.S. 6-1-716(1): encrypted, key not acquired', regime: r, facts: f('US-CO', 5000, encryptedKeySafe), outcome: 'exempt', decidedBy: 'encrypted-key-safe' },
  ];
  runCases(cases);
});

describe('Florida Stat. 501.171(4) (individuals)', () => {
  const r = 'us-fl-individuals';
  // Determination + 30 days = 2026-07-05T16:00Z; discovery (2026-06-01 12:00 EDT) + 30 days in New York = 2026-07-01 12:00 EDT = 16:00Z.
  const cases: RegimeCase[] = [
    { rule: 'Fla. Stat. 501.171(4)(a): 30 days after determination "or reason to believe" - the earlier, from discovery, binds', regime: r, facts: f('US-FL', 10), outcome: 'notify', stages: { 'individual-notice': DISC30 }, localDue: { 'individual-notice': '2026-07-01 12:00' }, missing: [] },
    { rule: 'Fla. Stat. 501.171(4)(a): discovery and determination at the same time', regime: r, facts: f('US-FL', 10, { discoveredAt: '2026-06-05T12:00:00-04:00' }), outcome: 'notify', stages: { 'individual-notice': DET30 } },
    // Only the determination known: its 30 days are shown, and discovery is named as missing (it could bring the date forward).
    { rule: 'Fla. Stat. 501.171(4)(a): discovery time unknown, 30 days from the determination meanwhile', regime: r, facts: f('US-FL', 10, { discoveredAt: null }), outcome: 'notify', stages: { 'individual-notice': DET30 }, missing: ['discoveredAt'] },
    { rule: 'Fla. Stat. 501.171(4)(a): determination not yet made, 30 days from discovery meanwhile', regime: r, facts: f('US-FL', 10, { determinedAt: null }), outcome: 'notify', stages: { 'individual-notice': DISC30 }, missing: ['determinedAt'] },
    { rule: 'Fla. Stat. 501.171(1): no one in Florida affected', regime: r, facts: f('US-GA', 10), outcome: 'out-of-scope' },
    { rule: 'Fla. Stat. 501.171(1): encrypted, key not accessed', regime: r, facts: f('US-FL', 10, encryptedKeySafe), outcome: 'exempt', decidedBy: 'encrypted-key-safe' },
  ];
  runCases(cases);
});

describe('Florida Stat. 501.171(3) (Department of Legal Affairs)', () => {
  const r = 'us-fl-ag';
  const cases: RegimeCase[] = [
    { rule: 'Fla. Stat. 501.171(3)(a): 500 or more (exactly 500) individuals in Florida, 30 days (from discovery, the earlier)', regime: r, facts: f('US-FL', 500), outcome: 'notify', stages: { 'department-notice': DISC30 }, missing: [] },
    { rule: 'Fla. Stat. 501.171(3)(a): 499 individuals in Florida', regime: r, facts: f('US-FL', 499), outcome: 'not-required', decidedBy: 'five-hundred' },
    { rule: 'Fla. Stat. 501.171(3)(a): 501 individuals in Florida', regime: r, facts: f('US-FL', 501), outcome: 'notify', stages: { 'department-notice': DISC30 } },
    { rule: 'Fla. Stat. 501.171(1): encrypted, key not accessed', regime: r, facts: f('US-FL', 5000, encryptedKeySafe), outcome: 'exempt', decidedBy: 'encrypted-key-safe' },
  ];
  runCases(cases);
});

describe('Washington RCW 19.255.010 (residents)', () => {
  const r = 'us-wa-individuals';
  const cases: RegimeCase[] = [
    { rule: 'RCW 19.255.010(8): no more than 30 calendar days after discovery', regime: r, facts: f('US-WA', 10), outcome: 'notify', stages: { 'resident-notice': DISC30 }, localDue: { 'resident-notice': '2026-07-01 09:00' }, missing: [] },
    { rule: 'RCW 19.255.010(1): not reasonably likely to subject consumers to a risk of harm', regime: r, facts: f('US-WA', 10, { riskToIndividuals: 'unlikely' }), outcome: 'exempt', decidedBy: 'no-risk-of-harm' },
    { rule: 'RCW 19.255.010(1): risk of harm not yet assessed, the duty stands', regime: r, facts: f('US-WA', 10, { riskToIndividuals: null }), outcome: 'notify', stages: { 'resident-notice': DISC30 }, missing: ['riskToIndividuals'] },
    { rule: 'RCW 19.255.010(1): secured (encrypted), key not acquired', regime: r, facts: f('US-WA', 10, encryptedKeySafe), outcome: 'exempt', decidedBy: 'secured' },
    { rule: 'RCW 19.255.010(1): no Washington residents', regime: r, facts: f('US-OR', 10), outcome: 'out-of-scope' },
  ];
  runCases(cases);
});

describe('Washington RCW 19.255.010(7) (Attorney General)', () => {
  const r = 'us-wa-ag';
  const cases: RegimeCase[] = [
    { rule: 'RCW 19.255.010(7): more than 500 (501) Washington residents, 30 days after discovery', regime: r, facts: f('US-WA', 501), outcome: 'notify', stages: { 'ag-notice': DISC30 }, missing: [] },
    { rule: 'RCW 19.255.010(7): exactly 500 is not more than 500', regime: r, facts: f('US-WA', 500), outcome: 'not-required', decidedBy: 'over-500' },
    { rule: 'RCW 19.255.010(1): no risk of harm, no notice and so none to the AG', regime: r, facts: f('US-WA', 5000, { riskToIndividuals: 'unlikely' }), outcome: 'exempt', decidedBy: 'no-risk-of-harm' },
    { rule: 'RCW 19.255.010(1): secured (encrypted), key not acquired', regime: r, facts: f('US-WA', 5000, encryptedKeySafe), outcome: 'exempt', decidedBy: 'secured' },
  ];
  runCases(cases);
});

describe('Texas Bus. & Com. Code 521.053(b) (individuals)', () => {
  const r = 'us-tx-individuals';
  const cases: RegimeCase[] = [
    // 2026-06-05 16:00Z = 11:00 CDT; + 60 days = 2026-08-04 11:00 CDT = 16:00Z.
    { rule: 'Tex. Bus. & Com. Code 521.053(b): not later than the 60th day after the determination', regime: r, facts: f('US-TX', 10), outcome: 'notify', stages: { 'individual-notice': DET60 }, localDue: { 'individual-notice': '2026-08-04 11:00' }, missing: [] },
    { rule: 'Tex. Bus. & Com. Code 521.053(b): 60th day from a late-evening New York determination counts from the Texas date', regime: r, facts: f('US-TX', 10, { determinedAt: NY_LATE }), outcome: 'notify', stages: { 'individual-notice': '2026-12-15T04:30:00.000Z' }, localDue: { 'individual-notice': '2026-12-14 22:30' } },
    { rule: 'Tex. Bus. & Com. Code 521.053(b): no Texas residents affected (scoped to residents)', regime: r, facts: f('US-OK', 10), outcome: 'out-of-scope' },
    { rule: 'Tex. Bus. & Com. Code 521.053(a): encrypted, the accessor lacks the key', regime: r, facts: f('US-TX', 10, encryptedKeySafe), outcome: 'exempt', decidedBy: 'encrypted-key-safe' },
  ];
  runCases(cases);
});

describe('Texas Bus. & Com. Code 521.053(i) (Attorney General)', () => {
  const r = 'us-tx-ag';
  const cases: RegimeCase[] = [
    { rule: 'Tex. Bus. & Com. Code 521.053(i): at least 250 (exactly 250) residents, 30th day after the determination', regime: r, facts: f('US-TX', 250), outcome: 'notify', stages: { 'ag-notice': DET30 }, localDue: { 'ag-notice': '2026-07-05 11:00' }, missing: [] },
    { rule: 'Tex. Bus. & Com. Code 521.053(i): 249 residents', regime: r, facts: f('US-TX', 249), outcome: 'not-required', decidedBy: 'two-fifty' },
    { rule: 'Tex. Bus. & Com. Code 521.053(i): 251 residents', regime: r, facts: f('US-TX', 251), outcome: 'notify', stages: { 'ag-notice': DET30 } },
    { rule: 'Tex. Bus. & Com. Code 521.053(i): residents of other states do not count (249 TX + 300 OK)', regime: r, facts: facts({ ...base, affected: [{ jurisdiction: 'US-TX', count: 249 }, { jurisdiction: 'US-OK', count: 300 }] }), outcome: 'not-required', decidedBy: 'two-fifty' },
    // The 30th day after 15 October (Texas date) is 14 November, even though the UTC date of the determination is 16 October.
    { rule: 'Tex. Bus. & Com. Code 521.053(i): a late-evening New York determination counts from the Texas date', regime: r, facts: f('US-TX', 300, { determinedAt: NY_LATE }), outcome: 'notify', stages: { 'ag-notice': '2026-11-15T04:30:00.000Z' }, localDue: { 'ag-notice': '2026-11-14 22:30' }, elapsedHours: { 'ag-notice': 30 * 24 + 1 } },
    { rule: 'Tex. Bus. & Com. Code 521.053(i): just after midnight in New York is still the day before in Texas', regime: r, facts: f('US-TX', 300, { determinedAt: NY_AFTER_MIDNIGHT }), outcome: 'notify', stages: { 'ag-notice': '2026-11-15T05:30:00.000Z' }, localDue: { 'ag-notice': '2026-11-14 23:30' } },
    { rule: 'Tex. Bus. & Com. Code 521.053(i): number of Texans not yet known', regime: r, facts: f('US-TX', 0, { affected: [] }), outcome: 'undetermined', stages: { 'ag-notice': DET30 }, missing: ['affected'] },
    { rule: 'Tex. Bus. & Com. Code 521.053(a): encrypted, the accessor lacks the key', regime: r, facts: f('US-TX', 5000, encryptedKeySafe), outcome: 'exempt', decidedBy: 'encrypted-key-safe' },
  ];
  runCases(cases);
});
