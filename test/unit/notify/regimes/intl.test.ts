/**
 * Australia (NDB), Canada (PIPEDA), Brazil (LGPD / ANPD Res. 15/2024), Singapore (PDPA Part 6A)
 * and India (DPDP Act / Rules 2025). LGPD counts business days on the br-national calendar.
 */
import { describe } from 'vitest';
import { facts, runCases, type FactsInput, type RegimeCase } from './regimeCases';

const asap = { due: null, status: 'asap' } as const;

describe('Australia NDB scheme (Privacy Act 1988 Part IIIC)', () => {
  // Suspected (discovered) Friday 2026-03-20 10:00 AEDT (UTC+11) = 2026-03-19T23:00Z; believed (aware) the same afternoon.
  const base: FactsInput = {
    appEntity: true, personalData: true, establishedIn: ['AU'], affected: [{ jurisdiction: 'AU', count: 1000 }], significantHarm: true,
    discoveredAt: '2026-03-20T10:00:00+11:00', awareAt: '2026-03-20T15:00:00+11:00',
  };
  const f = (over: Partial<FactsInput> = {}) => facts({ ...base, ...over });
  // + 30 calendar days: 20 Mar + 11 = 31 Mar, + 19 = 19 Apr (30) → 10:00 AEST (UTC+10; Sydney left DST on 2026-04-05)
  // = 2026-04-19T00:00Z: 30 days and 1 hour elapsed.
  const cases: RegimeCase[] = [
    { rule: 'Privacy Act s 26WH(2): assessment within 30 days after becoming aware of grounds to suspect, across the end of Sydney DST', regime: 'au-ndb-assessment', facts: f(), outcome: 'notify', stages: { assessment: '2026-04-19T00:00:00.000Z' }, localDue: { assessment: '2026-04-19 10:00' }, elapsedHours: { assessment: 30 * 24 + 1 }, missing: [] },
    { rule: 'Privacy Act s 26WE: not an APP entity', regime: 'au-ndb-assessment', facts: f({ appEntity: false }), outcome: 'out-of-scope' },
    { rule: 'Privacy Act s 5B: no Australian link (New Zealand only)', regime: 'au-ndb-assessment', facts: f({ establishedIn: ['NZ'], affected: [{ jurisdiction: 'NZ', count: 1000 }] }), outcome: 'out-of-scope' },
    { rule: 'Privacy Act s 26WK(2): statement to the Commissioner as soon as practicable (no computed period)', regime: 'au-ndb-statement', facts: f(), outcome: 'notify', stages: { statement: asap }, missing: [] },
    { rule: 'Privacy Act s 26WE(2): no likely serious harm, no eligible data breach', regime: 'au-ndb-statement', facts: f({ significantHarm: false }), outcome: 'not-required', decidedBy: 'serious-harm' },
    { rule: 'Privacy Act s 26WE(2): serious harm still being assessed', regime: 'au-ndb-statement', facts: f({ significantHarm: null }), outcome: 'undetermined', stages: { statement: asap }, missing: ['significantHarm'] },
    { rule: 'Privacy Act s 26WE: APP-entity status not yet known', regime: 'au-ndb-statement', facts: f({ appEntity: null }), outcome: 'undetermined', stages: { statement: asap }, missing: ['appEntity'] },
    { rule: 'Privacy Act s 5B: an overseas organisation with Australians affected', regime: 'au-ndb-statement', facts: f({ establishedIn: ['US'] }), outcome: 'notify', stages: { statement: asap } },
    { rule: 'Privacy Act s 26WL(3): individuals as soon as practicable after the statement', regime: 'au-ndb-individuals', facts: f(), outcome: 'notify', stages: { notification: asap }, missing: [] },
    { rule: 'Privacy Act s 26WE(2): no likely serious harm, no one to notify', regime: 'au-ndb-individuals', facts: f({ significantHarm: false }), outcome: 'not-required', decidedBy: 'serious-harm' },
  ];
  runCases(cases);
});

