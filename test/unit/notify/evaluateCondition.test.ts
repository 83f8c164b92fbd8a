/**
 * evaluateCondition: Kleene three-valued logic over the breach facts (a null fact is unknown),
 * counts of affected people by place and group (EU, EEA, US), `each` (any one place), and an empty
 * list of affected people or data categories read as unknown, never as "nobody".
 */
import { describe, expect, it } from 'vitest';
import { breachFactsSchema, storedBreachFactsSchema, type BreachFactName, type Condition, type Tri } from '../../../contract';
import { evaluateCondition } from '../../../main/notify';
import type { FactsInput } from './regimes/regimeCases';

interface Case {
  rule: string;
  when: Condition;
  facts: FactsInput;
  result: Tri;
  missing?: BreachFactName[];
  /** A phrase the read facts must contain ("affected in US-FL: 600"). */
  reads?: string;
}

function check(c: Case) {
  const e = evaluateCondition(c.when, breachFactsSchema.parse(c.facts));
  expect(e.result).toBe(c.result);
  expect([...e.missing].sort()).toEqual([...(c.missing ?? [])].sort());
  if (c.reads !== undefined) expect(e.facts.join('; ')).toContain(c.reads);
}

const run = (cases: Case[]) => it.each(cases.map((c) => [`${c.rule} → ${c.result}`, c] as const))('%s', (_n, c) => check(c));

// Two atoms whose value is chosen by the facts: A = encrypted, B = keyCompromised.
const A: Condition = { fact: 'encrypted' };
const B: Condition = { fact: 'keyCompromised' };
const atom = { yes: true, no: false, unknown: null } as const;
type V = keyof typeof atom;
const VALUES: V[] = ['yes', 'no', 'unknown'];
const ab = (a: V, b: V): FactsInput => ({ encrypted: atom[a], keyCompromised: atom[b] });
const missingOf = (a: V, b: V): BreachFactName[] => [...(a === 'unknown' ? ['encrypted' as const] : []), ...(b === 'unknown' ? ['keyCompromised' as const] : [])];

describe('evaluateCondition: Kleene truth tables', () => {
  // Strong Kleene: AND is no if either is no, yes if both yes, else unknown; OR dually; NOT swaps yes/no.
  const AND: Record<V, Record<V, Tri>> = {
    yes: { yes: 'yes', no: 'no', unknown: 'unknown' },
    no: { yes: 'no', no: 'no', unknown: 'no' },
    unknown: { yes: 'unknown', no: 'no', unknown: 'unknown' },
  };
  const OR: Record<V, Record<V, Tri>> = {
    yes: { yes: 'yes', no: 'yes', unknown: 'yes' },
    no: { yes: 'yes', no: 'no', unknown: 'unknown' },
    unknown: { yes: 'yes', no: 'unknown', unknown: 'unknown' },
  };
  const NOT: Record<V, Tri> = { yes: 'no', no: 'yes', unknown: 'unknown' };
  const pairs = VALUES.flatMap((a) => VALUES.map((b) => [a, b] as const));
  // A decided result needs no missing fact; an unknown one names exactly the unknown atoms.
  run(pairs.map(([a, b]) => ({ rule: `all: ${a} ∧ ${b}`, when: { all: [A, B] }, facts: ab(a, b), result: AND[a][b], missing: AND[a][b] === 'unknown' ? missingOf(a, b) : [] })));
  run(pairs.map(([a, b]) => ({ rule: `any: ${a} ∨ ${b}`, when: { any: [A, B] }, facts: ab(a, b), result: OR[a][b], missing: OR[a][b] === 'unknown' ? missingOf(a, b) : [] })));
  run(VALUES.map((a) => ({ rule: `not: ¬${a}`, when: { not: A }, facts: ab(a, 'no'), result: NOT[a], missing: a === 'unknown' ? ['encrypted'] : [] })));
});

