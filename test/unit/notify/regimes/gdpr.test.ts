/**
 * EU GDPR Art. 33/34 and UK GDPR Art. 33/34. Hours are elapsed time (72 h are 72 h across a DST
 * change); Art. 34 has no computed period ("without undue delay").
 */
import { describe } from 'vitest';
import { facts, runCases, type FactsInput, type RegimeCase } from './regimeCases';

// A controller established in Germany, 1,200 people in Germany, a risk (not high), data not
// encrypted, aware on Monday 2026-05-04 at 14:00 CEST (UTC+2) = 12:00Z.
const eu: FactsInput = {
  personalData: true,
  dataCategories: ['contact'],
  affected: [{ jurisdiction: 'DE', count: 1200 }],
  establishedIn: ['DE'],
  awareAt: '2026-05-04T14:00:00+02:00',
  riskToIndividuals: 'risk',
  encrypted: false,
};
const euFacts = (over: Partial<FactsInput> = {}) => facts({ ...eu, ...over });

// The same breach at a UK controller with 800 people in the UK; aware 2026-05-04 14:00 BST (UTC+1) = 13:00Z.
const uk: FactsInput = {
  ...eu,
  affected: [{ jurisdiction: 'GB', count: 800 }],
  establishedIn: ['GB'],
  awareAt: '2026-05-04T14:00:00+01:00',
};
const ukFacts = (over: Partial<FactsInput> = {}) => facts({ ...uk, ...over });

describe('EU GDPR Art. 33 (supervisory authority)', () => {
  const r = 'eu-gdpr-art33';
  const cases: RegimeCase[] = [
    // 2026-05-04T12:00Z + 72 h = 2026-05-07T12:00Z (14:00 CEST, no DST change in between).
    { rule: 'GDPR Art. 33(1): 72 h from awareness', regime: r, facts: euFacts(), outcome: 'notify', stages: { notification: '2026-05-07T12:00:00.000Z' }, localDue: { notification: '2026-05-07 14:00' }, missing: [] },
    // 2026-03-27 10:00 CET = 09:00Z; + 72 h = 2026-03-30T09:00Z. Brussels springs forward on 2026-03-29 (02:00 → 03:00),
    // so the wall clock shows 11:00 CEST, not 10:00: the 72 hours are 72 elapsed hours, not "3 days at the same time".
    { rule: 'GDPR Art. 33(1): 72 h across the spring-forward of 2026-03-29 are 72 elapsed hours', regime: r, facts: euFacts({ awareAt: '2026-03-27T10:00:00+01:00' }), outcome: 'notify', stages: { notification: '2026-03-30T09:00:00.000Z' }, localDue: { notification: '2026-03-30 11:00' }, elapsedHours: { notification: 72 } },
    // 2026-10-23 10:00 CEST = 08:00Z; + 72 h = 2026-10-26T08:00Z = 09:00 CET (Brussels falls back on 2026-10-25).
    { rule: 'GDPR Art. 33(1): 72 h across the fall-back of 2026-10-25 are 72 elapsed hours', regime: r, facts: euFacts({ awareAt: '2026-10-23T10:00:00+02:00' }), outcome: 'notify', stages: { notification: '2026-10-26T08:00:00.000Z' }, localDue: { notification: '2026-10-26 09:00' }, elapsedHours: { notification: 72 } },
    // The instant is what counts, not the offset it was written in: 2026-05-04T07:00-05:00 = 12:00Z, + 72 h.
    { rule: 'GDPR Art. 33(1): awareness recorded in another offset counts from the same instant', regime: r, facts: euFacts({ awareAt: '2026-05-04T07:00:00-05:00' }), outcome: 'notify', stages: { notification: '2026-05-07T12:00:00.000Z' } },
    { rule: 'GDPR Art. 4(12): no personal data, no personal data breach', regime: r, facts: euFacts({ personalData: false }), outcome: 'out-of-scope' },
    { rule: 'GDPR Art. 3: no EEA establishment and nobody in the EEA affected', regime: r, facts: euFacts({ establishedIn: ['US'], affected: [{ jurisdiction: 'US-CA', count: 5000 }] }), outcome: 'out-of-scope' },
    { rule: 'GDPR Art. 3: Switzerland is neither EU nor EEA', regime: r, facts: euFacts({ establishedIn: ['CH'], affected: [{ jurisdiction: 'CH', count: 5000 }] }), outcome: 'out-of-scope' },
    // Art. 3(1): an establishment in the Union brings every breach in scope, wherever the people live.
    { rule: 'GDPR Art. 3(1): an EU establishment, only US people affected', regime: r, facts: euFacts({ establishedIn: ['FR'], affected: [{ jurisdiction: 'US-NY', count: 40 }] }), outcome: 'notify', stages: { notification: '2026-05-07T12:00:00.000Z' } },
    { rule: 'GDPR Art. 3 via the EEA Agreement: people in Norway, no establishment in the EEA', regime: r, facts: euFacts({ establishedIn: ['US'], affected: [{ jurisdiction: 'NO', count: 3 }] }), outcome: 'notify', stages: { notification: '2026-05-07T12:00:00.000Z' } },
    { rule: 'GDPR Art. 3: one person in Greece (GR) is enough', regime: r, facts: euFacts({ establishedIn: ['US'], affected: [{ jurisdiction: 'US-TX', count: 900 }, { jurisdiction: 'GR', count: 1 }] }), outcome: 'notify', stages: { notification: '2026-05-07T12:00:00.000Z' } },
    // Nothing recorded about who is affected, no EEA establishment: scope is undecided, the clock runs.
    { rule: 'GDPR Art. 3: affected people not yet known, clock runs meanwhile', regime: r, facts: euFacts({ establishedIn: [], affected: [] }), outcome: 'undetermined', stages: { notification: '2026-05-07T12:00:00.000Z' }, missing: ['affected'] },
    { rule: 'GDPR Art. 4(12): whether personal data was affected not yet known', regime: r, facts: euFacts({ personalData: null }), outcome: 'undetermined', stages: { notification: '2026-05-07T12:00:00.000Z' }, missing: ['personalData'] },
    { rule: 'GDPR Art. 33(1): "unlikely to result in a risk" lifts the duty', regime: r, facts: euFacts({ riskToIndividuals: 'unlikely' }), outcome: 'not-required', decidedBy: 'risk' },
    { rule: 'GDPR Art. 33(1): a high risk is a risk', regime: r, facts: euFacts({ riskToIndividuals: 'high' }), outcome: 'notify', stages: { notification: '2026-05-07T12:00:00.000Z' } },
    { rule: 'GDPR Art. 33(1): risk not yet assessed, clock runs meanwhile', regime: r, facts: euFacts({ riskToIndividuals: null }), outcome: 'undetermined', stages: { notification: '2026-05-07T12:00:00.000Z' }, missing: ['riskToIndividuals'] },
    // Art. 33 has no encryption exemption of its own: encryption only feeds the risk assessment.
    { rule: 'GDPR Art. 33: encrypted data with a safe key still needs notice while a risk remains', regime: r, facts: euFacts({ encrypted: true, keyCompromised: false }), outcome: 'notify', stages: { notification: '2026-05-07T12:00:00.000Z' } },
    { rule: 'GDPR Art. 33(1): time of awareness unknown, the clock waits for it', regime: r, facts: euFacts({ awareAt: null }), outcome: 'notify', stages: { notification: { due: null, status: 'waiting' } }, missing: ['awareAt'] },
  ];
  runCases(cases);
});