describe('Canada PIPEDA s 10.1', () => {
  const base: FactsInput = { personalData: true, establishedIn: ['CA'], affected: [{ jurisdiction: 'CA', count: 50 }], significantHarm: true, determinedAt: '2026-06-05T12:00:00-04:00' };
  const f = (over: Partial<FactsInput> = {}) => facts({ ...base, ...over });
  const cases: RegimeCase[] = [
    { rule: 'PIPEDA s 10.1(1)-(2): report to the OPC as soon as feasible after the determination (no computed period)', regime: 'ca-pipeda-opc', facts: f(), outcome: 'notify', stages: { report: asap }, missing: [] },
    { rule: 'PIPEDA s 10.1(1), (7)-(8): no real risk of significant harm', regime: 'ca-pipeda-opc', facts: f({ significantHarm: false }), outcome: 'not-required', decidedBy: 'rrosh' },
    { rule: 'PIPEDA s 10.1(1): real risk of significant harm still being assessed', regime: 'ca-pipeda-opc', facts: f({ significantHarm: null }), outcome: 'undetermined', stages: { report: asap }, missing: ['significantHarm'] },
    { rule: 'PIPEDA s 10.1: a US organisation with Canadians affected', regime: 'ca-pipeda-opc', facts: f({ establishedIn: ['US'] }), outcome: 'notify', stages: { report: asap } },
    // US-CA is California, not Canada.
    { rule: 'PIPEDA s 10.1: Californians (US-CA) are not Canadians', regime: 'ca-pipeda-opc', facts: f({ establishedIn: ['US'], affected: [{ jurisdiction: 'US-CA', count: 5000 }] }), outcome: 'out-of-scope' },
    { rule: 'PIPEDA s 10.1(3): individuals as soon as feasible (no computed period)', regime: 'ca-pipeda-individuals', facts: f(), outcome: 'notify', stages: { notification: asap }, missing: [] },
    { rule: 'PIPEDA s 10.1(3): no real risk of significant harm to the individual', regime: 'ca-pipeda-individuals', facts: f({ significantHarm: false }), outcome: 'not-required', decidedBy: 'rrosh' },
    { rule: 'PIPEDA s 10.1(3): no personal information', regime: 'ca-pipeda-individuals', facts: f({ personalData: false }), outcome: 'out-of-scope' },
  ];
  runCases(cases);
});

