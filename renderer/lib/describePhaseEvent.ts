import type { TimelineEvent } from '../../contract';
import type { EventDescription, FieldChange } from './describeEvent';
import { formatDateTime } from './formatDateTime';
import { humanize } from './humanize';
import { timePointLabel } from './timePointLabel';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));
const names = (list: string[]): string => list.map((p) => humanize(p)).join(', ');
/** "eradicatedAt" → "Eradicated time". */
const timeLabel = (field: string): string => `${humanize(field.replace(/At$/, ''))} time`;

/** "Times out of order kept: contained … is before triaged … — reason", from a `timeOrderOverride` (contract/phases.ts). */
export function describeTimeOrderOverride(d: Record<string, unknown>): string | null {
  const o = d.timeOrderOverride;
  if (!isRecord(o)) return null;
  const pairs = (Array.isArray(o.conflicts) ? o.conflicts : []).filter(isRecord)
    .map((c) => `${timePointLabel(str(c.later))} ${formatDateTime(str(c.laterAt))} is before ${timePointLabel(str(c.earlier)).toLowerCase()} ${formatDateTime(str(c.earlierAt))}`);
  return `Times out of order kept on purpose: ${pairs.join('; ')}. Why: ${str(o.reason)}`;
}

/**
 * `incident.status_changed`: the move, and what came with it — phases skipped without a time,
 * times set aside as superseded (shown as changes: the old time struck through), the open items
 * an incident was closed over, an override of the time order, and the reason.
 */
export function describePhaseEvent(event: TimelineEvent, base: EventDescription): EventDescription {
  const d = event.data;
  const lines: string[] = [];
  if (typeof d.reason === 'string') lines.push(`Reason: ${d.reason}`);
  const skipped = Array.isArray(d.skipped) ? d.skipped.filter((s): s is string => typeof s === 'string') : [];
  if (skipped.length) lines.push(`Skipped, no time: ${names(skipped)}`);
  const open = Array.isArray(d.openItems) ? d.openItems.filter(isRecord) : [];
  if (open.length) lines.push(`Closed over ${open.length} open ${open.length === 1 ? 'item' : 'items'}:\n${open.map((i) => `• ${str(i.text)}`).join('\n')}`);
  const override = describeTimeOrderOverride(d);
  if (override) lines.push(override);
  const changes: FieldChange[] = isRecord(d.superseded)
    ? Object.entries(d.superseded).map(([field, at]) => ({ field: timeLabel(field), before: formatDateTime(str(at)), after: 'superseded', redacted: false }))
    : [];
  return {
    ...base,
    summary: `Moved status ${humanize(str(d.from))} → ${humanize(str(d.to))}`,
    body: lines.length ? lines.join('\n') : null,
    changes,
    tone: 'status',
  };
}