describe('EU GDPR Art. 34 (data subjects)', () => {
  const r = 'eu-gdpr-art34';
  const asap = { due: null, status: 'asap' } as const;
  const cases: RegimeCase[] = [
    { rule: 'GDPR Art. 34(1): high risk, without undue delay (no computed period)', regime: r, facts: euFacts({ riskToIndividuals: 'high' }), outcome: 'notify', stages: { communication: asap }, missing: [] },
    { rule: 'GDPR Art. 34(1): a risk that is not high needs no communication', regime: r, facts: euFacts(), outcome: 'not-required', decidedBy: 'high-risk' },
    { rule: 'GDPR Art. 34(1): unlikely risk needs no communication', regime: r, facts: euFacts({ riskToIndividuals: 'unlikely' }), outcome: 'not-required', decidedBy: 'high-risk' },
    { rule: 'GDPR Art. 34(1): risk not yet assessed', regime: r, facts: euFacts({ riskToIndividuals: null }), outcome: 'undetermined', stages: { communication: asap }, missing: ['riskToIndividuals'] },
    { rule: 'GDPR Art. 34(3)(a): encrypted and the key not compromised', regime: r, facts: euFacts({ riskToIndividuals: 'high', encrypted: true, keyCompromised: false }), outcome: 'exempt', decidedBy: 'unintelligible' },
    { rule: 'GDPR Art. 34(3)(a): encrypted but the key was compromised too', regime: r, facts: euFacts({ riskToIndividuals: 'high', encrypted: true, keyCompromised: true }), outcome: 'notify', stages: { communication: asap } },
    // An undecided exemption does not lift the duty; the missing fact is named.
    { rule: 'GDPR Art. 34(3)(a): encrypted, key status unknown, the duty stands', regime: r, facts: euFacts({ riskToIndividuals: 'high', encrypted: true, keyCompromised: null }), outcome: 'notify', stages: { communication: asap }, missing: ['keyCompromised'] },
    { rule: 'GDPR Art. 34(3)(a): not encrypted', regime: r, facts: euFacts({ riskToIndividuals: 'high', encrypted: false, keyCompromised: false }), outcome: 'notify', stages: { communication: asap } },
    { rule: 'GDPR Art. 3: nobody in the EEA, no EEA establishment', regime: r, facts: euFacts({ riskToIndividuals: 'high', establishedIn: ['GB'], affected: [{ jurisdiction: 'GB', count: 800 }] }), outcome: 'out-of-scope' },
  ];
  runCases(cases);
});

