import './zodConfig';
/** Incident domain types and the schemas of their fields (shared by API validation and the UI). */
import { z } from 'zod';

export const STATUSES = ['detected', 'triaged', 'contained', 'eradicated', 'recovered', 'closed'] as const;
export type IncidentStatus = (typeof STATUSES)[number];

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CATEGORIES = [
  'ransomware', 'malware', 'phishing', 'account-takeover', 'business-email-compromise',
  'data-breach', 'lost-device', 'ddos', 'insider', 'cloud-credential-leak', 'outage', 'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const DATA_CATEGORIES = [
  'contact', 'financial', 'payment-card', 'health', 'government-id', 'credentials',
  'biometric', 'children', 'location', 'special-category', 'other',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Fields holding personal data: masked for roles without `pii:read`. */
export const PII_FIELDS = ['reporterName', 'reporterEmail', 'reporterPhone', 'affectedPeople'] as const;
export type PiiField = (typeof PII_FIELDS)[number];

/** The timestamp each phase stamps when it is first reached. */
export const PHASE_TIMESTAMP: Partial<Record<IncidentStatus, 'containedAt' | 'recoveredAt' | 'closedAt' | 'triagedAt' | 'eradicatedAt'>> = {
  triaged: 'triagedAt',
  contained: 'containedAt',
  eradicated: 'eradicatedAt',
  recovered: 'recoveredAt',
  closed: 'closedAt',
};

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
