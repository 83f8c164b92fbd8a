/**
 * Times in a report are UTC and written out in full ("2026-03-14 10:05 UTC"): a report is read
 * elsewhere and later, where "yesterday" or a local zone would mislead.
 */
export function formatUtc(iso: string | null | undefined, seconds = false, zone = true): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const s = d.toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, seconds ? 19 : 16)}${zone ? ' UTC' : ''}`;
}

/**
 * A duration in words: "0.2 s", "45 s", "12 min", "3 h 20 min", "2 d 4 h" (a restore drill takes well
 * under a second: "0 s" would say nothing was measured). Negative durations are never shown
 * (callers report a data problem).
 */
export function formatDuration(ms: number): string {
  const s = Math.abs(ms) / 1000;
  if (s < 10) return `${s.toFixed(s > 0 && s < 0.1 ? 2 : 1)} s`;
  if (s < 59.5) return `${Math.round(s)} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** "account-takeover" → "Account takeover"; "containedAt" → "Contained at". */
export function humanize(value: string): string {
  const words = value.replace(/([a-z])([A-Z])/g, '$1 $2').split(/[-_.\s]+/).filter(Boolean);
  const text = words.map((w) => (/^(ddos|mfa|totp|pii|id|sev\d)$/i.test(w) ? w.toUpperCase() : w.toLowerCase())).join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