describe('evaluateCondition: unknown propagation through nesting', () => {
  run([
    // The encryption exemption of most regimes: encrypted ∧ ¬keyCompromised.
    { rule: 'encrypted ∧ ¬keyCompromised with the key status unknown', when: { all: [A, { not: B }] }, facts: ab('yes', 'unknown'), result: 'unknown', missing: ['keyCompromised'] },
    { rule: 'encrypted ∧ ¬keyCompromised, not encrypted (key status irrelevant)', when: { all: [A, { not: B }] }, facts: ab('no', 'unknown'), result: 'no' },
    { rule: '(A ∨ B) ∧ ¬personalData with A unknown, B no, personalData no', when: { all: [{ any: [A, B] }, { not: { fact: 'personalData' } }] }, facts: { ...ab('unknown', 'no'), personalData: false }, result: 'unknown', missing: ['encrypted'] },
    { rule: 'a fact missing twice is named once', when: { all: [A, { any: [A, { fact: 'personalData' }] }] }, facts: { ...ab('unknown', 'no'), personalData: false }, result: 'unknown', missing: ['encrypted'] },
    { rule: '¬¬unknown stays unknown', when: { not: { not: A } }, facts: ab('unknown', 'no'), result: 'unknown', missing: ['encrypted'] },
    { rule: 'an unknown threshold beside a met one (GDPR Art. 33: personal data ∧ ¬unlikely)', when: { all: [{ fact: 'personalData' }, { not: { fact: 'riskToIndividuals', is: 'unlikely' } }] }, facts: { personalData: true }, result: 'unknown', missing: ['riskToIndividuals'] },
  ]);
});

describe('evaluateCondition: facts', () => {
  run([
    { rule: 'a yes/no fact without `is` holds when yes', when: { fact: 'personalData' }, facts: { personalData: true }, result: 'yes', reads: 'personalData: yes' },
    { rule: 'a yes/no fact without `is` fails when no', when: { fact: 'personalData' }, facts: { personalData: false }, result: 'no' },
    { rule: '`is: false` holds when the fact is no', when: { fact: 'encrypted', is: false }, facts: { encrypted: false }, result: 'yes' },
    { rule: '`is: high` on a one-of fact', when: { fact: 'riskToIndividuals', is: 'high' }, facts: { riskToIndividuals: 'high' }, result: 'yes' },
    { rule: '`is: high` does not hold for a risk', when: { fact: 'riskToIndividuals', is: 'high' }, facts: { riskToIndividuals: 'risk' }, result: 'no' },
    { rule: '`is` on an unknown fact', when: { fact: 'riskToIndividuals', is: 'high' }, facts: {}, result: 'unknown', missing: ['riskToIndividuals'], reads: 'riskToIndividuals: not known' },
    { rule: '`in` holds for a listed value', when: { fact: 'nis2Entity', in: ['essential', 'important'] }, facts: { nis2Entity: 'important' }, result: 'yes' },
    { rule: '`in` fails for an unlisted value', when: { fact: 'nis2Entity', in: ['essential', 'important'] }, facts: { nis2Entity: 'none' }, result: 'no' },
    { rule: '`in` on an unknown fact', when: { fact: 'nis2Entity', in: ['essential', 'important'] }, facts: {}, result: 'unknown', missing: ['nis2Entity'] },
  ]);
});

describe('evaluateCondition: affected people', () => {
  const people = (...rows: [string, number][]): FactsInput => ({ affected: rows.map(([jurisdiction, count]) => ({ jurisdiction, count })) });
  run([
    // Empty = not known yet, not zero: a guess of zero would drop regimes.
    { rule: 'no one recorded is unknown, not zero', when: { affected: ['EU'], atLeast: 1 }, facts: {}, result: 'unknown', missing: ['affected'] },
    { rule: 'no one recorded is unknown even for "at least 0"', when: { affected: ['US'], atLeast: 0 }, facts: {}, result: 'unknown', missing: ['affected'] },
    { rule: 'no one recorded is unknown with `each` too', when: { affected: ['US'], moreThan: 500, each: true }, facts: {}, result: 'unknown', missing: ['affected'] },
    { rule: 'people recorded, none in the selection: zero there', when: { affected: ['EU'], atLeast: 1 }, facts: people(['US-CA', 10]), result: 'no', reads: 'affected in EU: 0' },
    { rule: 'without atLeast/moreThan, at least one person', when: { affected: ['DE'] }, facts: people(['DE', 1]), result: 'yes' },
    { rule: 'without atLeast/moreThan, a recorded zero is no', when: { affected: ['DE'] }, facts: people(['DE', 0]), result: 'no' },
    { rule: 'atLeast 500: 499', when: { affected: ['US-TX'], atLeast: 500 }, facts: people(['US-TX', 499]), result: 'no' },
    { rule: 'atLeast 500: 500', when: { affected: ['US-TX'], atLeast: 500 }, facts: people(['US-TX', 500]), result: 'yes', reads: 'affected in US-TX: 500' },
    { rule: 'moreThan 500: 500', when: { affected: ['US-WA'], moreThan: 500 }, facts: people(['US-WA', 500]), result: 'no' },
    { rule: 'moreThan 500: 501', when: { affected: ['US-WA'], moreThan: 500 }, facts: people(['US-WA', 501]), result: 'yes' },
    { rule: 'counts are summed over the selection (300 DE + 200 FR in the EU)', when: { affected: ['EU'], atLeast: 500 }, facts: people(['DE', 300], ['FR', 200], ['US-CA', 1000]), result: 'yes', reads: 'affected in EU: 500' },
    { rule: 'large counts are read with thousands separators', when: { affected: ['US-CA'], atLeast: 1 }, facts: people(['US-CA', 1200]), result: 'yes', reads: 'affected in US-CA: 1,200' },
  ]);
});

