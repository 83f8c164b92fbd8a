import { ALERT_RULE_TITLES, ALL_USERS, type AlertRule, type TimelineEvent } from '../../contract';
import { formatBytes } from './formatBytes';
import { describeBackupDecision } from './describeBackupDecision';
import { describeCausedBy } from './describeCausedBy';
import { describeDraftEvent } from './describeDraftEvent';
import { describePhaseEvent, describeTimeOrderOverride } from './describePhaseEvent';
import { describeIncidentUpdate } from './describeIncidentUpdate';
import { joinBodies } from './joinBodies';
import { mappedCodes } from './mappedCodes';
import { readChanges } from './readChanges';
import { describeReviewEvent } from './describeReviewEvent';
import { describeRunbookEvent } from './describeRunbookEvent';
import { humanize } from './humanize';
import { showValue } from './showValue';

export { showValue };

export interface FieldChange {
  field: string;
  before: string;
  after: string;
  redacted: boolean;
}

export interface EventDescription {
  /** One line, for the audit table and the timeline heading. */
  summary: string;
  changes: FieldChange[];
  /** Free text that belongs under the heading (a note, a reason). */
  body: string | null;
  tone: 'neutral' | 'status' | 'note' | 'evidence' | 'danger' | 'security';
  /** For a consequence the system recorded: the action it followed from ("after alice did step “Triage”"). */
  cause: string | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

const hoursList = (v: unknown): string => (Array.isArray(v) && v.length > 0 ? v.map((h) => `${str(h)} h`).join(', ') : '—');

/** `settings.changed` (main/settings): which setting, and each changed field with its old and new value. */
function describeSettingsChange(d: Record<string, unknown>, base: EventDescription): EventDescription {
  const key = str(d.key);
  if (key === 'notify.alarmHours') {
    const hours = isRecord(d.changes) && isRecord(d.changes.hours) ? d.changes.hours : {};
    return {
      ...base,
      summary: `Changed the deadline alarms: ${hoursList(hours.to)} before a deadline (was ${hoursList(hours.from)})`,
      changes: [{ field: 'Alarm thresholds', before: hoursList(hours.from), after: hoursList(hours.to), redacted: false }],
    };
  }
  const changes = readChanges(d);
  const what = key === 'letterhead' ? 'the letterhead' : `setting ${key || '?'}`;
  return { ...base, summary: `Changed ${what}${changes.length ? `: ${changes.map((c) => c.field.toLowerCase()).join(', ')}` : ''}`, changes };
}

/** Why a sign-in (or a re-entered passphrase or code) failed, as auth.login_failed records it. */
const FAILED_BECAUSE: Record<string, string> = {
  passphrase: 'wrong passphrase',
  totp: 'wrong authentication code',
  'totp-replay': 'an authentication code already used',
  disabled: 'the account is disabled',
  'recovery-key': 'wrong recovery key',
  'change-passphrase': 'wrong current passphrase when changing it',
  'mfa-enrol': 'wrong passphrase when enrolling an authenticator',
  'mfa-enrol-totp': 'wrong code from the current authenticator when enrolling a new one',
  'mfa-enrol-totp-replay': 'a used code from the current authenticator when enrolling a new one',
  'no-user-record': 'a key slot without a user',
};
const TRANSPORT: Record<string, string> = { cli: 'the CLI', http: 'browser mode', ipc: 'the app', test: 'a test', service: 'a service' };

/** A readable rendering of every event type the log holds, with a fallback for new ones. */
export function describeEvent(event: TimelineEvent): EventDescription {
  const d = event.data;
  const base: EventDescription = { summary: humanize(event.type), changes: [], body: null, tone: 'neutral', cause: describeCausedBy(d) };
  switch (event.type) {
    case 'incident.created': {
      const f = isRecord(d.fields) ? d.fields : {};
      // An exercise is declared as one, in words, where the timeline starts.
      const what = f.exercise === true ? 'exercise' : 'incident';
      return { ...base, summary: `Declared ${what} “${str(f.title)}” (${str(f.severity)}, ${humanize(str(f.category))})`, body: joinBodies(describeTimeOrderOverride(d), mappedCodes(d)), tone: 'status' };
    }
    case 'incident.updated':
      return describeIncidentUpdate(d, base);
    case 'incident.status_changed':
      return describePhaseEvent(event, base);
    case 'incident.note':
      return { ...base, summary: 'Added a note', body: str(d.text), tone: 'note' };
    case 'auth.login_failed': {
      const parts = [
        FAILED_BECAUSE[str(d.reason)] ?? (d.reason === undefined ? null : str(d.reason)),
        typeof d.attempt === 'number' ? `attempt ${d.attempt} in a row` : null,
        d.transport === undefined ? null : `from ${TRANSPORT[str(d.transport)] ?? str(d.transport)}`,
      ].filter((p) => p !== null);
      // Recorded late: written at the next sign-in, because the process that saw it could not write the log (locked).
      const late = d.recordedLate === true ? ' (recorded at the next sign-in)' : '';
      return { ...base, summary: `Failed sign-in as ${str(d.user)}${parts.length ? `: ${parts.join(', ')}` : ''}${late}`, tone: 'security' };
    }
    case 'evidence.added':
      return { ...base, summary: `Added evidence ${str(d.name)} (${typeof d.size === 'number' ? formatBytes(d.size) : '?'})`, tone: 'evidence' };
    case 'evidence.viewed':
      return { ...base, summary: `Viewed evidence ${str(d.name)} (hash verified)`, tone: 'evidence' };
    case 'evidence.exported':
      return { ...base, summary: `Exported evidence ${str(d.name)} (hash verified)`, tone: 'evidence' };
    case 'evidence.integrity_failed':
      return { ...base, summary: `Evidence integrity check FAILED (${str(d.purpose)})`, tone: 'danger' };
    case 'notify.facts_changed': {
      const changes = readChanges(d);
      return { ...base, summary: `Changed the breach facts: ${changes.map((c) => c.field.toLowerCase()).join(', ')}`, changes, body: mappedCodes(d), tone: 'status' };
    }
    case 'notify.deadline_alarm': {
      const hours = typeof d.threshold === 'number' ? d.threshold : null;
      const when = hours === 0 ? 'has passed' : `is less than ${hours ?? '?'} h away`;
      return { ...base, summary: `Deadline alarm: ${str(d.regimeName)} — ${str(d.stageTitle)} ${when}`, tone: 'danger' };
    }
    case 'notify.draft_created':
    case 'notify.draft_revised':
    case 'notify.draft_approved':
    case 'notify.sent':
      return describeDraftEvent(event, base);
    case 'settings.changed':
      return describeSettingsChange(d, base);
    case 'security.alert': {
      const rule = ALERT_RULE_TITLES[str(d.rule) as AlertRule] ?? str(d.rule);
      const who = d.subject === ALL_USERS ? 'all users' : str(d.subject);
      const count = typeof d.threshold === 'number' && d.threshold > 1 ? `: ${str(d.count)} in ${str(d.windowMinutes)} min` : '';
      return { ...base, summary: `Security alert #${str(d.alertId)}: ${rule} (${who})${count}`, tone: 'danger' };
    }
    case 'security.alert_acknowledged':
      return { ...base, summary: `Acknowledged security alert #${str(d.alertId)}`, body: str(d.note), tone: 'security' };
    case 'incident.pii_viewed':
      return { ...base, summary: `Was shown the personal data (${Array.isArray(d.fields) ? d.fields.map((f) => humanize(str(f))).join(', ') : '?'})`, tone: 'security' };
    case 'log.verification_failed':
      return { ...base, summary: `Log chain verification FAILED${typeof d.firstBadSeq === 'number' ? ` at event #${d.firstBadSeq}` : ''}`, tone: 'danger' };
    case 'siem.write_failed':
      return { ...base, summary: `The security event stream could not be written (${str(d.error)}); it resumes where it stopped`, tone: 'danger' };
    case 'siem.syslog_failed':
      return { ...base, summary: `Security events could not be sent to syslog at ${str(d.host)}:${str(d.port)} over ${str(d.transport).toUpperCase()} (${str(d.error)}); retrying, the JSON-lines file is complete`, tone: 'danger' };
    case 'pii.subject_shredded':
      // Crypto-shredding (docs/security.md): the event names the data subject, never the person.
      return { ...base, summary: 'Erased the personal data for good (its key destroyed)', body: `Reason: ${str(d.reason)}\nData subject: ${str(d.subject)}`, tone: 'security' };
    case 'pii.shred_reapplied':
      // A database restored from before an erasure: the shred ledger destroyed the key again (main/incidents reapplyShredLedger).
      return {
        ...base, summary: 'Erased the personal data again after a restore (its key came back with an older copy of the database)',
        body: `First erased ${str(d.erasedAt)} by ${str(d.erasedBy)}\nData subject: ${str(d.subject)}`, tone: 'security',
      };
    case 'pii.shred_ledger_written':
      return { ...base, summary: `Wrote ${str(d.added)} erasure(s) this database records back to the shred ledger`, tone: 'security' };
    case 'report.generated': {
      // main/reports: the file's SHA-256 and the log anchor it carries, to check it later (Verify chain).
      const anchor = isRecord(d.anchor) ? `${str(d.anchor.seq)}:${str(d.anchor.hash)}` : '?';
      return {
        ...base,
        summary: `Generated the ${d.report === 'period' ? `period report ${str(d.from)} to ${str(d.to)}` : 'incident report'} (${str(d.format).toUpperCase()}, TLP:${str(d.tlp).toUpperCase()}${d.redacted === true ? ', redacted' : d.personalData === 'masked' ? ', personal data masked' : ''})`,
        body: `SHA-256 of the file: ${str(d.sha256)}\nLog anchor: ${anchor}${d.verified === false ? ' (the chain did not verify)' : ''}`,
        tone: 'evidence',
      };
    }
    default: {
      if (event.type.startsWith('runbook.')) return describeRunbookEvent(event, base);
      if (event.type.startsWith('backup.plan_')) {
        const decision = describeBackupDecision(event, base);
        if (decision) return decision;
      }
      if (/^(review|action)\.|^event\.(un)?starred$/.test(event.type)) return describeReviewEvent(event, base);
      const changes = readChanges(d);
      const details = Object.entries(d)
        .filter(([k, v]) => k !== 'changes' && k !== 'causedBy' && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'))
        .slice(0, 4)
        .map(([k, v]) => `${humanize(k).toLowerCase()}: ${String(v)}`);
      const security = /^(auth|vault|user|mfa|session)\./.test(event.type) || (event.type === 'backup.restored' && Array.isArray(d.databaseFiles));
      return {
        ...base,
        summary: details.length ? `${base.summary} — ${details.join(', ')}` : base.summary,
        changes,
        tone: security ? 'security' : 'neutral',
      };
    }
  }
}