describe('Brazil LGPD Art. 48 / Res. CD/ANPD 15/2024', () => {
  // Aware Wednesday 2026-11-18 10:00 BRT (UTC-3, no DST) = 13:00Z.
  const base: FactsInput = { personalData: true, establishedIn: ['BR'], affected: [{ jurisdiction: 'BR', count: 2000 }], significantHarm: true, awareAt: '2026-11-18T10:00:00-03:00' };
  const f = (over: Partial<FactsInput> = {}) => facts({ ...base, ...over });
  // 3 business days: Thu 19 (1), Fri 20 Nov (Consciência Negra, national holiday) skipped, Sat/Sun skipped, Mon 23 (2),
  // Tue 24 (3) → 2026-11-24 10:00 BRT = 13:00Z.
  // + 20 business days from Tue 24 Nov: Wed 25 (1) Thu 26 (2) Fri 27 (3) Mon 30 (4) Tue 1 Dec (5) Wed 2 (6) Thu 3 (7)
  // Fri 4 (8) Mon 7 (9) Tue 8 (10) Wed 9 (11) Thu 10 (12) Fri 11 (13) Mon 14 (14) Tue 15 (15) Wed 16 (16) Thu 17 (17)
  // Fri 18 (18) Mon 21 (19) Tue 22 (20) → 2026-12-22 10:00 BRT = 13:00Z.
  const DAY3 = '2026-11-24T13:00:00.000Z';
  const on = { notification: DAY3, supplement: '2026-12-22T13:00:00.000Z' };
  const cases: RegimeCase[] = [
    { rule: 'Res. 15/2024 Art. 6: ANPD in 3 business days, supplement 20 business days after, across 20 Nov 2026', regime: 'br-lgpd-anpd', facts: f(), outcome: 'notify', stages: on, localDue: { notification: '2026-11-24 10:00', supplement: '2026-12-22 10:00' }, missing: [] },
    // Communication sent Thu 2026-11-19 15:00 BRT = 18:00Z: Fri 20 skipped, Mon 23 (1) … Fri 27 (5), Mon 30 (6) …
    // Fri 4 Dec (10), Mon 7 (11) … Fri 11 (15), Mon 14 (16) … Thu 17 (19), Fri 18 (20) → 2026-12-18 15:00 BRT = 18:00Z.
    { rule: 'Res. 15/2024 Art. 6 §3: the 20 business days run from the date of the communication actually sent', regime: 'br-lgpd-anpd', facts: f(), submitted: { 'br-lgpd-anpd/notification': '2026-11-19T18:00:00.000Z' }, outcome: 'notify', stages: { notification: DAY3, supplement: '2026-12-18T18:00:00.000Z' } },
    // Aware Friday 2026-10-30 16:00 BRT = 19:00Z: Sat/Sun, Mon 2 Nov (Finados) skipped; Tue 3 (1), Wed 4 (2), Thu 5 (3) → 19:00Z.
    // + 20 from Thu 5 Nov: Fri 6 (1), Mon 9 … Fri 13 (6), Mon 16 … Thu 19 (10), Fri 20 skipped, Mon 23 … Fri 27 (15),
    // Mon 30 (16), Tue 1 Dec (17), Wed 2 (18), Thu 3 (19), Fri 4 (20) → 2026-12-04 16:00 BRT = 19:00Z.
    { rule: 'Res. 15/2024 Art. 6: a weekend and Finados (2 Nov 2026) are not business days', regime: 'br-lgpd-anpd', facts: f({ awareAt: '2026-10-30T16:00:00-03:00' }), outcome: 'notify', stages: { notification: '2026-11-05T19:00:00.000Z', supplement: '2026-12-04T19:00:00.000Z' } },
    // Aware Tuesday 2026-11-17 22:30 BRT = Wednesday 01:30Z. From the Brazilian date (Tue 17): Wed 18 (1), Thu 19 (2),
    // Fri 20 skipped, Mon 23 (3) → 2026-11-23 22:30 BRT = 2026-11-24T01:30Z (counting from the UTC date would end a day later).
    // + 20 from Mon 23: Tue 24 (1) … Fri 27 (4), Mon 30 (5) … Fri 4 Dec (9), Mon 7 … Fri 11 (14), Mon 14 … Fri 18 (19),
    // Mon 21 (20) → 2026-12-21 22:30 BRT = 2026-12-22T01:30Z.
    { rule: 'Res. 15/2024 Art. 6: a late-evening awareness counts from the São Paulo date', regime: 'br-lgpd-anpd', facts: f({ awareAt: '2026-11-17T22:30:00-03:00' }), outcome: 'notify', stages: { notification: '2026-11-24T01:30:00.000Z', supplement: '2026-12-22T01:30:00.000Z' }, localDue: { notification: '2026-11-23 22:30' } },
    // Carnival (Mon 16 / Tue 17 Feb 2026) is a ponto facultativo, not a national holiday: counted as business days
    // (the earlier reading). Aware Fri 2026-02-13 10:00 BRT: Mon 16 (1), Tue 17 (2), Wed 18 (3) → 13:00Z.
    // + 20 from Wed 18 Feb: Thu 19 (1), Fri 20 (2), Mon 23 … Fri 27 (7), Mon 2 Mar … Fri 6 (12), Mon 9 … Fri 13 (17),
    // Mon 16 (18), Tue 17 (19), Wed 18 (20) → 2026-03-18 10:00 BRT = 13:00Z.
    { rule: 'Res. 15/2024 Art. 6: Carnival is not a national holiday, so it counts (the earlier reading)', regime: 'br-lgpd-anpd', facts: f({ awareAt: '2026-02-13T10:00:00-03:00' }), outcome: 'notify', stages: { notification: '2026-02-18T13:00:00.000Z', supplement: '2026-03-18T13:00:00.000Z' } },
    // Small processing agents have double periods (Art. 6 §8); the stage keeps the general 3 days, never later.
    { rule: 'Res. 15/2024 Art. 6 §8: a small processing agent is still shown the general 3 business days (conservative)', regime: 'br-lgpd-anpd', facts: f({ smallProcessingAgent: true }), outcome: 'notify', stages: on },
    { rule: 'Res. 15/2024 Art. 5: no relevant risk or damage', regime: 'br-lgpd-anpd', facts: f({ significantHarm: false }), outcome: 'not-required', decidedBy: 'relevant-risk' },
    { rule: 'Res. 15/2024 Art. 5: relevant risk still being assessed, the clocks run', regime: 'br-lgpd-anpd', facts: f({ significantHarm: null }), outcome: 'undetermined', stages: on, missing: ['significantHarm'] },
    { rule: 'LGPD Art. 3: no processing in Brazil, no one in Brazil', regime: 'br-lgpd-anpd', facts: f({ establishedIn: ['PT'], affected: [{ jurisdiction: 'PT', count: 2000 }] }), outcome: 'out-of-scope' },
    { rule: 'LGPD Art. 3: a Portuguese controller with people in Brazil', regime: 'br-lgpd-anpd', facts: f({ establishedIn: ['PT'] }), outcome: 'notify', stages: on },
    { rule: 'Res. 15/2024 Art. 9: data subjects within 3 business days, across 20 Nov 2026', regime: 'br-lgpd-titulares', facts: f(), outcome: 'notify', stages: { communication: DAY3 }, missing: [] },
    { rule: 'Res. 15/2024 Art. 9: no relevant risk or damage to the data subjects', regime: 'br-lgpd-titulares', facts: f({ significantHarm: false }), outcome: 'not-required', decidedBy: 'relevant-risk' },
  ];
  runCases(cases);
});

