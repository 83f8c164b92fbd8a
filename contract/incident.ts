import './zodConfig';
/** Incident domain types and the schemas of their fields (shared by API validation and the UI). */
import { z } from 'zod';

export {
  CATEGORIES, DATA_CATEGORIES, EXERCISE_EXPLANATION, EXERCISE_MARKING, EXERCISE_SUBJECT_PREFIX, PHASE_TIMESTAMP, PII_FIELDS, SEVERITIES, STATUSES,
} from './incidentTerms';
export type { Category, DataCategory, IncidentStatus, PiiField, Severity } from './incidentTerms';
import { CATEGORIES, DATA_CATEGORIES, SEVERITIES, type IncidentStatus, type PiiField, type Severity } from './incidentTerms';
import { checkJurisdiction, exactCodeProblem, tidyJurisdiction } from './jurisdictions';
import type { IncidentPhase } from './phases';

/**
 * A jurisdiction as someone gives it (contract/jurisdictions.ts): an ISO 3166-1 alpha-2 country or
 * a `US-XX` state or territory, any case; a well-known alias (UK, EL) passes as given, and the
 * domain that stores it reads it as its code and logs the mapping. Anything else is refused with
 * the nearest valid codes.
 */
export const jurisdictionSchema = z.string().max(60).superRefine((given, ctx) => {
  const check = checkJurisdiction(given);
  if (!check.ok) ctx.addIssue({ code: 'custom', message: check.message });
}).transform(tidyJurisdiction);

const JURISDICTION_SHAPE = /^[A-Z]{2}(-[A-Z]{2})?$/;
/**
 * Exactly an assigned code (files that are read again and again: runbooks, regimes), where an alias
 * is refused with the code to write instead, rather than mapped at every read.
 */
export const jurisdictionCodeSchema = z.string().regex(JURISDICTION_SHAPE, 'expected a country code like DE or a US state like US-CA').superRefine((code, ctx) => {
  const problem = JURISDICTION_SHAPE.test(code) ? exactCodeProblem(code) : null;
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});

const countSchema = z.number().int().min(0).max(10_000_000_000);
export const affectedCountSchema = z.strictObject({
  jurisdiction: jurisdictionSchema,
  count: countSchema,
});
export type AffectedCount = z.infer<typeof affectedCountSchema>;

/** People per place; two rows for one place (UK next to GB is one) are added up, as the engine reads them. */
export const affectedListSchema = z.array(affectedCountSchema).max(300);

/** A stored count, read as stored: codes written before they were checked are reported, not refused (reviewStoredJurisdictions). */
export const storedAffectedCountSchema = z.object({ jurisdiction: z.string(), count: countSchema });

const isoTime = z.iso.datetime({ offset: true });
const userName = z.string().regex(/^[a-z][a-z0-9._-]{1,31}$/, 'lower-case letters, digits, . _ -, 2–32 characters');
export const userNameSchema = userName;

/** Every editable field; create and update both draw from this. */
export const incidentFieldsSchema = z.strictObject({
  title: z.string().trim().min(3).max(200),
  summary: z.string().max(20_000),
  category: z.enum(CATEGORIES),
  severity: z.enum(SEVERITIES),
  owner: userName.nullable(),
  tags: z.array(z.string().trim().min(1).max(40)).max(30),
  /** When the compromise or impact began, as far as it is known (time to detect starts here); null: unknown. */
  startedAt: isoTime.nullable(),
  detectedAt: isoTime,
  triagedAt: isoTime.nullable(),
  containedAt: isoTime.nullable(),
  eradicatedAt: isoTime.nullable(),
  recoveredAt: isoTime.nullable(),
  closedAt: isoTime.nullable(),
  dataCategories: z.array(z.enum(DATA_CATEGORIES)).max(DATA_CATEGORIES.length),
  affected: affectedListSchema,
  reporterName: z.string().max(200).nullable(),
  reporterEmail: z.email().nullable(),
  reporterPhone: z.string().regex(/^[+0-9 ()-]{3,40}$/, 'digits, spaces, + ( ) -').nullable(),
  affectedPeople: z.array(z.string().trim().min(1).max(200)).max(1000),
  /** A tabletop or drill, not a real incident: badged everywhere, watermarked on exports, left out of KPIs unless asked. */
  exercise: z.boolean(),
});
export type IncidentFields = z.infer<typeof incidentFieldsSchema>;

export interface Incident extends IncidentFields {
  ref: string;
  status: IncidentStatus;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  /** The most severe severity the incident has had (derived from the log's severity changes); reports group by it. */
  highestSeverity: Severity;
  /** Fields withheld from this caller because the role lacks `pii:read`. */
  redacted: PiiField[];
  /**
   * Personal data this backend could not open (docs/security.md): `erased` when the incident's
   * data-subject key was destroyed (crypto-shredding, with when, by whom and why), `withheld` when
   * the personal-data key is not held here (no holder has signed in to this process). Absent: open.
   */
  personalData?: { state: 'erased'; at: string; by: string; reason: string } | { state: 'withheld' };
  /** Every phase in order: reached (with its time), skipped, superseded or not reached (contract/phases.ts). */
  phases: IncidentPhase[];
}

export type IncidentRow = Pick<
  Incident,
  'ref' | 'title' | 'category' | 'severity' | 'status' | 'owner' | 'tags' | 'detectedAt' | 'updatedAt' | 'exercise'
>;

export const SORTABLE_FIELDS = ['ref', 'title', 'category', 'severity', 'status', 'owner', 'detectedAt', 'updatedAt'] as const;
export type SortableField = (typeof SORTABLE_FIELDS)[number];

export interface IncidentPage {
  total: number;
  offset: number;
  rows: IncidentRow[];
}

export const REF_PATTERN = /^IR-\d{4}-\d{4,}$/;
export const refSchema = z.string().regex(REF_PATTERN, 'expected a reference like IR-2026-0001');
