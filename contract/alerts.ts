import './zodConfig';
/**
 * Security alerts: rules over the log evaluated as events are appended (main/monitoring), each
 * alert an event in the chain (`security.alert`), acknowledged by an administrator with a note
 * (`security.alert_acknowledged`). docs/security.md, "Activity monitoring", defines every rule.
 */
import { z } from 'zod';
import { refSchema, userNameSchema } from './incident';

export const ALERT_RULES = [
  'failed-signins-user',
  'failed-signins-overall',
  'disabled-user-signin',
  'personal-data-burst',
  'key-export',
  'identity-export',
  'role-escalation',
  'backup-recipient-added',
  'chain-verification-failed',
  'off-hours-signin',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/** What each rule means, in words, for the Alerts page and the CLI. */
export const ALERT_RULE_TITLES: Readonly<Record<AlertRule, string>> = {
  'failed-signins-user': 'Repeated failed sign-ins for one user',
  'failed-signins-overall': 'Repeated failed sign-ins (all users)',
  'disabled-user-signin': 'Sign-in attempt by a disabled user',
  'personal-data-burst': 'Burst of personal-data or evidence access by one user',
  'key-export': 'Database key exported',
  'identity-export': 'Backup identity exported',
  'role-escalation': 'Role changed to one with more permissions',
  'backup-recipient-added': 'Recipient added to a backup plan',
  'chain-verification-failed': 'Log chain verification failed',
  'off-hours-signin': 'Sign-in outside working hours',
};

/** The subject of a rule over everyone (overall failed sign-ins). */
export const ALL_USERS = '*';

/** The events counted by the personal-data burst rule (and listed by the access report). */
export const PERSONAL_DATA_ACCESS_TYPES = ['incident.pii_viewed', 'evidence.viewed', 'evidence.exported'] as const;

const threshold = (what: string) =>
  z.strictObject({
    threshold: z.int(`${what}: the threshold must be a whole number`).min(2, `${what}: the threshold must be at least 2 (one event is not a pattern)`).max(10_000, `${what}: the threshold must be at most 10000`),
    windowMinutes: z.int(`${what}: the window must be whole minutes`).min(1, `${what}: the window must be at least 1 minute`).max(1440, `${what}: the window must be at most 1440 minutes (a day)`),
  });

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM, 00:00 to 23:59');

const timeZone = z.string().min(1).max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as Europe/Berlin or UTC');

export const workingHoursSchema = z
  .strictObject({
    enabled: z.boolean(),
    /** Local start and end of the working day (end excluded); start after end is a night shift over midnight. */
    start: hhmm,
    end: hhmm,
    /** Working days, 0 = Sunday … 6 = Saturday. */
    days: z.array(z.int().min(0).max(6)).min(1, 'at least one working day').max(7).refine((d) => new Set(d).size === d.length, 'each day once'),
    timeZone,
  })
  .refine((w) => w.start !== w.end, { message: 'working hours: start and end must differ', path: ['end'] });

export const alertSettingsSchema = z.strictObject({
  failedSignInsPerUser: threshold('failed sign-ins per user'),
  failedSignInsOverall: threshold('failed sign-ins overall'),
  personalDataBurst: threshold('personal-data burst'),
  /** Further matches of a single-event rule (a key export…) within this many minutes count on its open alert. */
  repeatMinutes: z.int().min(1, 'repeat window: at least 1 minute').max(1440, 'repeat window: at most 1440 minutes'),
  workingHours: workingHoursSchema,
});
export type AlertSettings = z.infer<typeof alertSettingsSchema>;

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  failedSignInsPerUser: { threshold: 5, windowMinutes: 15 },
  failedSignInsOverall: { threshold: 20, windowMinutes: 15 },
  personalDataBurst: { threshold: 30, windowMinutes: 10 },
  repeatMinutes: 60,
  workingHours: { enabled: false, start: '08:00', end: '18:00', days: [1, 2, 3, 4, 5], timeZone: 'UTC' },
};

export interface AlertSettingsView extends AlertSettings {
  source: 'settings' | 'default';
}

export interface Alert {
  id: number;
  rule: AlertRule;
  title: string;
  /** The user the alert is about, or `*` for all users. */
  subject: string;
  status: 'open' | 'acknowledged';
  raisedAt: string;
  /** The `security.alert` event. */
  raisedSeq: number;
  /** Timestamps of the first and last matching events (their own times, also for failures recorded late). */
  windowStart: string;
  windowEnd: string;
  windowMinutes: number;
  threshold: number;
  /** Matching events counted on this alert so far. */
  count: number;
  /** Rule-specific facts: never a secret, never personal data beyond user names. */
  detail: Record<string, unknown>;
  acknowledged: { by: string; at: string; note: string; seq: number } | null;
}

export interface AlertPage {
  total: number;
  /** Open alerts in all (the badge). */
  open: number;
  offset: number;
  rows: Alert[];
}

export const alertListInputSchema = z.strictObject({
  status: z.enum(['open', 'acknowledged', 'all']).default('open'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});

export const alertAcknowledgeInputSchema = z.strictObject({
  id: z.int().min(1),
  note: z.string().trim().min(1, 'a note is required: say what was checked and what was found').max(2000),
});

export const accessReportInputSchema = z
  .strictObject({
    user: userNameSchema.optional(),
    incident: refSchema.optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['to'] });

export interface AccessRow {
  seq: number;
  ts: string;
  user: string;
  action: 'personal-data-viewed' | 'evidence-viewed' | 'evidence-exported';
  incidentRef: string | null;
  /** The evidence item's id (not its name, which is free text). */
  evidenceId: string | null;
}

export interface AccessReport {
  total: number;
  offset: number;
  rows: AccessRow[];
}