describe('Singapore PDPA Part 6A', () => {
  // Assessed notifiable Wednesday 2026-06-10 10:00 SGT (UTC+8, no DST) = 02:00Z; + 3 days = 2026-06-13 10:00 SGT = 02:00Z.
  const base: FactsInput = { personalData: true, establishedIn: ['SG'], affected: [{ jurisdiction: 'SG', count: 100 }], significantHarm: true, encrypted: false, determinedAt: '2026-06-10T10:00:00+08:00' };
  const f = (over: Partial<FactsInput> = {}) => facts({ ...base, ...over });
  const DAY3 = '2026-06-13T02:00:00.000Z';
  const scale = (n: number, harm: boolean | null) => f({ significantHarm: harm, affected: [{ jurisdiction: 'SG', count: n }] });
  const cases: RegimeCase[] = [
    { rule: 'PDPA s 26D(1): PDPC no later than 3 calendar days after the assessment', regime: 'sg-pdpa-pdpc', facts: f(), outcome: 'notify', stages: { notification: DAY3 }, localDue: { notification: '2026-06-13 10:00' }, missing: [] },
    // Assessed 2026-06-10 16:30Z = 2026-06-11 00:30 SGT: the day of the assessment is 11 June in Singapore (10 June in
    // New York and UTC). + 3 days → 2026-06-14 00:30 SGT = 2026-06-13T16:30Z.
    { rule: 'PDPA s 26D(1): the 3 days count from the day in Singapore, not in New York', regime: 'sg-pdpa-pdpc', facts: f({ determinedAt: '2026-06-10T12:30:00-04:00' }), outcome: 'notify', stages: { notification: '2026-06-13T16:30:00.000Z' }, localDue: { notification: '2026-06-14 00:30' } },
    // Determined 2026-10-31 20:00 EDT (New York) = 2026-11-01T00:00Z = 08:00 SGT. New York falls back that night,
    // Singapore does not: + 3 days = 2026-11-04 08:00 SGT = 2026-11-04T00:00Z, exactly 72 hours.
    { rule: 'PDPA s 26D(1): a US DST change does not move Singapore\'s 3 days', regime: 'sg-pdpa-pdpc', facts: f({ determinedAt: '2026-10-31T20:00:00-04:00' }), outcome: 'notify', stages: { notification: '2026-11-04T00:00:00.000Z' }, elapsedHours: { notification: 72 } },
    { rule: 'PDPA s 26B(1)(b), reg 4: 499 affected and no significant harm is not notifiable', regime: 'sg-pdpa-pdpc', facts: scale(499, false), outcome: 'not-required', decidedBy: 'notifiable' },
    { rule: 'PDPA s 26B(1)(b), reg 4: 500 affected is of significant scale', regime: 'sg-pdpa-pdpc', facts: scale(500, false), outcome: 'notify', stages: { notification: DAY3 } },
    { rule: 'PDPA s 26B(1)(b), reg 4: 501 affected is of significant scale', regime: 'sg-pdpa-pdpc', facts: scale(501, false), outcome: 'notify', stages: { notification: DAY3 } },
    { rule: 'PDPA s 26B(1)(a): significant harm with only 3 affected', regime: 'sg-pdpa-pdpc', facts: scale(3, true), outcome: 'notify', stages: { notification: DAY3 } },
    { rule: 'PDPA s 26B(1): 499 affected, harm not yet assessed', regime: 'sg-pdpa-pdpc', facts: scale(499, null), outcome: 'undetermined', stages: { notification: DAY3 }, missing: ['significantHarm'] },
    // harm unknown ∨ scale met = notifiable.
    { rule: 'PDPA s 26B(1): 500 affected decides it while harm is still being assessed', regime: 'sg-pdpa-pdpc', facts: scale(500, null), outcome: 'notify', stages: { notification: DAY3 }, missing: [] },
    { rule: 'PDPA s 26B(1)(b): only people recorded against SG are counted (499 SG + 10 MY)', regime: 'sg-pdpa-pdpc', facts: f({ significantHarm: false, affected: [{ jurisdiction: 'SG', count: 499 }, { jurisdiction: 'MY', count: 10 }] }), outcome: 'not-required', decidedBy: 'notifiable' },
    { rule: 'PDPA s 26A: no Singapore link', regime: 'sg-pdpa-pdpc', facts: f({ establishedIn: ['MY'], affected: [{ jurisdiction: 'MY', count: 5000 }] }), outcome: 'out-of-scope' },
    { rule: 'PDPA s 26D(2): individuals on or after notifying the PDPC (no computed period)', regime: 'sg-pdpa-individuals', facts: f(), outcome: 'notify', stages: { notification: asap }, missing: [] },
    { rule: 'PDPA s 26D(2): significant scale alone does not require telling individuals', regime: 'sg-pdpa-individuals', facts: scale(5000, false), outcome: 'not-required', decidedBy: 'significant-harm' },
    { rule: 'PDPA s 26D(5)(b): encrypted with the key safe makes significant harm unlikely', regime: 'sg-pdpa-individuals', facts: f({ encrypted: true, keyCompromised: false }), outcome: 'exempt', decidedBy: 'technological-measure' },
    { rule: 'PDPA s 26D(5)(b): encrypted but the key was compromised', regime: 'sg-pdpa-individuals', facts: f({ encrypted: true, keyCompromised: true }), outcome: 'notify', stages: { notification: asap } },
  ];
  runCases(cases);
});

