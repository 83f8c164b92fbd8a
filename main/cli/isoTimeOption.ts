import { usageError } from './CliError';

/** What the API takes (contract/incident.ts: an ISO 8601 time with its offset), minutes and all; seconds may be left out. */
const ISO_TIME = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)$/;

/**
 * The value of a time option (`--started-at`), checked here so a typo is a usage error naming the
 * fix before anything is opened: an ISO 8601 time with its UTC offset ("2026-03-14T09:30:00Z",
 * "2026-03-14T10:30+01:00"). A time without an offset is refused rather than guessed: the same
 * words mean different instants on a server in UTC and a laptop in Berlin. Seconds left out are
 * written as :00, as the API wants them.
 */
export function isoTimeOption(option: string, value: string): string {
  const m = ISO_TIME.exec(value.trim());
  const [, y, mo, d, h, mi, s] = m ?? [];
  const date = m ? new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))) : null;
  const real = date !== null && date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d)
    && Number(h) < 24 && Number(mi) < 60 && Number(s ?? 0) < 60;
  if (!m || !real) {
    throw usageError(
      `--${option} "${value}" is not a time: give an ISO 8601 time with its UTC offset, e.g. 2026-03-14T09:30:00Z or 2026-03-14T10:30:00+01:00`,
    );
  }
  const trimmed = value.trim();
  return s === undefined ? trimmed.replace(/^(.{16})/, '$1:00') : trimmed;
}

/** `--exercise yes|no` and the like: exactly yes or no, anything else a usage error naming both. */
export function yesNoOption(option: string, value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === 'yes') return true;
  if (v === 'no') return false;
  throw usageError(`--${option} takes yes or no, not "${value}"`);
}
