import type { TimelineEvent } from '../../contract';

/** Version of the line format (docs/security.md, "Security event stream"). */
export const SECURITY_RECORD_VERSION = 1;

/** The events that go to the stream, and what each is: a success, a failure, or a fact. */
export const SECURITY_EVENT_TYPES: Readonly<Record<string, 'success' | 'failure' | 'info'>> = {
  'auth.login': 'success', 'auth.login_failed': 'failure', 'auth.login_failed_uncounted': 'failure', 'auth.attempts_reset': 'info',
  'auth.logout': 'info', 'auth.session_expired': 'info', 'auth.session_revoked': 'info', 'auth.denied': 'failure',
  'vault.created': 'info', 'vault.unlocked': 'info', 'vault.locked': 'info', 'vault.recovered': 'success', 'vault.key_exported': 'success',
  'vault.recovery_key_registered': 'success', 'pii.shred_reapplied': 'info',
  'backup.identity_exported': 'success', 'backup.plan_added': 'info', 'backup.plan_removed': 'info', 'backup.plan_recipients_changed': 'info',
  'backup.plan_approved': 'info', 'backup.plan_review_needed': 'info', 'backup.restored': 'info',
  'user.added': 'info', 'user.role_changed': 'info', 'user.disabled': 'info', 'user.enabled': 'info', 'user.passphrase_reset': 'info',
  'user.passphrase_changed': 'info', 'mfa.enrolled': 'info', 'mfa.reset': 'info',
  'incident.pii_viewed': 'info', 'evidence.viewed': 'info', 'evidence.exported': 'info',
  'log.verification_failed': 'failure', 'settings.changed': 'info',
  'security.alert': 'failure', 'security.alert_acknowledged': 'info', 'siem.write_failed': 'failure',
  'siem.syslog_failed': 'failure',
};

/**
 * The fields taken over from an event's data, each only when it has the expected JSON type.
 * Everything else stays out: notes, reasons typed by people, evidence names, recipients, settings
 * values — anything free text may hold personal data, and no event holds a secret, but a list
 * that names what may pass keeps it so when new fields appear.
 */
const PASS: Readonly<Record<string, 'string' | 'number' | 'boolean' | 'strings'>> = {
  user: 'string', name: 'string', as: 'string', transport: 'string', attempt: 'number', recordedLate: 'boolean',
  method: 'string', needs: 'string', role: 'string', from: 'string', to: 'string', sessionsEnded: 'number',
  rule: 'string', subject: 'string', alertId: 'number', count: 'number', threshold: 'number', windowMinutes: 'number',
  windowStart: 'string', windowEnd: 'string', triggerSeq: 'number', firstBadSeq: 'number', plan: 'string', key: 'string',
  id: 'string', fields: 'strings', file: 'string', error: 'string', admin: 'string', mfaReset: 'boolean', mfa: 'boolean',
};
/** `reason` is passed only as one of the codes the backend writes (sign-in failures, revocations, locks), never as typed text. */
const REASON_CODES = new Set([
  'passphrase', 'disabled', 'no-user-record', 'recovery-key', 'totp', 'totp-replay', 'totp-sealed', 'change-passphrase', 'mfa-enrol', 'recovery-key-register',
  'idle', 'locked', 'logout', 'role_changed', 'passphrase_reset', 'signed-in-again',
]);

export interface SecurityRecord {
  v: number;
  seq: number;
  ts: string;
  type: string;
  outcome: 'success' | 'failure' | 'info';
  actor: string;
  incident: string | null;
  /** The event's hash in the chain: a line can be checked against the log. */
  hash: string;
  [field: string]: unknown;
}

/**
 * A line written while the vault was locked (a failed sign-in, a threshold crossed): no database
 * to give it a place in the chain, so `seq` and `hash` are null and `pendingId` names it; the
 * failure's log event (appended at the next unlock) is not streamed again.
 */
export interface LockedSecurityRecord {
  v: number;
  seq: null;
  ts: string;
  type: string;
  outcome: 'success' | 'failure' | 'info';
  actor: string;
  incident: null;
  hash: null;
  locked: true;
  [field: string]: unknown;
}
export type AnySecurityRecord = SecurityRecord | LockedSecurityRecord;

/** One stream line's object for a security-relevant event, or null for any other event. */
export function toSecurityRecord(e: TimelineEvent): SecurityRecord | null {
  const outcome = SECURITY_EVENT_TYPES[e.type];
  if (!outcome) return null;
  const record: SecurityRecord = { v: SECURITY_RECORD_VERSION, seq: e.seq, ts: e.ts, type: e.type, outcome, actor: e.actor, incident: e.incidentRef, hash: e.hash };
  for (const [field, kind] of Object.entries(PASS)) {
    const value = e.data[field];
    const ok = kind === 'strings' ? Array.isArray(value) && value.every((x) => typeof x === 'string') : typeof value === kind;
    if (ok) record[field] = value;
  }
  // `name` is a user's name on user.* events; elsewhere (an evidence file's name) it is free text.
  if (!e.type.startsWith('user.')) delete record.name;
  if (typeof e.data.reason === 'string' && REASON_CODES.has(e.data.reason)) record.reason = e.data.reason;
  if (Array.isArray(e.data.added)) record.recipientsAdded = e.data.added.length;
  if (Array.isArray(e.data.removed)) record.recipientsRemoved = e.data.removed.length;
  // The settings key says what changed; the values stay in the log.
  if (e.type === 'settings.changed' && typeof e.data.changes === 'object' && e.data.changes !== null) record.changedFields = Object.keys(e.data.changes);
  return record;
}
