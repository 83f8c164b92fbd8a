import './zodConfig';
/**
 * A breach-notification regime as data (docs/regime-format.md): who must be told, from which
 * event the clock runs, by when (in stages), under which thresholds and exemptions, what the notice
 * must contain — and the source of every one of those rules. Files live in main/notify/regimes/.
 */
import { z } from 'zod';
import { TRIGGER_EVENTS, type BreachFactName } from './breachFacts';
import { DATA_CATEGORIES } from './incident';
import { exactCodeProblem } from './jurisdictions';

/**
 * A country (DE), a US state (US-CA), or a group: EU (the 27 member states), EEA (EU + IS, LI, NO),
 * US (every state). Codes are checked against contract/jurisdictions.ts, so a selector no place
 * can match (UK, XX) is a problem in the file, not a regime that silently never applies.
 */
export const jurisdictionRefSchema = z.string().regex(/^([A-Z]{2}(-[A-Z]{2})?|EU|EEA)$/, 'a country (DE), a US state (US-CA), or EU, EEA, US').superRefine((code, ctx) => {
  const problem = code === 'EU' || code === 'EEA' || !/^[A-Z]{2}(-[A-Z]{2})?$/.test(code) ? null : exactCodeProblem(code);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});
const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens').max(60);
const sourceRef = id.describe('the id of an entry in `sources`');
const text = z.string().trim().min(3).max(2_000);

/** Facts a condition can test directly: the yes/no and one-of facts (not lists, times or narrative). */
export const TESTABLE_FACTS = [
  'personalData', 'encrypted', 'keyCompromised', 'riskToIndividuals', 'significantHarm', 'hipaaCoveredEntity', 'secRegistrant',
  'materialIncident', 'nis2Entity', 'significantIncident', 'doraFinancialEntity', 'majorIctIncident', 'nydfsCoveredEntity', 'appEntity',
  'smallProcessingAgent',
] as const satisfies readonly BreachFactName[];

/**
 * A condition on the facts, read three-valued (true, false, unknown when a fact it needs is null):
 * - `{ fact: encrypted }` the yes/no fact is yes; `{ fact: riskToIndividuals, is: high }`; `{ fact: nis2Entity, in: [essential, important] }`
 * - `{ affected: [US-CA], atLeast: 500 }` people affected there (summed; with `each: true`, in any one of them, e.g. any one US state)
 * - `{ dataCategory: [health, financial] }` any of these categories is affected
 * - `{ established: [EU] }` the organisation has an establishment there
 * - `{ all: [...] }`, `{ any: [...] }`, `{ not: ... }`
 */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { fact: (typeof TESTABLE_FACTS)[number]; is?: boolean | string; in?: string[] }
  | { affected: string[]; atLeast?: number; moreThan?: number; each?: boolean }
  | { dataCategory: (typeof DATA_CATEGORIES)[number][] }
  | { established: string[] };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
    z.strictObject({ fact: z.enum(TESTABLE_FACTS), is: z.union([z.boolean(), z.string()]).optional(), in: z.array(z.string()).min(1).optional() }),
    z.strictObject({
      affected: z.array(jurisdictionRefSchema.or(z.literal('US'))).min(1),
      atLeast: z.number().int().min(0).optional(),
      moreThan: z.number().int().min(0).optional(),
      each: z.boolean().optional(),
    }),
    z.strictObject({ dataCategory: z.array(z.enum(DATA_CATEGORIES)).min(1) }),
    z.strictObject({ established: z.array(jurisdictionRefSchema.or(z.literal('US'))).min(1) }),
  ]),
);

