/** Human-readable output of the CLI. `--json` bypasses all of this and prints the values as-is. */
import type { Evidence, Incident, IncidentRow, TimelineEvent, User, VerifyResult } from '../../contract';

export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** Columns padded to the widest cell; the last column runs free. */
export function formatTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd())
    .join('\n');
}

export function formatIncidentRows(rows: IncidentRow[]): string {
  if (rows.length === 0) return 'No incidents.';
  return formatTable(
    ['REF', 'SEVERITY', 'STATUS', 'CATEGORY', 'OWNER', 'DETECTED', 'TITLE'],
    rows.map((r) => [r.ref, r.severity, r.status, r.category, r.owner ?? '-', r.detectedAt.slice(0, 16), r.title]),
  );
}

export function formatIncident(incident: Incident): string {
  const lines: [string, string][] = [
    ['Reference', incident.ref],
    ['Title', incident.title],
    ['Status', incident.status],
    ['Severity', incident.severity],
    ['Category', incident.category],
    ['Owner', incident.owner ?? '-'],
    ['Tags', incident.tags.join(', ') || '-'],
    ['Detected', incident.detectedAt],
    ['Triaged', incident.triagedAt ?? '-'],
    ['Contained', incident.containedAt ?? '-'],
    ['Eradicated', incident.eradicatedAt ?? '-'],
    ['Recovered', incident.recoveredAt ?? '-'],
    ['Closed', incident.closedAt ?? '-'],
    ['Data categories', incident.dataCategories.join(', ') || '-'],
    ['Affected', incident.affected.map((a) => `${a.jurisdiction}: ${a.count}`).join(', ') || '-'],
    ['Created', `${incident.createdAt} by ${incident.createdBy}`],
    ['Updated', incident.updatedAt],
  ];
  if (incident.redacted.length > 0) lines.push(['Withheld', `${incident.redacted.join(', ')} (your role lacks pii:read)`]);
  const width = Math.max(...lines.map(([k]) => k.length));
  const body = lines.map(([k, v]) => `${`${k}:`.padEnd(width + 2)}${v}`).join('\n');
  return incident.summary ? `${body}\n\n${incident.summary}` : body;
}

export function formatTimeline(events: TimelineEvent[]): string {
  if (events.length === 0) return 'No events.';
  return events.map(formatEvent).join('\n');
}

export function formatEvent(e: TimelineEvent): string {
  return `#${e.seq}  ${e.ts}  ${e.actor}  ${e.type}  ${summarizeData(e.data)}`.trimEnd();
}

/** Notes show their text, changes their gist; other events a compact, bounded rendering of their data. */
function summarizeData(data: Record<string, unknown>): string {
  if (typeof data.text === 'string') return oneLine(data.text);
  if (typeof data.from === 'string' && typeof data.to === 'string') return `${data.from} -> ${data.to}`;
  const fields = data.fields;
  if (typeof fields === 'object' && fields !== null && 'title' in fields && typeof fields.title === 'string') {
    return oneLine(fields.title);
  }
  if (typeof data.name === 'string' && typeof data.sha256 === 'string') return `${data.name} sha256 ${data.sha256}`;
  const keys = Object.keys(data);
  if (keys.length === 0) return '';
  const text = JSON.stringify(data);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
}

export function formatEvidence(e: Evidence): string {
  return `${e.id}  ${e.name}  ${e.size} bytes  sha256 ${e.sha256}`;
}

export function formatUser(u: User): string {
  return `${u.name} (${u.role})`;
}

export function formatVerify(v: VerifyResult): string {
  if (!v.ok) {
    return `log integrity broken at event #${v.firstBadSeq ?? '?'}${v.problem ? `: ${v.problem}` : ''}`;
  }
  const head = v.head === null ? 'empty log' : `head #${v.head.seq} ${v.head.hash}`;
  return `Log OK: ${v.count} events, ${head}`;
}