describe('UK GDPR Art. 33 (Information Commissioner)', () => {
  const r = 'uk-gdpr-art33';
  const cases: RegimeCase[] = [
    // 2026-05-04 14:00 BST = 13:00Z; + 72 h = 2026-05-07T13:00Z (14:00 BST).
    { rule: 'UK GDPR Art. 33(1): 72 h from awareness', regime: r, facts: ukFacts(), outcome: 'notify', stages: { notification: '2026-05-07T13:00:00.000Z' }, localDue: { notification: '2026-05-07 14:00' }, missing: [] },
    // 2026-03-27 10:00 GMT = 10:00Z; + 72 h = 2026-03-30T10:00Z = 11:00 BST (the UK springs forward on 2026-03-29 too).
    { rule: 'UK GDPR Art. 33(1): 72 h across the UK spring-forward of 2026-03-29', regime: r, facts: ukFacts({ awareAt: '2026-03-27T10:00:00Z' }), outcome: 'notify', stages: { notification: '2026-03-30T10:00:00.000Z' }, localDue: { notification: '2026-03-30 11:00' }, elapsedHours: { notification: 72 } },
    { rule: 'UK GDPR Art. 3(1): a UK establishment, only people in Germany affected', regime: r, facts: ukFacts({ affected: [{ jurisdiction: 'DE', count: 50 }] }), outcome: 'notify', stages: { notification: '2026-05-07T13:00:00.000Z' } },
    { rule: 'UK GDPR Art. 3(2): people in the UK, controller established in the US', regime: r, facts: ukFacts({ establishedIn: ['US'] }), outcome: 'notify', stages: { notification: '2026-05-07T13:00:00.000Z' } },
    { rule: 'UK GDPR Art. 3: an Irish controller with only Irish people is the EU regime, not the UK one', regime: r, facts: ukFacts({ establishedIn: ['IE'], affected: [{ jurisdiction: 'IE', count: 800 }] }), outcome: 'out-of-scope' },
    { rule: 'UK GDPR Art. 33(1): "unlikely to result in a risk" lifts the duty', regime: r, facts: ukFacts({ riskToIndividuals: 'unlikely' }), outcome: 'not-required', decidedBy: 'risk' },
    { rule: 'UK GDPR Art. 33(1): risk not yet assessed, clock runs meanwhile', regime: r, facts: ukFacts({ riskToIndividuals: null }), outcome: 'undetermined', stages: { notification: '2026-05-07T13:00:00.000Z' }, missing: ['riskToIndividuals'] },
    { rule: 'UK GDPR Art. 4(12): no personal data', regime: r, facts: ukFacts({ personalData: false }), outcome: 'out-of-scope' },
  ];
  runCases(cases);
});

describe('UK GDPR Art. 34 (data subjects)', () => {
  const r = 'uk-gdpr-art34';
  const asap = { due: null, status: 'asap' } as const;
  const cases: RegimeCase[] = [
    { rule: 'UK GDPR Art. 34(1): high risk, without undue delay', regime: r, facts: ukFacts({ riskToIndividuals: 'high' }), outcome: 'notify', stages: { communication: asap } },
    { rule: 'UK GDPR Art. 34(1): a risk that is not high', regime: r, facts: ukFacts(), outcome: 'not-required', decidedBy: 'high-risk' },
    { rule: 'UK GDPR Art. 34(3)(a): encrypted and the key not compromised', regime: r, facts: ukFacts({ riskToIndividuals: 'high', encrypted: true, keyCompromised: false }), outcome: 'exempt', decidedBy: 'unintelligible' },
    { rule: 'UK GDPR Art. 34(3)(a): encrypted but the key was compromised', regime: r, facts: ukFacts({ riskToIndividuals: 'high', encrypted: true, keyCompromised: true }), outcome: 'notify', stages: { communication: asap } },
    { rule: 'UK GDPR Art. 3: a French controller with only French people', regime: r, facts: ukFacts({ riskToIndividuals: 'high', establishedIn: ['FR'], affected: [{ jurisdiction: 'FR', count: 10 }] }), outcome: 'out-of-scope' },
  ];
  runCases(cases);
});