export const DEADLINE_UNITS = ['hours', 'calendarDays', 'businessDays', 'months'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

/** Where a stage's clock starts: a trigger event, the end of the calendar year of the trigger, or an earlier stage. */
export const clockStartSchema = z.union([
  z.strictObject({ event: z.enum(TRIGGER_EVENTS) }),
  z.strictObject({ yearEndOf: z.enum(TRIGGER_EVENTS) }),
  z.strictObject({ stage: id }),
]);
export type ClockStart = z.infer<typeof clockStartSchema>;

export const deadlineSchema = z.strictObject({
  /** The period; null (with unit null) for "as soon as feasible" rules, which have no computed clock. */
  amount: z.number().int().positive().max(10_000).nullable(),
  unit: z.enum(DEADLINE_UNITS).nullable(),
  /** The rule's own words, shown beside the computed time ("without undue delay and, where feasible, not later than 72 hours"). */
  wording: text,
  /** Default: the regime's trigger event. */
  from: clockStartSchema.optional(),
  /** A second limit from another start; the earlier of the two applies (DORA: 4 h after classification, at most 24 h after awareness). */
  noLaterThan: z.strictObject({ amount: z.number().int().positive(), unit: z.enum(DEADLINE_UNITS), from: clockStartSchema, wording: text }).optional(),
  source: sourceRef,
}).refine((d) => (d.amount === null) === (d.unit === null), 'amount and unit are both set or both null');

export { AUDIENCES, CONTENT_FIELDS } from './notifyTerms';
export type { Audience, ContentField } from './notifyTerms';
import { AUDIENCES, CONTENT_FIELDS } from './notifyTerms';

const rule = z.strictObject({ id, text, when: conditionSchema, source: sourceRef });

export const regimeSchema = z.strictObject({
  format: z.literal(1),
  id,
  /** Short name for lists and clocks ("GDPR Art. 33"). */
  name: z.string().trim().min(2).max(80),
  title: text,
  jurisdiction: z.strictObject({
    code: jurisdictionRefSchema.or(z.literal('US')),
    name: z.string().trim().min(2).max(100),
    /** IANA zone the deadlines are computed in (and business days counted in). */
    timeZone: z.string().min(3).max(60),
    /** Key of the holiday calendar for business days (main/notify/holidays/<key>.yaml), when any stage counts them. */
    holidays: id.optional(),
  }),
  audience: z.enum(AUDIENCES),
  /** Exactly who receives it ("the competent supervisory authority (Art. 55/56)"). */
  recipient: text,
  trigger: z.strictObject({ event: z.enum(TRIGGER_EVENTS), wording: text, source: sourceRef }),
  /** When the regime is in scope at all (territory, sector, personal data). */
  applies: rule,
  /** Further conditions that must all hold for a duty to notify (a count, a level of risk). */
  thresholds: z.array(rule).max(20).default([]),
  /** Any one that holds lifts the duty (data unintelligible, risk removed). */
  exemptions: z.array(rule).max(20).default([]),
  /** The reports due, in order; one for a single notice. A stage with `when` is due only if it holds. */
  stages: z.array(z.strictObject({ id, title: z.string().trim().min(2).max(120), when: conditionSchema.optional(), deadline: deadlineSchema })).min(1).max(10),
  contents: z.array(z.strictObject({ id, text, field: z.enum(CONTENT_FIELDS), stage: id.optional(), source: sourceRef })).max(40).default([]),
  notes: z.array(z.strictObject({ text, source: sourceRef })).max(20).default([]),
  /** Where sources disagree: every reading, and the conservative one the engine uses. */
  conflicts: z.array(z.strictObject({ text, readings: z.array(text).min(2), conservative: text, sources: z.array(sourceRef).min(1) })).max(10).default([]),
  sources: z.array(z.strictObject({ id, cite: z.string().trim().min(3).max(300), url: z.url({ protocol: /^https$/ }) })).min(1).max(30),
  /** When (and against what) the rules were last checked by a person. */
  reviewed: z.strictObject({ on: z.iso.date(), note: text.optional() }),
});
export type Regime = z.output<typeof regimeSchema>;
export type RegimeInput = z.input<typeof regimeSchema>;

/** Public holidays of a jurisdiction, for business-day deadlines (main/notify/holidays/<id>.yaml; a file of the same name in <data dir>/holidays/ replaces it). */
export const holidayCalendarSchema = z.strictObject({
  format: z.literal(1),
  id,
  name: z.string().trim().min(3).max(120),
  /** The years the list covers: a business-day deadline outside them is refused rather than counted wrong. */
  years: z.array(z.number().int().min(2000).max(2100)).min(1),
  dates: z.array(z.strictObject({ date: z.iso.date(), name: z.string().trim().min(2).max(120) })).max(1000),
  source: z.strictObject({ cite: z.string().trim().min(3).max(300), url: z.url({ protocol: /^https$/ }) }),
});
export type HolidayCalendar = z.output<typeof holidayCalendarSchema>;
