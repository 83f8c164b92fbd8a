/**
 * The incident vocabulary as plain constants, without zod: the CLI's command table and help import
 * these, so `firebreak --help` loads no schema library (docs/cli.md, "How the command starts").
 * contract/incident.ts re-exports them with the schemas built on them.
 */
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

/**
 * How every notice and export of an exercise (a tabletop or drill incident) is marked, so a
 * rehearsed notice can never pass for a real one: at the top of the text, in every page header.
 */
export const EXERCISE_MARKING = 'EXERCISE — NOT A REAL INCIDENT';
/** Put before the subject line of an exercise's notices (the e-mail's Subject:, the letter's title). */
export const EXERCISE_SUBJECT_PREFIX = '[EXERCISE]';
/** Under the marking: what it means for whoever holds the file. */
export const EXERCISE_EXPLANATION = 'Written for a tabletop or drill exercise. Do not send it to a regulator, to the people named or to anyone outside the exercise.';
