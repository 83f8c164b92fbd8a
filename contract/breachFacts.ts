import './zodConfig';
/**
 * The facts a breach-notification assessment reads (docs/notify-facts.md): an incident's own
 * fields (data categories, affected people by jurisdiction) plus what only a breach needs — when
 * each clock-starting event happened, how the data was protected, the risk judgments and what
 * kind of organisation this is. null always means "not known yet": the engine then says which
 * regimes the missing fact would decide, never guesses.
 */
import { z } from 'zod';
import { affectedListSchema, DATA_CATEGORIES, jurisdictionSchema, storedAffectedCountSchema } from './incident';

const isoTime = z.iso.datetime({ offset: true });
const known = <T extends z.ZodType>(t: T) => t.nullable().default(null);

/** The events a regime's clock can start from (its `trigger`). */
export const TRIGGER_EVENTS = ['awareness', 'discovery', 'determination', 'classification', 'materiality'] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

/** Which fact holds the time of each trigger event. */
export const TRIGGER_FACT = {
  awareness: 'awareAt',
  discovery: 'discoveredAt',
  determination: 'determinedAt',
  classification: 'classifiedMajorAt',
  materiality: 'materialityDeterminedAt',
} as const satisfies Record<TriggerEvent, string>;

export const RISK_LEVELS = ['unlikely', 'risk', 'high'] as const;

export const breachFactsSchema = z.strictObject({
  /** Personal data (about identifiable people) was affected. */
  personalData: known(z.boolean()),
  dataCategories: z.array(z.enum(DATA_CATEGORIES)).max(DATA_CATEGORIES.length).default([]),
  /** People affected, by where they live (country, or US-XX for a state). */
  affected: affectedListSchema.default([]),
  /** Where the organisation has an establishment (GDPR Art. 3(1), the UK, …). */
  establishedIn: z.array(jurisdictionSchema).max(300).default([]),

  /** The breach was first known, or by reasonable diligence would have been (HIPAA, US states). */
  discoveredAt: known(isoTime),
  /** Reasonable certainty that a breach occurred (GDPR Art. 33 "aware"; NIS2, DPDP, NDB). */
  awareAt: known(isoTime),
  /** It was determined that a (notifiable) breach or cybersecurity incident occurred (NYDFS, PDPA, PIPEDA, US states). */
  determinedAt: known(isoTime),
  /** The incident was classified as major (DORA) or significant (NIS2). */
  classifiedMajorAt: known(isoTime),
  /** The registrant determined the incident is material (SEC Form 8-K Item 1.05). */
  materialityDeterminedAt: known(isoTime),

  /** The affected data was encrypted (or otherwise unintelligible to anyone not authorised). */
  encrypted: known(z.boolean()),
  /** The key (or the means to read the data) was compromised too. */
  keyCompromised: known(z.boolean()),
  /** GDPR-style risk to the people concerned: unlikely to result in a risk, a risk, or a high risk. */
  riskToIndividuals: known(z.enum(RISK_LEVELS)),
  /** Real risk of significant harm (PIPEDA), significant harm (PDPA), serious harm (NDB), relevant risk or damage (LGPD). */
  significantHarm: known(z.boolean()),

  /** A HIPAA covered entity (or business associate) and the data is unsecured protected health information. */
  hipaaCoveredEntity: known(z.boolean()),
  /** Files reports with the SEC (Form 8-K). */
  secRegistrant: known(z.boolean()),
  /** The incident is material to the registrant (SEC Item 1.05). */
  materialIncident: known(z.boolean()),
  /** Essential or important entity under NIS2, or neither. */
  nis2Entity: known(z.enum(['essential', 'important', 'none'])),
  /** A significant incident under NIS2 Art. 23(3). */
  significantIncident: known(z.boolean()),
  /** A financial entity under DORA Art. 2. */
  doraFinancialEntity: known(z.boolean()),
  /** A major ICT-related incident under DORA Art. 18. */
  majorIctIncident: known(z.boolean()),
  /** A covered entity of NYDFS 23 NYCRR 500. */
  nydfsCoveredEntity: known(z.boolean()),
  /** An APP entity under Australia's Privacy Act (turnover over A$3M, health service providers, …). */
  appEntity: known(z.boolean()),
  /** A small processing agent under Brazil's ANPD Resolution 2/2022 (doubled deadlines). */
  smallProcessingAgent: known(z.boolean()),

  /** Narrative facts the notices need; each may be unknown (a placeholder that blocks approval). */
  nature: known(z.string().max(20_000)),
  likelyConsequences: known(z.string().max(20_000)),
  measuresTaken: known(z.string().max(20_000)),
  adviceToIndividuals: known(z.string().max(20_000)),
  contactPoint: known(z.string().max(2_000)),
  /** Why a notice is later than its deadline (GDPR Art. 33(1) asks for the reasons). */
  delayReasons: known(z.string().max(20_000)),
});
export type BreachFacts = z.output<typeof breachFactsSchema>;

/**
 * Facts as stored: the same, except that a jurisdiction code written before codes were checked is
 * read as it is (and reported by the assessment), never refused or rewritten on the way in.
 */
export const storedBreachFactsSchema = breachFactsSchema.extend({
  affected: z.array(storedAffectedCountSchema).max(100_000).default([]),
  establishedIn: z.array(z.string()).max(100_000).default([]),
});
export type BreachFactName = keyof BreachFacts;
export const BREACH_FACT_NAMES = Object.keys(breachFactsSchema.shape) as BreachFactName[];

/** The facts an incident itself holds (edited on the incident, read from it by the assessment). */
export const INCIDENT_OWNED_FACTS = ['dataCategories', 'affected'] as const;
export type BreachFactsPatch = Partial<Omit<BreachFacts, (typeof INCIDENT_OWNED_FACTS)[number]>>;

/**
 * A change to an incident's breach facts: only the keys given change, null clears one. Built from
 * the schema without its defaults (a default would reset every fact the patch leaves out).
 */
export const breachFactsPatchSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(breachFactsSchema.shape)
      .filter(([k]) => !(INCIDENT_OWNED_FACTS as readonly string[]).includes(k))
      .map(([k, v]) => [k, (v as z.ZodDefault<z.ZodType>).unwrap().optional()]),
  ),
) as unknown as z.ZodType<BreachFactsPatch>;
