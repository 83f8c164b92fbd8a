import './zodConfig';
/**
 * Syslog (RFC 5424) output of the security event stream: where each security record is also sent
 * (docs/security.md, "Syslog output"). One setting, `security.syslog`, changed by administrators.
 */
import { z } from 'zod';

/** RFC 5424 §6.2.1 facility names (as rsyslog and syslog-ng spell them) and their codes. */
export const SYSLOG_FACILITIES = {
  kern: 0, user: 1, mail: 2, daemon: 3, auth: 4, syslog: 5, lpr: 6, news: 7, uucp: 8, cron: 9, authpriv: 10, ftp: 11, ntp: 12,
  audit: 13, alert: 14, clock: 15, local0: 16, local1: 17, local2: 18, local3: 19, local4: 20, local5: 21, local6: 22, local7: 23,
} as const;
export type SyslogFacility = keyof typeof SYSLOG_FACILITIES;
const FACILITY_NAMES = Object.keys(SYSLOG_FACILITIES) as [SyslogFacility, ...SyslogFacility[]];

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** A DNS name (RFC 1123 labels): letters, digits and hyphens, dot-separated, no label starting or ending with a hyphen. */
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** IPv6 in its text forms (RFC 4291 §2.2), including `::` and an IPv4 tail; no zone id (a destination is not link-local). */
export function isIpv6(text: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(text) || text.split('::').length > 2) return false;
  let groups = text.split(':');
  const last = groups[groups.length - 1] ?? '';
  let need = 8;
  if (last.includes('.')) {
    if (!IPV4.test(last)) return false;
    groups = groups.slice(0, -1);
    need = 6;
  }
  if (text.includes('::')) {
    const filled = groups.filter((g) => g !== '');
    return filled.length < need && filled.every((g) => /^[0-9a-f]{1,4}$/i.test(g));
  }
  return groups.length === need && groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g));
}

/** A host a syslog message can be sent to: a DNS name, an IPv4 address, or an IPv6 address (without brackets). */
export function isSyslogHost(host: string): boolean {
  return IPV4.test(host) || isIpv6(host) || (DNS_NAME.test(host) && !/^[\d.]+$/.test(host));
}

/** RFC 5424 §6.2.5: APP-NAME is 1–48 printable US-ASCII characters, no space. */
const APP_NAME = /^[\x21-\x7e]{1,48}$/;

export const syslogSettingsSchema = z
  .strictObject({
    /** Off: nothing is sent (the JSON-lines file is written either way). */
    enabled: z.boolean(),
    host: z
      .string()
      .trim()
      .max(253, 'host: at most 253 characters')
      .refine((h) => h === '' || isSyslogHost(h), 'host: a host name (such as siem.example.org), an IPv4 address (192.0.2.10) or an IPv6 address (2001:db8::10, without brackets)'),
    port: z.int('port: a whole number from 1 to 65535').min(1, 'port: from 1 to 65535 (514 is usual for UDP, 601 or 514 for TCP)').max(65_535, 'port: from 1 to 65535 (514 is usual for UDP, 601 or 514 for TCP)'),
    /** UDP (RFC 5426): one datagram per message. TCP (RFC 6587): octet-counting framing. */
    transport: z.enum(['udp', 'tcp'], 'transport: udp or tcp'),
    facility: z.enum(FACILITY_NAMES, `facility: one of ${FACILITY_NAMES.join(', ')}`),
    appName: z.string().regex(APP_NAME, 'app name: 1 to 48 printable ASCII characters without spaces (RFC 5424 APP-NAME)'),
  })
  .refine((s) => !s.enabled || s.host !== '', { message: 'host: required to send to syslog (or turn syslog output off)', path: ['host'] });
export type SyslogSettings = z.infer<typeof syslogSettingsSchema>;

export const DEFAULT_SYSLOG_SETTINGS: SyslogSettings = { enabled: false, host: '', port: 514, transport: 'udp', facility: 'auth', appName: 'firebreak' };

/** How delivery goes in this process (the backend answering): never a message's content. */
export interface SyslogStatus {
  state: 'off' | 'sending' | 'failing';
  /** Messages waiting to be sent (bounded; the oldest is dropped when full). */
  queued: number;
  sent: number;
  /** Dropped because the queue was full while the destination could not be reached. */
  dropped: number;
  /** The error of the current run of failures (an errno code or a short message), null when none. */
  lastError: string | null;
  /** When the current run of failures began. */
  failingSince: string | null;
}

export interface SyslogSettingsView extends SyslogSettings {
  source: 'settings' | 'default';
  status: SyslogStatus;
}