describe('evaluateCondition: `each` (in any one place)', () => {
  const people = (...rows: [string, number][]): FactsInput => ({ affected: rows.map(([jurisdiction, count]) => ({ jurisdiction, count })) });
  const media: Condition = { affected: ['US'], moreThan: 500, each: true };
  run([
    { rule: 'each: 450 + 450 in two states is not over 500 in one', when: media, facts: people(['US-CA', 450], ['US-NV', 450]), result: 'no', reads: 'most affected in one of US: 450' },
    { rule: 'each: one state over 500', when: media, facts: people(['US-TX', 100], ['US-FL', 600]), result: 'yes', reads: 'affected in US-FL: 600' },
    { rule: 'each: two rows for one state are one state (300 + 201)', when: media, facts: people(['US-CA', 300], ['US-CA', 201]), result: 'yes', reads: 'affected in US-CA: 501' },
    { rule: 'each: exactly 500 in one state is not more than 500', when: media, facts: people(['US-CA', 500]), result: 'no' },
    { rule: 'each: places outside the selection are ignored', when: media, facts: people(['DE', 900], ['US-CA', 10]), result: 'no' },
    { rule: 'each: no place in the selection at all', when: media, facts: people(['DE', 900]), result: 'no', reads: 'affected in US: 0' },
    { rule: 'each over EU countries: 499 DE + 499 FR', when: { affected: ['EU'], atLeast: 500, each: true }, facts: people(['DE', 499], ['FR', 499]), result: 'no' },
    { rule: 'each over EU countries: 500 in DE', when: { affected: ['EU'], atLeast: 500, each: true }, facts: people(['DE', 500], ['FR', 1]), result: 'yes' },
  ]);
});

describe('evaluateCondition: places and groups', () => {
  const one = (jurisdiction: string): FactsInput => ({ affected: [{ jurisdiction, count: 1 }] });
  const at = (sel: string, place: string, result: Tri): Case => ({ rule: `${place} is ${result === 'yes' ? '' : 'not '}in ${sel}`, when: { affected: [sel], atLeast: 1 }, facts: one(place), result });
  run([
    at('EU', 'DE', 'yes'), at('EU', 'GR', 'yes'), at('EU', 'HR', 'yes'), at('EU', 'NO', 'no'), at('EU', 'IS', 'no'), at('EU', 'CH', 'no'), at('EU', 'GB', 'no'),
    at('EEA', 'NO', 'yes'), at('EEA', 'IS', 'yes'), at('EEA', 'LI', 'yes'), at('EEA', 'SE', 'yes'), at('EEA', 'CH', 'no'), at('EEA', 'GB', 'no'),
    at('US', 'US-CA', 'yes'), at('US', 'US', 'yes'), at('US', 'CA', 'no'),
    at('CA', 'CA', 'yes'), at('CA', 'US-CA', 'no'),
    at('US-CA', 'US-CA', 'yes'), at('US-CA', 'US-NV', 'no'), at('US-CA', 'US', 'no'),
  ]);
});

