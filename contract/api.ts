import './zodConfig';
/**
 * The API: every method the backend offers, its input schema, its output type and the access it
 * needs. Every transport (Electron IPC, browser-mode HTTP, CLI, tests) goes through one router
 * that enforces this table, so adding a method here is the only way to add a door.
 */
import { z } from 'zod';
import type { Assessment, BoardRow } from './assessment';
import { breachFactsPatchSchema, breachFactsSchema, type BreachFacts } from './breachFacts';
import {
  draftCreateInputSchema, draftDiffInputSchema, draftExportInputSchema, draftGetInputSchema, draftIdSchema, draftMarkSentInputSchema,
  draftReviseInputSchema, type Draft, type DraftDiff, type DraftExport, type DraftSummary,
} from './draft';
import { letterheadSchema, type Letterhead } from './letterhead';
import { alarmSettingsInputSchema, type AlarmSettings } from './alarmSettings';
import { notifyPlanSchema, type NotifyPlan } from './notifyPlan';
import type { Access } from './roles';
import { ROLES } from './roles';
import {
  CATEGORIES, SEVERITIES, SORTABLE_FIELDS, STATUSES, incidentFieldsSchema, refSchema, userNameSchema,
  type Incident, type IncidentPage,
} from './incident';
import type { EventPage, TimelineEvent, VerifyResult } from './timeline';

/** What `pii.erase` did: the incident's data subject whose key is gone, and the event that says so. */
export interface PiiErasure {
  ref: string;
  subject: string;
  erasedAt: string;
  erasedBy: string;
  reason: string;
  seq: number;
}
import { DEFAULT_TLP, REPORT_FORMATS, TLP_LEVELS, anchorInputSchema, incidentReportInputSchema, type AnchorCheck, type ReportFile } from './report';
import {
  actionAddInputSchema, actionDoneInputSchema, actionIdSchema, actionListInputSchema, actionReopenInputSchema, actionUpdateInputSchema,
  actionWontDoInputSchema, reviewGetInputSchema, reviewHistoryInputSchema, reviewSaveInputSchema, reviewSignOffInputSchema, timelineStarInputSchema,
  type ActionItem, type ActionItemPage, type Review, type ReviewHistory,
} from './review';
import type { MfaEnrolment, SessionInfo, User, VaultStatus } from './user';
import { MAX_EVIDENCE_BYTES, type Evidence, type EvidenceContent } from './evidence';
import { runbookLintInputSchema, type RunbookLintFile, type RunbookSummary } from './runbook';
import {
  runActInputSchema, runApproveInputSchema, runIdSchema, runStartInputSchema, runbookDuplicateInputSchema,
  runbookExportInputSchema, runbookImportInputSchema, type RunView, type RunbookSuggestion,
} from './run';
import {
  VERIFY_LEVELS, checkListInputSchema, planAddInputSchema, planApproveInputSchema, planNameInputSchema, planRecipientsInputSchema,
  type BackupCheck, type BackupCheckRecord, type BackupPlan, type BackupScheduleStatus, type BackupSummary, type PruneReport, type RestoreReport,
} from './backup';
import { isCalendarDay } from './calendarDay';
import { kpiPeriodProblem, type KpiResult } from './kpis';
import { eventSearchTextSchema, filterTextSchema } from './searchText';
import {
  accessReportInputSchema, alertAcknowledgeInputSchema, alertListInputSchema, alertSettingsSchema,
  type AccessReport, type Alert, type AlertPage, type AlertSettingsView,
} from './alerts';
import { syslogSettingsSchema, type SyslogSettingsView } from './syslog';

export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  access: Access;
  /** Phantom: carries the output type for the typed client. */
  readonly output?: O;
}

const method =
  <O>() =>
  <I extends z.ZodType>(spec: { input: I; access: Access }): MethodSpec<I, O> =>
    spec;

const empty = z.strictObject({});
export const passphraseSchema = z.string().min(1).max(1024);
const otpSchema = z.string().regex(/^\d{6}$/, 'a 6-digit code');
const base64Schema = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64')
  .max(Math.ceil(MAX_EVIDENCE_BYTES / 3) * 4, `at most ${MAX_EVIDENCE_BYTES / (1024 * 1024)} MiB`);