describe('India DPDP Act s 8(6) / DPDP Rules 2025 r 7', () => {
  // Aware 2027-06-10 10:00 IST (UTC+5:30) = 04:30Z, after the May 2027 commencement; + 72 h = 2027-06-13T04:30Z.
  const base: FactsInput = { personalData: true, establishedIn: ['IN'], affected: [{ jurisdiction: 'IN', count: 100 }], awareAt: '2027-06-10T10:00:00+05:30' };
  const f = (over: Partial<FactsInput> = {}) => facts({ ...base, ...over });
  const board = { intimation: asap, 'detailed-report': '2027-06-13T04:30:00.000Z' };
  const cases: RegimeCase[] = [
    { rule: 'DPDP Rules r 7(2): intimation without delay, detailed report within 72 h of awareness', regime: 'in-dpdp-board', facts: f(), outcome: 'notify', stages: board, localDue: { 'detailed-report': '2027-06-13 10:00' }, elapsedHours: { 'detailed-report': 72 }, missing: [] },
    { rule: 'DPDP Rules r 7: no harm threshold - an unlikely risk is still intimated', regime: 'in-dpdp-board', facts: f({ riskToIndividuals: 'unlikely', significantHarm: false }), outcome: 'notify', stages: board },
    { rule: 'DPDP Rules r 7: no encryption exemption', regime: 'in-dpdp-board', facts: f({ encrypted: true, keyCompromised: false }), outcome: 'notify', stages: board },
    { rule: 'DPDP Act s 3(b): an overseas fiduciary with data principals in India', regime: 'in-dpdp-board', facts: f({ establishedIn: ['US'] }), outcome: 'notify', stages: board },
    { rule: 'DPDP Act s 3: no processing in India and no one in India', regime: 'in-dpdp-board', facts: f({ establishedIn: ['US'], affected: [{ jurisdiction: 'US-NY', count: 100 }] }), outcome: 'out-of-scope' },
    { rule: 'DPDP Rules r 7(2): awareness time unknown, the 72 h wait for it', regime: 'in-dpdp-board', facts: f({ awareAt: null }), outcome: 'notify', stages: { intimation: asap, 'detailed-report': { due: null, status: 'waiting' } }, missing: ['awareAt'] },
    { rule: 'DPDP Rules r 7(1): each data principal without delay', regime: 'in-dpdp-principals', facts: f(), outcome: 'notify', stages: { intimation: asap }, missing: [] },
    { rule: 'DPDP Act s 3: personal data not affected', regime: 'in-dpdp-principals', facts: f({ personalData: false }), outcome: 'out-of-scope' },
  ];
  runCases(cases);
});
