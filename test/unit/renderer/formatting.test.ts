import { describe, expect, it } from 'vitest';
import { base64ToBytes } from '../../../renderer/lib/base64ToBytes';
import { formatBytes } from '../../../renderer/lib/formatBytes';
import { formatCount } from '../../../renderer/lib/formatCount';
import { formatDateTime } from '../../../renderer/lib/formatDateTime';
import { formatRelative } from '../../../renderer/lib/formatRelative';
import { humanize } from '../../../renderer/lib/humanize';
import { shortHash } from '../../../renderer/lib/shortHash';

describe('formatBytes', () => {
  it('shows whole bytes below 1 KiB', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1)).toBe('1 B');
    expect(formatBytes(1023)).toBe('1023 B');
  });

  it('uses binary units with one decimal below 10 and none above', () => {
    expect(formatBytes(1024)).toBe('1.0 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(10 * 1024)).toBe('10 KiB');
    expect(formatBytes(1024 * 1024)).toBe('1.0 MiB');
    expect(formatBytes(32 * 1024 * 1024)).toBe('32 MiB');
    expect(formatBytes(1.25 * 1024 ** 3)).toBe('1.3 GiB');
  });

  it('stops at GiB', () => {
    expect(formatBytes(5 * 1024 ** 4)).toBe('5120 GiB');
  });
});

describe('formatCount', () => {
  it('groups digits for the reader and keeps every digit', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    const big = formatCount(1_234_567);
    expect(big.replace(/\D/g, '')).toBe('1234567');
    expect(big.length).toBeGreaterThan(7);
  });
});

describe('shortHash', () => {
  const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

  it('keeps the first 10 and last 6 characters of a digest', () => {
    expect(shortHash(sha)).toBe('e3b0c44298…52b855');
  });

  it('takes other lengths (the evidence panel shows 12 and 8)', () => {
    expect(shortHash(sha, 12, 8)).toBe('e3b0c44298fc…7852b855');
  });

  it('leaves strings alone that would not get shorter', () => {
    expect(shortHash('')).toBe('');
    expect(shortHash('a'.repeat(17))).toBe('a'.repeat(17));
    expect(shortHash('a'.repeat(18))).toBe(`${'a'.repeat(10)}…${'a'.repeat(6)}`);
  });
});

describe('formatDateTime', () => {
  it('shows an em dash for no value and the raw text for an unreadable one', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDateTime('')).toBe('—');
    expect(formatDateTime('last tuesday')).toBe('last tuesday');
  });

  it('uses a 24-hour clock in local time, with seconds on request', () => {
    const iso = new Date(2026, 2, 12, 15, 5, 9).toISOString();
    const short = formatDateTime(iso);
    expect(short).toContain('2026');
    expect(short).toContain('15:05');
    expect(short).not.toContain('15:05:09');
    expect(short).not.toMatch(/PM/i);
    expect(formatDateTime(iso, true)).toContain('15:05:09');
  });
});

describe('formatRelative', () => {
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'narrow' });
  const now = Date.parse('2026-03-12T12:00:00.000Z');
  const at = (offsetMs: number): string => new Date(now + offsetMs).toISOString();

  it('picks the largest unit that keeps the number small', () => {
    expect(formatRelative(at(-30_000), now)).toBe(rtf.format(-30, 'second'));
    expect(formatRelative(at(-5 * 60_000), now)).toBe(rtf.format(-5, 'minute'));
    expect(formatRelative(at(3 * 3_600_000), now)).toBe(rtf.format(3, 'hour'));
    expect(formatRelative(at(2 * 86_400_000), now)).toBe(rtf.format(2, 'day'));
    expect(formatRelative(at(-60 * 86_400_000), now)).toBe(rtf.format(-2, 'month'));
    expect(formatRelative(at(-400 * 86_400_000), now)).toBe(rtf.format(-1, 'year'));
  });

  it('says "now" for the present and returns unreadable input as it is', () => {
    expect(formatRelative(at(0), now)).toBe(rtf.format(0, 'second'));
    expect(formatRelative('not a time', now)).toBe('not a time');
  });
});

describe('humanize', () => {
  it('turns enum values into words', () => {
    expect(humanize('account-takeover')).toBe('Account takeover');
    expect(humanize('incident.status_changed')).toBe('Incident status changed');
    expect(humanize('recordedLate')).toBe('Recorded late');
    expect(humanize('lost-device')).toBe('Lost device');
  });

  it('keeps acronyms and known phrases in their usual spelling', () => {
    expect(humanize('ddos')).toBe('DDoS');
    expect(humanize('business-email-compromise')).toBe('Business email compromise');
    expect(humanize('government-id')).toBe('Government ID');
    expect(humanize('mfa.enrolled')).toBe('MFA enrolled');
    expect(humanize('totpSecret')).toBe('TOTP secret');
    expect(humanize('pii-read')).toBe('PII read');
  });

  it('handles empty input and separators only', () => {
    expect(humanize('')).toBe('');
    expect(humanize('--')).toBe('');
  });
});

describe('base64ToBytes', () => {
  it('decodes to the exact bytes', () => {
    expect([...base64ToBytes('AAEC/w==')]).toEqual([0, 1, 2, 255]);
    expect(base64ToBytes('')).toHaveLength(0);
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) % 256);
    expect(base64ToBytes(Buffer.from(bytes).toString('base64'))).toEqual(bytes);
  });

  it('throws on text that is not base64', () => {
    expect(() => base64ToBytes('not base64!')).toThrow();
  });
});