/** Why phase times in impossible order are right anyway (recorded in the log with the pairs). */
const overrideReason = z.string().trim().min(1, 'say why the times are right anyway').max(2000).optional();
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD, e.g. 2026-01-01')
  .refine(isCalendarDay, { error: (issue) => `${String(issue.input)} is not a calendar date` });
/** A period of whole UTC days, first and last day included, and the KPIs' filters. */
const periodShape = {
  from: isoDay,
  to: isoDay,
  severity: z.array(z.enum(SEVERITIES)).max(SEVERITIES.length).optional(),
  category: z.array(z.enum(CATEGORIES)).max(CATEGORIES.length).optional(),
  includeExercises: z.boolean().default(false),
};
/** The checks every period shares, by the one rule the CLI and the dashboard apply too (kpiPeriodProblem names the fix). */
const checkPeriod = (q: { from: string; to: string }, ctx: z.RefinementCtx): void => {
  const problem = kpiPeriodProblem(q.from, q.to);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['to'] });
};
export const kpiQuerySchema = z.strictObject(periodShape).superRefine(checkPeriod);
/** The period report (issue 12 §4): the KPIs' period and filters, plus the file's format, marking and redaction. */
export const periodReportInputSchema = z
  .strictObject({
    ...periodShape,
    format: z.enum(REPORT_FORMATS),
    tlp: z.enum(TLP_LEVELS).default(DEFAULT_TLP),
    /** For parity with the incident report: the period report holds no personal field, and with this free text (titles, reasons) is scrubbed of personal values too. */
    redact: z.boolean().default(false),
  })
  .superRefine(checkPeriod);
const page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(50) };

