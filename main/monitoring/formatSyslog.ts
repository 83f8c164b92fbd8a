import { SYSLOG_FACILITIES, type SyslogFacility } from '../../contract';
import type { AnySecurityRecord } from './toSecurityRecord';

/** RFC 5424 §6.3.2: the SD-ID of our parameters, `name@<private enterprise number>` (32473 is the documentation PEN of RFC 5612). */
export const SYSLOG_SD_ID = 'firebreak@32473';

/**
 * RFC 5424 §6.2.1 severity per record: 1 alert for a raised security alert, 2 critical for a
 * broken log chain, 3 error for the stream's own failures, 4 warning for other failures (a
 * failed sign-in, a refused request), 5 notice for what an auditor looks for (keys and identities
 * exported, roles and passphrases changed, a vault recovered), 6 informational for the rest.
 */
const SEVERITY: Readonly<Record<string, number>> = {
  'security.alert': 1, 'auth.login_failed_threshold': 1, 'log.verification_failed': 2, 'siem.write_failed': 3, 'siem.syslog_failed': 3,
  'vault.key_exported': 5, 'backup.identity_exported': 5, 'vault.recovered': 5, 'user.role_changed': 5, 'user.disabled': 5,
  'user.enabled': 5, 'user.passphrase_reset': 5, 'mfa.reset': 5, 'backup.restored': 5, 'backup.plan_recipients_changed': 5,
  'settings.changed': 5, 'security.alert_acknowledged': 5,
};

export function syslogSeverity(record: Pick<AnySecurityRecord, 'type' | 'outcome'>): number {
  return SEVERITY[record.type] ?? (record.outcome === 'failure' ? 4 : 6);
}

export interface SyslogHeader {
  facility: SyslogFacility;
  /** HOSTNAME: this machine's name as the OS reports it. */
  hostname: string;
  appName: string;
  /** PROCID: the sending process (the app, `serve`, a CLI run). */
  procId: number;
}

/** PRINTUSASCII only, no space, at most `max` characters; `-` (NILVALUE) when nothing is left. */
const token = (text: string, max: number): string => text.replace(/[^\x21-\x7e]/g, '').slice(0, max) || '-';

/** RFC 5424 §6.3.3: inside PARAM-VALUE, `"`, `\` and `]` are escaped with a backslash. */
export const escapeParamValue = (value: string): string => value.replace(/["\\\]]/g, (c) => `\\${c}`);

/**
 * One security record as an RFC 5424 message: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID
 * [firebreak@32473 …] BOM{json}`. MSGID is the record's type (each at most 32 characters); the
 * structured data holds the record's fields (already allow-listed by toSecurityRecord: nothing is
 * added here), lists joined with commas; MSG is the very JSON line of security-events.jsonl.
 */
export function formatSyslog(record: AnySecurityRecord, header: SyslogHeader): string {
  const pri = SYSLOG_FACILITIES[header.facility] * 8 + syslogSeverity(record);
  const params: string[] = [];
  for (const [name, value] of Object.entries(record)) {
    if (value === null || value === undefined) continue;
    const text = Array.isArray(value) ? value.map((x) => String(x)).join(',') : typeof value === 'string' ? value : JSON.stringify(value);
    // PARAM-NAME is an SD-NAME: 1*32 PRINTUSASCII except '=', SP, ']' and '"' (our field names all are).
    params.push(`${token(name.replace(/[=\]"]/g, ''), 32)}="${escapeParamValue(text)}"`);
  }
  const sd = `[${SYSLOG_SD_ID}${params.length > 0 ? ' ' : ''}${params.join(' ')}]`;
  // The record's ts is ISO 8601 UTC with milliseconds and `Z`: an RFC 3339 FULL-DATE "T" FULL-TIME as §6.2.3 asks.
  return `<${pri}>1 ${record.ts} ${token(header.hostname, 255)} ${token(header.appName, 48)} ${token(String(header.procId), 128)} ${token(record.type, 32)} ${sd} \uFEFF${JSON.stringify(record)}`;
}
