import './zodConfig';
/**
 * Post-incident reviews, key events and action items (issue 12 §2): the API's input schemas and
 * the shapes it answers with. The vocabulary is in reviewTerms.ts (zod-free).
 */
import { z } from 'zod';
import { isCalendarDay } from './calendarDay';
import { refSchema, userNameSchema } from './incident';
import {
  ACTION_STATUSES, MAX_REVIEW_SECTION_CHARS, REVIEW_SECTIONS,
  type ActionStatus, type ReviewSection, type ReviewStatus,
} from './reviewTerms';

export * from './reviewTerms';

const sectionText = z.string().max(MAX_REVIEW_SECTION_CHARS, `at most ${MAX_REVIEW_SECTION_CHARS.toLocaleString('en')} characters per section`);
const page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(50) };

/** The sections a save changes; those left out keep the text of the base version. */
export const reviewSectionsPatchSchema = z
  .strictObject(Object.fromEntries(REVIEW_SECTIONS.map((s) => [s, sectionText.optional()])) as Record<ReviewSection, z.ZodOptional<typeof sectionText>>)
  .refine((p) => Object.values(p).some((v) => v !== undefined), 'give at least one section');

export const reviewGetInputSchema = z.strictObject({
  ref: refSchema,
  /** An earlier version to read; default the latest. */
  version: z.number().int().min(1).optional(),
});

export const reviewSaveInputSchema = z.strictObject({
  ref: refSchema,
  /** The version the text was written on (0 for the first save): saving over a newer one is refused. */
  baseVersion: z.number().int().min(0),
  sections: reviewSectionsPatchSchema,
  /** Why a signed-off (final) review is changed: required then, since the save reopens it. */
  reason: z.string().trim().min(3, 'say why, in a few words at least').max(2000).optional(),
});

export const reviewSignOffInputSchema = z.strictObject({ ref: refSchema, version: z.number().int().min(1) });
export const reviewHistoryInputSchema = z.strictObject({ ref: refSchema, ...page });
export const timelineStarInputSchema = z.strictObject({ seq: z.number().int().min(1), starred: z.boolean() });

export type ReviewSections = Record<ReviewSection, string>;

export interface ReviewSignOff {
  by: string;
  at: string;
  version: number;
}

/** A signed-off review that a later save reopened: who, when, why, and which final version it reopened. */
export interface ReviewReopening {
  by: string;
  at: string;
  reason: string;
  /** The final version the save reopened. */
  fromVersion: number;
  /** The version that save wrote. */
  version: number;
}

export interface Review {
  ref: string;
  /** The version read (the latest unless an earlier one was asked for); 0 when nothing was saved yet. */
  version: number;
  sections: ReviewSections;
  /** The review as it stands now: final only while its latest version is the one signed off. */
  status: ReviewStatus;
  /** Who saved the version read, and when (null for version 0). */
  updatedBy: string | null;
  updatedAt: string | null;
  /** The latest sign-off, if any, even when a later save reopened it (then `status` is draft and `reopened` says so). */
  signedOff: ReviewSignOff | null;
  /** The latest reopening of a signed-off review, if any. */
  reopened: ReviewReopening | null;
  /** How many versions exist (the latest version's number). */
  versions: number;
  /** SHA-256 of the version's sections as canonical JSON, also in its `review.saved` event (null for version 0). */
  sha256: string | null;
}

export interface ReviewVersionSummary {
  version: number;
  by: string;
  at: string;
  /** The sections this version changed. */
  changed: ReviewSection[];
  sha256: string;
  /** The `review.saved` event. */
  eventSeq: number;
  /** Set when this save reopened a signed-off review. */
  reopened: { fromVersion: number; reason: string } | null;
}

export interface ReviewHistory {
  ref: string;
  /** How many versions exist. */
  total: number;
  offset: number;
  /** Newest first. */
  versions: ReviewVersionSummary[];
  /** Every sign-off, newest first. */
  signOffs: (ReviewSignOff & { eventSeq: number })[];
}

const actionTitle = z.string().trim().min(3, 'at least 3 characters').max(200);
const actionNote = z.string().trim().min(3, 'say it in a few words at least').max(2000);
/**
 * A due date: a calendar date, not an instant (it reads the same in every time zone and in the CLI).
 * A date already past is accepted — recording an item that was due last week is back-filling, and
 * the item is overdue at once.
 */
export const actionDueSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD, e.g. 2026-04-30 (a due date has no time of day)')
  .refine(isCalendarDay, { error: (issue) => `${String(issue.input)} is not a calendar date` });
/** Positive integer ids; shown as A-12. */
export const actionIdSchema = z.number().int().min(1);

export const actionListInputSchema = z.strictObject({
  ref: refSchema.optional(),
  owner: userNameSchema.optional(),
  status: z.enum(ACTION_STATUSES).optional(),
  /** Only open items past their due time. */
  overdue: z.boolean().optional(),
  ...page,
});

export const actionAddInputSchema = z.strictObject({
  ref: refSchema,
  title: actionTitle,
  owner: userNameSchema,
  /** The date it is due on (actionDueSchema). */
  due: actionDueSchema,
});

export const actionUpdateInputSchema = z.strictObject({
  id: actionIdSchema,
  title: actionTitle.optional(),
  owner: userNameSchema.optional(),
  due: actionDueSchema.optional(),
  /** Why: required to move the due date of an overdue item, recorded with any change. */
  reason: actionNote.optional(),
}).refine((u) => u.title !== undefined || u.owner !== undefined || u.due !== undefined, 'change at least one of title, owner, due');

export const actionDoneInputSchema = z.strictObject({ id: actionIdSchema, note: actionNote });
export const actionWontDoInputSchema = z.strictObject({ id: actionIdSchema, reason: actionNote });
export const actionReopenInputSchema = z.strictObject({ id: actionIdSchema, reason: actionNote });

export interface ActionItem {
  id: number;
  ref: string;
  /** The incident's title, for lists across incidents. */
  incidentTitle: string;
  /** The incident is an exercise: the item is exercise work, shown with the EXERCISE badge. */
  exercise: boolean;
  title: string;
  owner: string;
  /** The date it is due on (YYYY-MM-DD): shown as a date everywhere, never converted between zones. */
  due: string;
  /** When it becomes overdue: the end of the due date where the backend runs (ISO, UTC). */
  dueAt: string;
  status: ActionStatus;
  /** Open and past the end of its due date. */
  overdue: boolean;
  /** The done note or the won't-do reason (null while open). */
  note: string | null;
  /** Who closed it (done or won't do) and when; null while open. */
  closedBy: string | null;
  closedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  /** Every change is a version (kept, with its event). */
  version: number;
}

export interface ActionItemPage {
  /** Items that match the filter. */
  total: number;
  /** Of those, how many are overdue. */
  overdue: number;
  offset: number;
  /** Overdue first (most overdue first), then open ones by due date, then closed ones. */
  rows: ActionItem[];
}

/** An open action item crossed a threshold (ACTION_ALARM_HOURS): to report readers and to its owner. */
export interface ActionAlarm {
  id: number;
  ref: string;
  /** The incident is an exercise: the alarm says so first. */
  exercise: boolean;
  title: string;
  owner: string;
  /** The due date (YYYY-MM-DD) and when it ends (ISO). */
  due: string;
  dueAt: string;
  /** Hours before the due time, or 0 when it is overdue. */
  threshold: number;
}