export const methods = {
  'vault.status': method<VaultStatus>()({ input: empty, access: 'public' }),
  'vault.create': method<{ recoveryKey: string; session: SessionInfo }>()({
    input: z.strictObject({ admin: userNameSchema, passphrase: passphraseSchema }),
    access: 'public',
  }),
  /** Sets a new passphrase for a user from the recovery key (forgotten passphrase, lost TOTP device). */
  'vault.recover': method<{ user: string }>()({
    input: z.strictObject({
      recoveryKey: z.string().min(10).max(200),
      user: userNameSchema,
      newPassphrase: passphraseSchema,
      resetMfa: z.boolean().default(false),
    }),
    access: 'public',
  }),
  'vault.exportKey': method<{ keyHex: string }>()({ input: empty, access: 'vault:export-key' }),
  /**
   * Makes the recovery key a holder of the personal-data key in a vault created before it was
   * one (docs/security.md, "Keys"): its public half can only be derived from the recovery key,
   * stored nowhere, so an administrator types it in once. Checked against vault.json's recovery
   * slot (under the sign-in backoff); needs this process to hold the personal-data key.
   */
  'vault.registerRecoveryKey': method<{ recoveryHolder: 'registered' | 'kept' | 'replaced'; piiKeyGranted: boolean }>()({
    input: z.strictObject({ recoveryKey: z.string().min(10).max(200) }),
    access: 'user:manage',
  }),
  /** Signs every user out and drops the key: an administrator's decision, recorded in their name. */
  'vault.lock': method<{ locked: true }>()({ input: empty, access: 'vault:lock' }),

  'auth.login': method<SessionInfo>()({
    input: z.strictObject({ user: userNameSchema, passphrase: passphraseSchema, otp: otpSchema.optional() }),
    access: 'public',
  }),
  'auth.logout': method<{ signedOut: true }>()({ input: empty, access: 'session' }),
  'auth.session': method<SessionInfo | null>()({ input: empty, access: 'public' }),
  'auth.changePassphrase': method<{ changed: true }>()({
    input: z.strictObject({ current: passphraseSchema, next: passphraseSchema }),
    access: 'session',
  }),
  /**
   * Starts enrolling an authenticator: the user's passphrase again, and while one is enrolled a
   * current code from it, so a signed-in session alone cannot replace it.
   */
  'mfa.begin': method<MfaEnrolment>()({
    input: z.strictObject({ passphrase: passphraseSchema, code: otpSchema.optional() }),
    access: 'session',
  }),
  'mfa.confirm': method<{ enrolled: true }>()({ input: z.strictObject({ code: otpSchema }), access: 'session' }),

  'users.list': method<User[]>()({ input: empty, access: 'user:manage' }),
  'users.add': method<User>()({
    input: z.strictObject({
      name: userNameSchema,
      role: z.enum(ROLES),
      passphrase: passphraseSchema,
      /** The administrator knows this passphrase, so by default the user must change it at first sign-in. */
      mustChangePassphrase: z.boolean().default(true),
    }),
    access: 'user:manage',
  }),
  'users.setRole': method<User>()({
    input: z.strictObject({ name: userNameSchema, role: z.enum(ROLES) }),
    access: 'user:manage',
  }),
  /**
   * Offboarding: the user can no longer sign in (their key slot leaves vault.json), their sessions
   * end at once, and every record stays attributed to them. Never yourself, never the last administrator.
   */
  'users.disable': method<User>()({
    input: z.strictObject({ name: userNameSchema, reason: z.string().trim().min(1).max(2000).optional() }),
    access: 'user:manage',
  }),
  /** Lets a disabled user sign in again, with a new passphrase the administrator sets and the user must change. */
  'users.enable': method<User>()({
    input: z.strictObject({ name: userNameSchema, newPassphrase: passphraseSchema }),
    access: 'user:manage',
  }),
  /**
   * Sets another user's passphrase (forgotten, or possibly known to someone else): their sessions end, and they must change it at the next sign-in.
   * Their two-factor enrolment ends too: its secret is sealed under a key only the old passphrase unwraps (docs/security.md).
   */
  'users.resetPassphrase': method<User>()({
    input: z.strictObject({ name: userNameSchema, newPassphrase: passphraseSchema }),
    access: 'user:manage',
  }),
  /**
   * Ends another user's two-factor enrolment (a lost phone, a secret that may have leaked); they
   * sign in with the passphrase alone until they enrol again. Logged as mfa.reset. Never yourself.
   */
  'users.resetMfa': method<User>()({
    input: z.strictObject({ name: userNameSchema }),
    access: 'user:manage',
  }),
  /** Names only, for owner pickers: every signed-in user may see who can own an incident. */
  'users.names': method<string[]>()({ input: empty, access: 'session' }),

  'incidents.list': method<IncidentPage>()({
    input: z.strictObject({
      status: z.array(z.enum(STATUSES)).optional(),
      severity: z.array(z.enum(SEVERITIES)).optional(),
      category: z.array(z.enum(CATEGORIES)).optional(),
      owner: userNameSchema.optional(),
      /** Words in the reference, title or tags (never personal data: those fields are not searched). */
      text: filterTextSchema(200).optional(),
      sort: z.strictObject({ field: z.enum(SORTABLE_FIELDS), dir: z.enum(['asc', 'desc']) }).optional(),
      ...page,
    }),
    access: 'incident:read',
  }),
  'incidents.get': method<Incident>()({ input: z.strictObject({ ref: refSchema }), access: 'incident:read' }),
  'incidents.create': method<Incident>()({
    input: incidentFieldsSchema.partial().required({ title: true, severity: true, category: true }).extend({ overrideTimeOrder: overrideReason }),
    access: 'incident:write',
  }),
  /**
   * Changes only the fields that differ, each recorded with before and after. `reason` (optional)
   * says why — a corrected time, say — and is recorded in the `incident.updated` event with them.
   */
  'incidents.update': method<Incident>()({
    input: z.strictObject({
      ref: refSchema,
      patch: incidentFieldsSchema.partial(),
      overrideTimeOrder: overrideReason,
      reason: z.string().trim().min(1, 'say why, or leave the reason out').max(2000).optional(),
    }),
    access: 'incident:write',
  }),
  /**
   * Moves to another phase (contract/phases.ts). Forward over phases without a time needs
   * `skipPhases`; back needs a `reason`; closing over open items needs a `reason` (CONFLICT with
   * `openItems` otherwise); times out of order need `overrideTimeOrder` (VALIDATION with `timeOrder`).
   */
  'incidents.setStatus': method<Incident>()({
    input: z.strictObject({
      ref: refSchema,
      status: z.enum(STATUSES),
      reason: z.string().trim().max(2000).optional(),
      skipPhases: z.boolean().optional(),
      overrideTimeOrder: overrideReason,
    }),
    access: 'incident:write',
  }),
  'incidents.addNote': method<TimelineEvent>()({
    input: z.strictObject({ ref: refSchema, text: z.string().trim().min(1).max(20_000) }),
    access: 'incident:note',
  }),

  'timeline.forIncident': method<TimelineEvent[]>()({
    input: z.strictObject({ ref: refSchema }),
    access: 'incident:read',
  }),
  /**
   * Stars an event of an incident as a key event of its review, or takes the star away: the mark
   * is itself an event (`event.starred` / `event.unstarred` naming the seq); the key events are
   * derived from those, never by changing the event starred.
   */
  'timeline.star': method<{ seq: number; starred: boolean; keyEvents: number[] }>()({ input: timelineStarInputSchema, access: 'review:write' }),
  'audit.list': method<EventPage>()({
    input: z.strictObject({
      type: filterTextSchema(60).optional(),
      actor: userNameSchema.optional(),
      /** Full-text over type, actor and the event data without its personal data (docs/security.md). */
      text: eventSearchTextSchema.optional(),
      ...page,
    }),
    access: 'audit:read',
  }),
  'log.verify': method<VerifyResult>()({ input: empty, access: 'log:verify' }),
  /**
   * Erases an incident's personal data (reporter, people affected) by destroying the key it is
   * sealed under (docs/security.md, crypto-shredding), logged as `pii.subject_shredded` with the
   * reason and no personal data. Irreversible; the log still verifies.
   */
  'pii.erase': method<PiiErasure>()({
    input: z.strictObject({ ref: refSchema, reason: z.string().trim().min(3, 'say why (the legal basis: an erasure request, the retention period)').max(1000) }),
    access: 'pii:erase',
  }),
  /**
   * Proves that the log still holds the event an anchor names (a report's, a backup manifest's)
   * unchanged: the event at `seq` has `hash` and the whole chain verifies. With `reportSha256`,
   * also finds the `report.generated` event that recorded that file against this anchor.
   */
  'log.verifyAnchor': method<AnchorCheck>()({ input: anchorInputSchema, access: 'log:verify' }),

  'evidence.list': method<Evidence[]>()({ input: z.strictObject({ ref: refSchema }), access: 'evidence:read' }),
  'evidence.add': method<Evidence>()({
    input: z.strictObject({
      ref: refSchema,
      name: z.string().trim().min(1).max(255).refine((n) => !/[/\\\0]/.test(n), 'a file name, not a path'),
      mediaType: z.string().max(127).default('application/octet-stream'),
      description: z.string().max(2000).default(''),
      dataBase64: base64Schema,
    }),
    access: 'evidence:write',
  }),
  /** `view` and `export` are both custody events; the hash is re-checked before anything is returned. */
  'evidence.get': method<EvidenceContent>()({
    input: z.strictObject({ ref: refSchema, id: z.string().uuid(), purpose: z.enum(['view', 'export']) }),
    access: 'evidence:read',
  }),

  /** Built-in and custom runbooks, broken ones with their problems. */
  'runbooks.list': method<RunbookSummary[]>()({ input: empty, access: 'incident:read' }),
  /**
   * Checks runbook text the caller sends; reads no data and writes nothing (not even the log). Needs
   * a session (issue 13 §6): parsing costs CPU, so no one who cannot sign in may make the backend
   * parse. Bounded by MAX_RUNBOOK_BYTES per file and MAX_LINT_REQUEST_BYTES per call, and parsed on
   * a worker thread with a time limit. `firebreak runbook lint` needs no vault: it runs the same
   * check in its own process (main/api lintRunbooks), not through this method.
   */
  'runbooks.lint': method<RunbookLintFile[]>()({ input: runbookLintInputSchema, access: 'session' }),
  /** Runbooks for this incident, those for its category and severity first. */
  'runbooks.suggest': method<RunbookSuggestion[]>()({ input: z.strictObject({ ref: refSchema }), access: 'incident:read' }),
  /** The file's exact text, for saving or review. */
  'runbooks.export': method<{ fileName: string; text: string; contentHash: string }>()({ input: runbookExportInputSchema, access: 'incident:read' }),
  /** Validates and saves one of the organisation's own runbooks; a file with any problem is refused whole. */
  'runbooks.import': method<RunbookSummary>()({ input: runbookImportInputSchema, access: 'runbook:manage' }),
  /** Copies a runbook under a new id into the organisation's folder, to customise it. */
  'runbooks.duplicate': method<RunbookSummary>()({ input: runbookDuplicateInputSchema, access: 'runbook:manage' }),

  /** Starts a run: pins the runbook's version and content hash. */
  'runs.start': method<RunView>()({ input: runStartInputSchema, access: 'runbook:run' }),
  'runs.list': method<RunView[]>()({ input: z.strictObject({ ref: refSchema }), access: 'incident:read' }),
  'runs.get': method<RunView>()({ input: z.strictObject({ runId: runIdSchema }), access: 'incident:read' }),
  /** Done, skip, tick, note or undo; every transition is an event in the hash chain. */
  'runs.act': method<RunView>()({ input: runActInputSchema, access: 'runbook:run' }),
  /** One approval in an approval step (the step may require a role, or two different people). */
  'runs.approve': method<RunView>()({ input: runApproveInputSchema, access: 'runbook:approve' }),

  'backups.plans.list': method<BackupPlan[]>()({ input: empty, access: 'backup:read' }),
  'backups.plans.get': method<BackupPlan>()({ input: planNameInputSchema, access: 'backup:read' }),
  /**
   * Also needs backup:include-database when the plan holds Firebreak's database (the snapshot, or a
   * source that is, holds or lies inside the data directory), and backup:recipients for extra
   * recipients; each refusal names the permission and is logged (docs/security.md).
   */
  'backups.plans.add': method<BackupPlan>()({ input: planAddInputSchema, access: 'backup:manage' }),
  /** Replaces a plan's extra age recipients (logged with before and after, and the reason); later backups are encrypted to the new list. */
  'backups.plans.setRecipients': method<BackupPlan>()({ input: planRecipientsInputSchema, access: 'backup:recipients' }),
  /**
   * An administrator's decision on a plan flagged for review: its database content and recipients
   * stay as they are (logged with the reasons and the note). Also needs backup:recipients when
   * the review is about recipients.
   */
  'backups.plans.approve': method<BackupPlan>()({ input: planApproveInputSchema, access: 'backup:include-database' }),
  /** The plan goes; its backups stay on disk and listed, still restorable. */
  'backups.plans.remove': method<{ removed: string }>()({ input: planNameInputSchema, access: 'backup:manage' }),
  /** Runs a plan now; progress arrives as `backup.progress` push events. */
  'backups.run': method<BackupSummary>()({ input: planNameInputSchema, access: 'backup:run' }),
  /** Stops a running backup of the plan; the run then keeps nothing. */
  'backups.cancel': method<{ cancelled: boolean }>()({ input: planNameInputSchema, access: 'backup:run' }),
  /** Who runs the plans' schedules (this app or a daemon) and each plan's next run, last result and retries. */
  'backups.schedule': method<BackupScheduleStatus>()({ input: empty, access: 'backup:read' }),
  'backups.list': method<BackupSummary[]>()({ input: z.strictObject({ plan: planNameInputSchema.shape.name.optional() }), access: 'backup:read' }),
  /** One backup (not pruned), with the latest check of each kind. */
  'backups.get': method<BackupSummary>()({ input: z.strictObject({ id: z.string().min(1).max(200) }), access: 'backup:read' }),
  /** Recorded checks (quick, full, drill), newest first: of a plan, of a backup, of a kind. Pruned backups' checks included. */
  'backups.checks': method<BackupCheckRecord[]>()({ input: checkListInputSchema, access: 'backup:read' }),
  'backups.verify': method<BackupCheck>()({
    input: z.strictObject({ id: z.string().min(1).max(200), level: z.enum(VERIFY_LEVELS).exclude(['drill']).default('quick') }),
    access: 'backup:run',
  }),
  /**
   * Restores into a scratch directory, checks every file, measures the time against the RTO. A backup
   * holding the database is drilled whole with backup:run alone: the copy stays in a 0700 scratch
   * directory and is removed (docs/security.md).
   */
  /** `incidentRef`: the incident this drill is part of (its report lists the drill with its RTO and RPO). */
  'backups.drill': method<BackupCheck>()({ input: z.strictObject({ id: z.string().min(1).max(200), incidentRef: refSchema.optional() }), access: 'backup:run' }),
  /**
   * `incidentRef`: the incident this restore recovers from (its report and timeline list the restore).
   * Restoring Firebreak's database out of it (firebreak-data/, or a firebreak.db or vault.json in a
   * source) also needs backup:restore-database; other paths of the same backup do not.
   */
  'backups.restore': method<RestoreReport>()({
    input: z.strictObject({
      id: z.string().min(1).max(200), to: z.string().min(1).max(4096), path: z.string().min(1).max(4096).optional(), overwrite: z.boolean().default(false),
      incidentRef: refSchema.optional(),
    }),
    access: 'backup:restore',
  }),
  /**
   * Applies the plan's retention (like restic's forget): keeps what a rule keeps and every backup
   * a kept incremental needs; the rest is deleted (logged). `dryRun` only reports.
   */
  'backups.prune': method<PruneReport>()({ input: planNameInputSchema.extend({ dryRun: z.boolean().default(false) }), access: 'backup:manage' }),
  /** The age identity that decrypts every backup, for offline storage; the export is logged. */
  'backups.exportIdentity': method<{ identity: string; recipient: string }>()({ input: empty, access: 'backup:export-identity' }),

  /** The regimes the engine knows, with their jurisdiction, audience and when they were last reviewed (public law: no sign-in). */
  'notify.regimes': method<RegimeSummary[]>()({ input: empty, access: 'public' }),
  /** An incident's breach facts (its data categories and affected counts come from the incident). */
  'notify.facts.get': method<IncidentBreachFacts>()({ input: z.strictObject({ ref: refSchema }), access: 'notify:read' }),
  /** Changes some facts (logged with old and new values) and returns the new assessment. */
  'notify.facts.set': method<Assessment>()({ input: z.strictObject({ ref: refSchema, patch: breachFactsPatchSchema }), access: 'notify:facts' }),
  /** Which regimes apply to the incident, why, each deadline, and which facts are missing. Decision support, not legal advice. */
  'notify.assess': method<Assessment>()({ input: z.strictObject({ ref: refSchema }), access: 'notify:read' }),
  /** Every open obligation across the incidents being assessed (closed ones too), soonest deadline first. */
  'notify.board': method<BoardRow[]>()({ input: empty, access: 'notify:read' }),
  /**
   * Records that a regime's notice is not required for the incident (or withdraws that decision),
   * with the reason, in the hash chain; returns the new assessment. With a sent notice, the only
   * way an obligation ends.
   */
  'notify.decide': method<Assessment>()({
    input: z.strictObject({
      ref: refSchema,
      regimeId: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a regime id such as eu-gdpr-art33').max(60),
      decision: z.enum(['not-required', 'required']),
      reason: z.string().trim().min(3, 'say why, in a few words at least').max(2000),
    }),
    access: 'notify:decide',
  }),
  /** The same engine on facts without an incident (tabletop exercises): public, it reads no vault data and stores nothing. */
  'notify.assessFacts': method<Assessment>()({ input: z.strictObject({ facts: breachFactsSchema }), access: 'public' }),

  /** The organisation's letterhead on exported notices: every signed-in user may read it, an administrator sets it (logged). */
  'settings.letterhead.get': method<Letterhead>()({ input: empty, access: 'session' }),
  'settings.letterhead.set': method<Letterhead>()({ input: letterheadSchema, access: 'settings:manage' }),
  /** Hours before a notification deadline at which the deadline board raises an alarm (default 24 and 4; at the deadline always). */
  /** What every new notice needs before it goes out (two approvers or one). */
  'settings.notifyPlan.get': method<NotifyPlan>()({ input: empty, access: 'notify:read' }),
  'settings.notifyPlan.set': method<NotifyPlan>()({ input: notifyPlanSchema, access: 'settings:manage' }),
  'settings.alarms.get': method<AlarmSettings>()({ input: empty, access: 'notify:read' }),
  /** Replaces the thresholds (logged with old and new); the next sweep uses them. */
  'settings.alarms.set': method<AlarmSettings>()({ input: alarmSettingsInputSchema, access: 'settings:manage' }),

  /**
   * A notification draft for one regime (and stage) of an incident, written for the audience from
   * its facts; unknown facts stay as `[[MISSING: …]]` placeholders. Decision support, not legal advice.
   */
  'notify.drafts.create': method<Draft>()({ input: draftCreateInputSchema, access: 'notify:draft' }),
  'notify.drafts.list': method<DraftSummary[]>()({ input: z.strictObject({ ref: refSchema }), access: 'notify:read' }),
  'notify.drafts.get': method<Draft>()({ input: draftGetInputSchema, access: 'notify:read' }),
  /** A new version with this text; approvals start over. Refused once sent (send a supplementary notice instead). */
  'notify.drafts.revise': method<Draft>()({ input: draftReviseInputSchema, access: 'notify:draft' }),
  /** Writes the draft again from the facts as they are now, as its next version (approvals cleared; a sent notice is refused). */
  'notify.drafts.recompose': method<Draft>()({ input: z.strictObject({ id: draftIdSchema }), access: 'notify:draft' }),
  'notify.drafts.diff': method<DraftDiff>()({ input: draftDiffInputSchema, access: 'notify:read' }),
  /** Refused while a placeholder remains; with two approvers required, two different people, neither the last editor. */
  'notify.drafts.approve': method<Draft>()({ input: z.strictObject({ id: draftIdSchema }), access: 'notify:approve' }),
  /** Records an approved notice as sent (channel, recipient, time, SHA-256 of what was sent) in the hash chain; it is then frozen. */
  'notify.drafts.markSent': method<Draft>()({ input: draftMarkSentInputSchema, access: 'notify:send' }),
  /** A new draft that follows a sent notice (the only way to add to or correct it). */
  'notify.drafts.supplement': method<Draft>()({ input: z.strictObject({ id: draftIdSchema }), access: 'notify:draft' }),
  /** The letter as a file: Markdown, HTML, PDF, DOCX or .eml (RFC 5322). */
  'notify.drafts.export': method<DraftExport>()({ input: draftExportInputSchema, access: 'notify:read' }),

  /**
   * The incident report as a file (PDF, DOCX, Markdown or HTML) with its TLP marking, the log's
   * chain head and verification at generation; generating it appends `report.generated` with the
   * file's SHA-256. Personal data is masked for roles without `pii:read`, and for anyone with `redact`.
   */
  'reports.incident': method<ReportFile>()({ input: incidentReportInputSchema, access: 'report:read' }),
  /**
   * The period report for leadership (a quarter, a year, any range): the KPIs with charts and trends,
   * the incidents, notifications, backups and drills, open action items and data problems, with the
   * log's anchor. Generating it appends `report.generated` (on no incident) with the file's SHA-256.
   */
  'reports.period': method<ReportFile>()({ input: periodReportInputSchema, access: 'report:read' }),
  /** An incident's post-incident review: the latest version (or `version`), its status and sign-off. Version 0 with empty sections before the first save. */
  'reviews.get': method<Review>()({ input: reviewGetInputSchema, access: 'report:read' }),
  /**
   * Saves the changed sections as a new version (every version is kept). Refused with CONFLICT when
   * someone saved after `baseVersion`; saving over a signed-off review reopens it and needs a `reason`.
   */
  'reviews.save': method<Review>()({ input: reviewSaveInputSchema, access: 'review:write' }),
  /** Marks the latest version final (it must be `version`): the manager's sign-off, in the hash chain. */
  'reviews.signOff': method<Review>()({ input: reviewSignOffInputSchema, access: 'review:signoff' }),
  /** Every version (who, when, which sections, its hash), newest first, and every sign-off. */
  'reviews.history': method<ReviewHistory>()({ input: reviewHistoryInputSchema, access: 'report:read' }),
  /** The incident's starred events, oldest first, masked like the timeline for roles without `pii:read`. */
  'reviews.keyEvents': method<TimelineEvent[]>()({ input: z.strictObject({ ref: refSchema }), access: 'report:read' }),

  /**
   * Action items, overdue first, then by due date. With `report:read` every item; a role with only
   * `action:write` (backup operators) sees the items it owns (`owner` must then be the caller or left out).
   */
  'actions.list': method<ActionItemPage>()({ input: actionListInputSchema, access: 'session' }),
  'actions.get': method<ActionItem>()({ input: z.strictObject({ id: actionIdSchema }), access: 'session' }),
  'actions.add': method<ActionItem>()({ input: actionAddInputSchema, access: 'action:write' }),
  /** Title, owner, due date; moving the due date of an overdue item needs a `reason`. Refused once done or won't do (reopen first). */
  'actions.update': method<ActionItem>()({ input: actionUpdateInputSchema, access: 'action:write' }),
  'actions.done': method<ActionItem>()({ input: actionDoneInputSchema, access: 'action:write' }),
  'actions.wontDo': method<ActionItem>()({ input: actionWontDoInputSchema, access: 'action:write' }),
  /** Opens a done or won't-do item again, with the reason. */
  'actions.reopen': method<ActionItem>()({ input: actionReopenInputSchema, access: 'action:write' }),
  /** The KPIs of a period (docs/kpis.md), with the previous period of equal length for trends. Personal data: none. */
  'kpis.get': method<KpiResult>()({ input: kpiQuerySchema, access: 'report:read' }),

  /** Security alerts, newest first (`open` by default), with the number open in all. */
  'alerts.list': method<AlertPage>()({ input: alertListInputSchema, access: 'alert:read' }),
  /** The number of open alerts: the badge in every screen's top bar. */
  'alerts.openCount': method<{ open: number }>()({ input: empty, access: 'alert:read' }),
  /** Closes an open alert with the administrator's note (`security.alert_acknowledged` in the chain). */
  'alerts.acknowledge': method<Alert>()({ input: alertAcknowledgeInputSchema, access: 'alert:manage' }),
  /** The alert rules' thresholds, windows and working hours (docs/security.md). */
  'settings.alerts.get': method<AlertSettingsView>()({ input: empty, access: 'alert:read' }),
  /** Replaces them (logged as `settings.changed` with old and new values). */
  'settings.alerts.set': method<AlertSettingsView>()({ input: alertSettingsSchema, access: 'alert:manage' }),
  /** Where the security records are also sent as RFC 5424 syslog messages, and how delivery goes in this process. */
  'settings.syslog.get': method<SyslogSettingsView>()({ input: empty, access: 'alert:read' }),
  /** Replaces the destination (logged as `settings.changed` with old and new values); the sender uses it at once. */
  'settings.syslog.set': method<SyslogSettingsView>()({ input: syslogSettingsSchema, access: 'alert:manage' }),
  /** Who viewed or exported which incident's personal data and evidence, when: from the log, oldest first. */
  'audit.accessReport': method<AccessReport>()({ input: accessReportInputSchema, access: 'alert:read' }),
} as const;

export type Methods = typeof methods;

export interface RegimeSummary {
  id: string;
  name: string;
  title: string;
  jurisdiction: { code: string; name: string; timeZone: string };
  audience: string;
  recipient: string;
  reviewedOn: string;
  sources: { cite: string; url: string }[];
}

export interface IncidentBreachFacts {
  ref: string;
  facts: BreachFacts;
  updatedAt: string | null;
  updatedBy: string | null;
}
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = Exclude<Methods[M]['output'], undefined>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
