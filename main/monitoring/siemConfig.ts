import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alertSettingsSchema, DEFAULT_ALERT_SETTINGS, DEFAULT_SYSLOG_SETTINGS, syslogSettingsSchema, type AlertSettings, type SyslogSettings } from '../../contract';
import { writeFileAtomic } from '../store';

/**
 * What a process needs to stream while the vault is locked (a failed sign-in at the sign-in screen
 * or in a CLI run): the syslog destination and the failed sign-in thresholds. The settings live in
 * the encrypted database, which a locked process cannot read, so this copy is written beside it
 * (0600) at every unlock and lock and when they are set. The database stays the truth: a copy
 * edited by hand changes where locked-time records go only until the next unlock rewrites it.
 * Neither holds a secret or personal data.
 */
export const SIEM_CONFIG_FILE = 'siem-config.json';

export interface SiemConfig {
  syslog: SyslogSettings;
  failedSignInsPerUser: AlertSettings['failedSignInsPerUser'];
  failedSignInsOverall: AlertSettings['failedSignInsOverall'];
}

export function writeSiemConfig(dataDir: string, config: SiemConfig): void {
  const text = `${JSON.stringify(config, null, 2)}\n`;
  let current: string | null = null;
  try {
    current = readFileSync(join(dataDir, SIEM_CONFIG_FILE), 'utf8');
  } catch {
    // Not written yet.
  }
  if (current !== text) writeFileAtomic(join(dataDir, SIEM_CONFIG_FILE), text);
}

/** The copy, each part validated as the API would; a missing or damaged part reads as the default (syslog off). */
export function readSiemConfig(dataDir: string): SiemConfig {
  let raw: Record<string, unknown> = {};
  try {
    raw = JSON.parse(readFileSync(join(dataDir, SIEM_CONFIG_FILE), 'utf8')) as Record<string, unknown>;
  } catch {
    // Missing or damaged: the defaults.
  }
  const syslog = syslogSettingsSchema.safeParse(raw.syslog);
  const alerts = alertSettingsSchema.shape.failedSignInsPerUser;
  const perUser = alerts.safeParse(raw.failedSignInsPerUser);
  const overall = alerts.safeParse(raw.failedSignInsOverall);
  return {
    syslog: syslog.success ? syslog.data : DEFAULT_SYSLOG_SETTINGS,
    failedSignInsPerUser: perUser.success ? perUser.data : DEFAULT_ALERT_SETTINGS.failedSignInsPerUser,
    failedSignInsOverall: overall.success ? overall.data : DEFAULT_ALERT_SETTINGS.failedSignInsOverall,
  };
}
