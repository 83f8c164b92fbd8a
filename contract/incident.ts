import './zodConfig';
/** Incident domain types and the schemas of their fields (shared by API validation and the UI). */
import { z } from 'zod';

export { CATEGORIES, DATA_CATEGORIES, PHASE_TIMESTAMP, PII_FIELDS, SEVERITIES, STATUSES } from './incidentTerms';
export type { Category, DataCategory, IncidentStatus, PiiField, Severity } from './incidentTerms';
import { CATEGORIES, DATA_CATEGORIES, SEVERITIES, type IncidentStatus, type PiiField } from './incidentTerms';
import type { IncidentPhase } from './phases';

/** ISO 3166-1 alpha-2 country, or `US-XX` for a US state / territory. */
export const jurisdictionSchema = z.string().regex(/^[A-Z]{2}(-[A-Z]{2})?$/, 'expected a country code like DE or a US state like US-CA');

export const affectedCountSchema = z.strictObject({
  jurisdiction: jurisdictionSchema,
  count: z.number().int().min(0).max(10_000_000_000),
});
export type AffectedCount = z.infer<typeof affectedCountSchema>;

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
  detectedAt: isoTime,
  triagedAt: isoTime.nullable(),
  containedAt: isoTime.nullable(),
  eradicatedAt: isoTime.nullable(),
  recoveredAt: isoTime.nullable(),
  closedAt: isoTime.nullable(),
  dataCategories: z.array(z.enum(DATA_CATEGORIES)).max(DATA_CATEGORIES.length),
  affected: z.array(affectedCountSchema).max(300),
  reporterName: z.string().max(200).nullable(),
  reporterEmail: z.email().nullable(),
  reporterPhone: z.string().regex(/^[+0-9 ()-]{3,40}$/, 'digits, spaces, + ( ) -').nullable(),
  affectedPeople: z.array(z.string().trim().min(1).max(200)).max(1000),
});
export type IncidentFields = z.infer<typeof incidentFieldsSchema>;

export interface Incident extends IncidentFields {
  ref: string;
  status: IncidentStatus;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  /** Fields withheld from this caller because the role lacks `pii:read`. */
  redacted: PiiField[];
  /** Every phase in order: reached (with its time), skipped, superseded or not reached (contract/phases.ts). */
  phases: IncidentPhase[];
}

export type IncidentRow = Pick<
  Incident,
  'ref' | 'title' | 'category' | 'severity' | 'status' | 'owner' | 'tags' | 'detectedAt' | 'updatedAt'
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
