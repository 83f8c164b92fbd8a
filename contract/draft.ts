import './zodConfig';
/**
 * Notification drafts (issue #5): the notice an obligation calls for, written for its audience
 * from the incident's facts, versioned, approved and recorded as sent. Versions are append-only;
 * a sent notice is never edited, only followed by a supplementary notice.
 */
import { z } from 'zod';
import type { Outcome, SourceCite } from './assessment';
import { refSchema } from './incident';
import { AUDIENCES, type Audience, type ContentField } from './regime';

export { DECISION_SUPPORT_NOTICE, DRAFT_STATUSES, EXPORT_FORMATS, SEND_CHANNELS } from './notifyTerms';
export type { DraftStatus, ExportFormat, SendChannel } from './notifyTerms';
import { EXPORT_FORMATS, SEND_CHANNELS, type DraftStatus, type ExportFormat, type SendChannel } from './notifyTerms';

/** The words a placeholder uses for each required-content field: `[[MISSING: likely consequences]]`. */
export const CONTENT_FIELD_LABELS: Readonly<Record<ContentField, string>> = {
  organisation: 'name and contact details of the organisation',
  nature: 'nature of the breach',
  dataCategories: 'categories of personal data',
  affectedCount: 'number of people affected',
  dates: 'dates of the breach',
  likelyConsequences: 'likely consequences',
  measuresTaken: 'measures taken or proposed',
  adviceToIndividuals: 'what people can do to protect themselves',
  contactPoint: 'contact point for more information',
  delayReasons: 'reasons for any delay',
};

/** A fact still unknown when the draft was written: it stays in the text, visibly, and blocks approval until replaced. */
export const placeholderFor = (field: ContentField): string => `[[MISSING: ${CONTENT_FIELD_LABELS[field]}]]`;

/** Every distinct placeholder in a text (including ones typed by hand), in order of first appearance. */
export function findPlaceholders(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/\[\[MISSING:\s*([^\]\n]{1,200}?)\s*\]\]/g)) found.add(m[1] ?? '');
  return [...found];
}

/** A required-content item of the regime and whether the draft says it (no placeholder left for its field). */
export interface DraftContentItem {
  id: string;
  text: string;
  field: ContentField;
  present: boolean;
  source: SourceCite;
}

export interface DraftApproval {
  user: string;
  at: string;
}

export interface DraftSent {
  channel: SendChannel;
  recipient: string;
  /** When it was sent (as the sender says). */
  at: string;
  /** SHA-256 of exactly what was sent: the exported file when its hash was given, else the version's body text. */
  sha256: string;
  /** What `sha256` is the hash of. */
  hashOf: 'body' | ExportFormat;
  by: string;
  /** When it was recorded. */
  recordedAt: string;
  version: number;
}

export interface DraftVersion {
  version: number;
  createdAt: string;
  createdBy: string;
  /** SHA-256 of the version's body (UTF-8). */
  sha256: string;
  placeholders: number;
  approvals: DraftApproval[];
}

export interface Draft {
  id: string;
  ref: string;
  /**
   * The incident is a tabletop or drill (read when the draft is, so it follows the incident): every
   * export is then marked "EXERCISE — NOT A REAL INCIDENT".
   */
  exercise: boolean;
  regimeId: string;
  regimeName: string;
  /** The stage the notice is for (GDPR Art. 33 has one; NIS2 an early warning, a notification and a final report). */
  stage: string | null;
  audience: Audience;
  /** Who receives it, as the regime says ("The competent supervisory authority …"). */
  recipient: string;
  /** The regime's outcome for the incident when the draft was created (a draft for an obligation not due is allowed but flagged). */
  outcome: Outcome;
  /** This view's version (the latest unless asked for another). */
  version: number;
  latestVersion: number;
  status: DraftStatus;
  /** The sent draft this one supplements, or null. */
  supplementTo: string | null;
  title: string;
  body: string;
  bodySha256: string;
  contents: DraftContentItem[];
  /** Placeholders left in the body: approval is refused while there are any. */
  placeholders: string[];
  createdAt: string;
  createdBy: string;
  /** Who wrote this version and when. */
  editedAt: string;
  editedBy: string;
  /** Approvals of this version (a new version starts with none). */
  approvals: DraftApproval[];
  /** 1, or 2 (two different people, neither the last editor) when the plan asks for two approvers. */
  requiredApprovals: 1 | 2;
  sent: DraftSent | null;
  versions: DraftVersion[];
  /** Decision support, not legal advice. */
  notice: string;
}

export interface DraftSummary {
  id: string;
  regimeId: string;
  regimeName: string;
  stage: string | null;
  audience: Audience;
  status: DraftStatus;
  latestVersion: number;
  placeholders: number;
  supplementTo: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface DraftDiff {
  id: string;
  from: number;
  to: number;
  /** Line by line: unchanged, added in `to`, removed from `from`. */
  lines: { op: 'same' | 'add' | 'remove'; text: string }[];
  /** The same as a unified diff, for a terminal or a review mail. */
  unified: string;
}

export interface DraftExport {
  fileName: string;
  mediaType: string;
  dataBase64: string;
  /** SHA-256 of the file's bytes: give it to `notify.drafts.markSent` when this file is what was sent. */
  sha256: string;
  version: number;
  placeholders: string[];
  notice: string;
}

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens').max(60);
export const draftIdSchema = z.uuid();
const version = z.number().int().min(1).max(100_000);

export const draftCreateInputSchema = z.strictObject({
  ref: refSchema,
  regimeId: id,
  /** Default: the regime's first stage due. */
  stage: id.optional(),
  /** Default: the regime's own audience. */
  audience: z.enum(AUDIENCES).optional(),
  /** Two approvers for this notice; default: the organisation's notification plan (settings.notifyPlan). */
  twoApprovers: z.boolean().optional(),
});

export const draftReviseInputSchema = z.strictObject({
  id: draftIdSchema,
  body: z.string().min(1).max(200_000),
  title: z.string().trim().min(3).max(300).optional(),
});

export const draftMarkSentInputSchema = z.strictObject({
  id: draftIdSchema,
  channel: z.enum(SEND_CHANNELS),
  recipient: z.string().trim().min(1).max(500),
  /** Default: now. */
  sentAt: z.iso.datetime({ offset: true }).optional(),
  /** The SHA-256 of the exported file that was sent (from `notify.drafts.export`); default: the body's. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits').optional(),
  format: z.enum(EXPORT_FORMATS).optional(),
}).refine((i) => (i.sha256 === undefined) === (i.format === undefined), { message: 'give sha256 and format together', path: ['format'] });

export const draftExportInputSchema = z.strictObject({
  id: draftIdSchema,
  format: z.enum(EXPORT_FORMATS),
  /** Default: the latest version. */
  version: version.optional(),
  /** For the letter's address block and the e-mail's To: (default: who it was sent to, else a placeholder line). */
  recipient: z.string().trim().min(1).max(500).optional(),
});

export const draftGetInputSchema = z.strictObject({ id: draftIdSchema, version: version.optional() });
export const draftDiffInputSchema = z.strictObject({ id: draftIdSchema, from: version, to: version });
