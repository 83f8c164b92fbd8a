/**
 * Table-driven regime tests: each case is a set of facts, the outcome the rule gives, the due time
 * of every stage shown (ISO UTC, worked out by hand in the case's comment) and the rule it checks,
 * which names the test. The regimes are the shipped YAML files, loaded through the library.
 */
import { DateTime } from 'luxon';
import { expect, it } from 'vitest';
import type { z } from 'zod';
import { breachFactsSchema, type BreachFactName, type BreachFacts, type Outcome, type Regime, type RegimeAssessment, type StageDeadline } from '../../../../contract';
import { assessRegime, builtinNotifyDir, loadRegimeLibrary } from '../../../../main/notify';

export const library = loadRegimeLibrary(builtinNotifyDir(), null);

export function regime(id: string): Regime {
  const found = library.regimes.find((r) => r.id === id);
  if (!found) throw new Error(`no shipped regime ${id}`);
  return found;
}

export type FactsInput = z.input<typeof breachFactsSchema>;

/** Facts as the app would store them: parsed (defaults filled in, unknown keys refused). */
export const facts = (input: FactsInput): BreachFacts => breachFactsSchema.parse(input);

/** A stage as expected: its due time (ISO UTC, or null) and, where it matters, its status. */
export type StageExpectation = string | null | { due: string | null; status: StageDeadline['status'] };

export interface RegimeCase {
  /** What the case checks, citing the rule: names the test. */
  rule: string;
  regime: string;
  facts: BreachFacts;
  outcome: Outcome;
  /** Every stage the assessment shows, by id, in order; omitted = none (required unless notify/undetermined). */
  stages?: Record<string, StageExpectation>;
  /** Due times as local wall-clock time in the regime's zone (`yyyy-MM-dd HH:mm`), for day-count and zone cases. */
  localDue?: Record<string, string>;
  /** Elapsed hours from the trigger to a stage's due time, where the point is elapsed time (hours across DST). */
  elapsedHours?: Record<string, number>;
  /** Facts the assessment must list as missing (exactly). */
  missing?: BreachFactName[];
  /** When each stage was actually submitted (`<regime>/<stage>` → ISO). */
  submitted?: Record<string, string>;
  /** The id of the threshold or exemption that decided a not-required / exempt outcome. */
  decidedBy?: string;
}

export function assess(c: Pick<RegimeCase, 'regime' | 'facts' | 'submitted'>): RegimeAssessment {
  return assessRegime(regime(c.regime), c.facts, {
    holidays: library.holidays,
    ...(c.submitted ? { submitted: new Map(Object.entries(c.submitted)) } : {}),
  });
}

const TRIGGER_AT: Record<Regime['trigger']['event'], keyof BreachFacts> = {
  awareness: 'awareAt', discovery: 'discoveredAt', determination: 'determinedAt', classification: 'classifiedMajorAt', materiality: 'materialityDeterminedAt',
};

export function check(c: RegimeCase): void {
  const a = assess(c);
  expect(a.outcome, a.why).toBe(c.outcome);
  const expected = c.stages ?? {};
  expect(a.stages.map((s) => s.id)).toEqual(Object.keys(expected));
  for (const s of a.stages) {
    const want = expected[s.id];
    if (want === undefined) continue;
    const wantDue = typeof want === 'object' && want !== null ? want.due : want;
    expect(s.due, `stage ${s.id}`).toBe(wantDue);
    if (typeof want === 'object' && want !== null) expect(s.status, `stage ${s.id} status`).toBe(want.status);
  }
  const zone = regime(c.regime).jurisdiction.timeZone;
  for (const [id, local] of Object.entries(c.localDue ?? {})) {
    const due = a.stages.find((s) => s.id === id)?.due ?? null;
    expect(due, `stage ${id}`).not.toBeNull();
    expect(DateTime.fromISO(due ?? '', { zone }).toFormat('yyyy-LL-dd HH:mm'), `stage ${id} in ${zone}`).toBe(local);
  }
  for (const [id, hours] of Object.entries(c.elapsedHours ?? {})) {
    const s = a.stages.find((x) => x.id === id);
    const start = c.facts[TRIGGER_AT[regime(c.regime).trigger.event]];
    expect(typeof start === 'string' && s?.due ? (Date.parse(s.due) - Date.parse(start)) / 3_600_000 : null, `elapsed hours to ${id}`).toBe(hours);
  }
  if (c.missing !== undefined) expect([...a.missing].sort()).toEqual([...c.missing].sort());
  if (c.decidedBy !== undefined) {
    const rule = c.outcome === 'exempt' ? a.exemptions.find((x) => x.result === 'yes') : a.thresholds.find((x) => x.result === 'no');
    expect(rule?.id).toBe(c.decidedBy);
  }
}

/** One `it` per case, named `<regime>: <rule> → <outcome>`. */
export function runCases(cases: RegimeCase[]): void {
  it.each(cases.map((c) => [`${c.regime}: ${c.rule} → ${c.outcome}`, c] as const))('%s', (_name, c) => check(c));
}
