/** The notification vocabulary as plain constants, without zod (see contract/incidentTerms.ts for why). */

/** What a notice must say; `field` ties each item to the fact (or incident field) that fills it. */
export const CONTENT_FIELDS = [
  'organisation', 'nature', 'dataCategories', 'affectedCount', 'dates', 'likelyConsequences', 'measuresTaken',
  'adviceToIndividuals', 'contactPoint', 'delayReasons',
] as const;
export type ContentField = (typeof CONTENT_FIELDS)[number];

export const AUDIENCES = ['authority', 'individuals', 'media', 'board', 'other'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Shown beside every draft, in the app and the CLI, and kept in exported files' metadata (never in the letter itself). */
export const DECISION_SUPPORT_NOTICE =
  'Decision support, not legal advice: Firebreak drafted this notice from the incident\'s facts and the regime\'s rules; have counsel review it before it is sent.';

export const DRAFT_STATUSES = ['draft', 'approved', 'sent'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

export const SEND_CHANNELS = ['email', 'portal', 'post', 'phone', 'other'] as const;
export type SendChannel = (typeof SEND_CHANNELS)[number];

export const EXPORT_FORMATS = ['md', 'html', 'pdf', 'docx', 'eml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