describe('evaluateCondition: data categories and establishments', () => {
  run([
    { rule: 'a listed category is affected', when: { dataCategory: ['health', 'financial'] }, facts: { dataCategories: ['contact', 'health'] }, result: 'yes' },
    { rule: 'no listed category is affected', when: { dataCategory: ['health'] }, facts: { dataCategories: ['contact'] }, result: 'no' },
    { rule: 'no categories recorded is unknown', when: { dataCategory: ['health'] }, facts: { personalData: true }, result: 'unknown', missing: ['dataCategories'] },
    { rule: 'no categories recorded and no personal data at all is no', when: { dataCategory: ['health'] }, facts: { personalData: false }, result: 'no' },
    { rule: 'established in the EEA via Norway', when: { established: ['EEA'] }, facts: { establishedIn: ['US', 'NO'] }, result: 'yes', reads: 'established in EEA: NO' },
    { rule: 'Norway is not an EU establishment', when: { established: ['EU'] }, facts: { establishedIn: ['NO'] }, result: 'no' },
    { rule: 'established in the US group', when: { established: ['US'] }, facts: { establishedIn: ['US'] }, result: 'yes' },
    // Unlike affected people, an empty establishment list is read as "none" (see the report on this choice).
    { rule: 'no establishment recorded reads as none', when: { established: ['EU'] }, facts: {}, result: 'no' },
  ]);
});

/**
 * Codes stored before codes were checked (issue 11): an alias is read as its code (the assessment's
 * jurisdictionNotes say so), and people under a code that is no place leave a "no" undecided —
 * "does not apply (affected in GB: 0)" for 85 people recorded under UK was the bug.
 */
describe('evaluateCondition: stored codes that are not jurisdiction codes', () => {
  const stored = (c: Case) => {
    const e = evaluateCondition(c.when, storedBreachFactsSchema.parse(c.facts));
    expect(e.result).toBe(c.result);
    expect([...e.missing].sort()).toEqual([...(c.missing ?? [])].sort());
    if (c.reads !== undefined) expect(e.facts.join('; ')).toContain(c.reads);
  };
  const cases: Case[] = [
    { rule: 'UK is read as GB', when: { affected: ['GB'] }, facts: { affected: [{ jurisdiction: 'UK', count: 85 }] }, result: 'yes', reads: 'affected in GB: 85; UK read as GB' },
    { rule: 'UK read as GB is not in the EEA', when: { affected: ['EEA'] }, facts: { affected: [{ jurisdiction: 'UK', count: 85 }] }, result: 'no' },
    { rule: 'EL is read as GR, in the EU', when: { affected: ['EU'], atLeast: 10 }, facts: { affected: [{ jurisdiction: 'EL', count: 12 }] }, result: 'yes', reads: 'EL read as GR' },
    { rule: 'XX could be anywhere: GB undecided', when: { affected: ['GB'] }, facts: { affected: [{ jurisdiction: 'XX', count: 85 }] }, result: 'unknown', missing: ['affected'], reads: 'affected under codes that are no jurisdiction: 85 under XX' },
    { rule: 'GB decides yes whatever XX is', when: { affected: ['GB'] }, facts: { affected: [{ jurisdiction: 'XX', count: 85 }, { jurisdiction: 'GB', count: 10 }] }, result: 'yes' },
    { rule: 'XX could lift GB over a threshold', when: { affected: ['GB'], atLeast: 50 }, facts: { affected: [{ jurisdiction: 'XX', count: 85 }, { jurisdiction: 'GB', count: 10 }] }, result: 'unknown', missing: ['affected'] },
    { rule: 'nobody under XX changes nothing', when: { affected: ['GB'] }, facts: { affected: [{ jurisdiction: 'XX', count: 0 }, { jurisdiction: 'DE', count: 10 }] }, result: 'no' },
    { rule: 'each: 600 under US-XX could be one state over 500', when: { affected: ['US'], each: true, moreThan: 500 }, facts: { affected: [{ jurisdiction: 'US-XX', count: 600 }, { jurisdiction: 'US-CA', count: 10 }] }, result: 'unknown', missing: ['affected'] },
    { rule: 'established in EL is in the EU', when: { established: ['EU'] }, facts: { establishedIn: ['EL'] }, result: 'yes', reads: 'established in EU: EL read as GR' },
    { rule: 'established in XX: undecided', when: { established: ['EU'] }, facts: { establishedIn: ['XX'] }, result: 'unknown', missing: ['establishedIn'], reads: 'established in codes that are no jurisdiction: XX' },
    { rule: 'established in DE decides, XX or not', when: { established: ['EU'] }, facts: { establishedIn: ['XX', 'DE'] }, result: 'yes' },
  ];
  it.each(cases.map((c) => [`${c.rule} → ${c.result}`, c] as const))('%s', (_n, c) => stored(c));
});
