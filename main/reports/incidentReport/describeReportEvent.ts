import type { TimelineEvent } from '../../../contract';
import { formatUtc, humanize } from './formatTime';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

/** A value from a change record as a reader sees it: times in UTC, lists joined, nothing as "—". */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return value.map((v) => (isRecord(v) && 'jurisdiction' in v ? `${str(v.jurisdiction)}: ${str(v.count)}` : str(v))).join(', ');
  }
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) return formatUtc(value);
  return str(value);
}

function changes(data: Record<string, unknown>): string[] {
  const raw = data.changes;
  const list: { field: string; before: unknown; after: unknown; redacted: boolean }[] = [];
  if (Array.isArray(raw)) {
    for (const c of raw) if (isRecord(c) && typeof c.field === 'string') list.push({ field: c.field, before: c.before, after: c.after, redacted: c.redacted === true });
  } else if (isRecord(raw)) {
    for (const [field, c] of Object.entries(raw)) if (isRecord(c)) list.push({ field, before: c.before ?? c.from, after: c.after ?? c.to, redacted: c.redacted === true });
  }
  return list.map((c) => (c.redacted ? `${humanize(c.field)}: [personal data withheld]` : `${humanize(c.field)}: ${shown(c.before)} → ${shown(c.after)}`));
}

function timeOrderOverride(d: Record<string, unknown>): string | null {
  const o = d.timeOrderOverride;
  if (!isRecord(o)) return null;
  const pairs = (Array.isArray(o.conflicts) ? o.conflicts : []).filter(isRecord)
    .map((c) => `${humanize(str(c.later))} ${formatUtc(str(c.laterAt))} is before ${humanize(str(c.earlier)).toLowerCase()} ${formatUtc(str(c.earlierAt))}`);
  return `Times kept out of order on purpose: ${pairs.join('; ')}. Why: ${str(o.reason)}`;
}

function causedBy(d: Record<string, unknown>): string | null {
  const c = d.causedBy;
  if (!isRecord(c)) return null;
  const step = typeof c.title === 'string' ? c.title : typeof c.step === 'string' ? c.step : null;
  return `after ${str(c.actor) || '?'}'s action${step ? ` on step “${step}”` : ''}${typeof c.seq === 'number' ? ` (event #${c.seq})` : ''}`;
}

/** One event as the report's timeline shows it: a summary line and the details under it. */
export interface ReportEventText {
  summary: string;
  details: string[];
}

/**
 * Every event type an incident's timeline holds, in words, for the report. The app's own
 * describers live in the renderer (renderer/lib/describeEvent.ts), which the backend may not
 * import; this one follows the same wording, with times in UTC, and falls back to the event type
 * and its simple fields for types it does not know — so a new event is never left out.
 */
export function describeReportEvent(event: TimelineEvent): ReportEventText {
  const d = event.data;
  const details: string[] = [];
  const push = (...lines: (string | null | undefined)[]) => {
    for (const l of lines) if (l) details.push(l);
  };
  push(causedBy(d));
  const step = `“${str(d.title) || str(d.step)}”`;
  const reason = typeof d.reason === 'string' && d.reason !== '' ? `Reason: ${d.reason}` : null;
  switch (event.type) {
    case 'incident.created': {
      const f = isRecord(d.fields) ? d.fields : {};
      push(timeOrderOverride(d));
      return { summary: `Declared the incident “${str(f.title)}” (${str(f.severity)}, ${humanize(str(f.category))})`, details };
    }
    case 'incident.updated': {
      const list = changes(d);
      push(...list, timeOrderOverride(d));
      return { summary: list.length ? `Updated ${list.map((c) => c.split(':')[0]?.toLowerCase()).join(', ')}` : 'Updated the incident', details };
    }
    case 'incident.status_changed': {
      push(reason);
      const skipped = Array.isArray(d.skipped) ? d.skipped.filter((s): s is string => typeof s === 'string') : [];
      if (skipped.length) push(`Skipped, no time: ${skipped.map(humanize).join(', ')}`);
      if (isRecord(d.superseded)) push(`Set aside as superseded: ${Object.entries(d.superseded).map(([f, at]) => `${humanize(f.replace(/At$/, ''))} ${formatUtc(str(at))}`).join(', ')}`);
      const open = Array.isArray(d.openItems) ? d.openItems.filter(isRecord) : [];
      if (open.length) push(`Closed over ${open.length} open item(s): ${open.map((i) => str(i.text)).join('; ')}`);
      push(timeOrderOverride(d));
      return { summary: `Moved status ${humanize(str(d.from))} → ${humanize(str(d.to))}`, details };
    }
    case 'incident.note':
      push(str(d.text));
      return { summary: 'Added a note', details };
    case 'evidence.added':
      push(typeof d.sha256 === 'string' ? `SHA-256 ${d.sha256}` : null);
      return { summary: `Added evidence ${str(d.name)}${typeof d.size === 'number' ? ` (${d.size} bytes)` : ''}`, details };
    case 'evidence.viewed':
      return { summary: `Viewed evidence ${str(d.name)} (hash verified)`, details };
    case 'evidence.exported':
      return { summary: `Exported evidence ${str(d.name)} (hash verified)`, details };
    case 'evidence.integrity_failed':
      push(`Expected SHA-256 ${str(d.expected)}, found ${d.actual ? str(d.actual) : 'no file'}`);
      return { summary: `Evidence integrity check FAILED (${str(d.purpose)})`, details };
    case 'notify.facts_changed':
      push(...changes(d));
      return { summary: 'Changed the breach facts', details };
    case 'notify.decision':
      push(reason);
      return { summary: `Decided that the ${str(d.regimeName) || str(d.regimeId)} notice is ${d.decision === 'not-required' ? 'not required' : 'required after all'}`, details };
    case 'notify.deadline_alarm': {
      const hours = typeof d.threshold === 'number' ? d.threshold : null;
      return { summary: `Deadline alarm: ${str(d.regimeName)} — ${str(d.stageTitle)} ${hours === 0 ? 'has passed' : `is less than ${hours ?? '?'} h away`}`, details };
    }
    case 'notify.draft_created':
      return { summary: `Drafted the ${str(d.regimeId)} notice${d.audience ? ` to ${str(d.audience)}` : ''}${d.supplementTo ? ' (supplementary)' : ''}`, details };
    case 'notify.draft_revised':
      return { summary: `Revised the ${str(d.regimeId) || 'notice'} draft to version ${str(d.version)}`, details };
    case 'notify.draft_approved':
      return { summary: `Approved version ${str(d.version)} of the ${str(d.regimeId) || 'notice'} draft`, details };
    case 'notify.sent':
      push(typeof d.at === 'string' ? `Sent ${formatUtc(d.at)}` : null, typeof d.sha256 === 'string' ? `SHA-256 ${d.sha256}` : null);
      return { summary: `Sent the ${str(d.regimeId)} notice, version ${str(d.version)}, by ${str(d.channel)} to ${str(d.recipient) || '?'}`, details };
    case 'report.generated':
      push(`Anchor ${str(isRecord(d.anchor) ? d.anchor.seq : '')}:${str(isRecord(d.anchor) ? d.anchor.hash : '')}`, `SHA-256 ${str(d.sha256)}`);
      return { summary: `Generated the incident report (${str(d.format).toUpperCase()}, TLP:${str(d.tlp).toUpperCase()}${d.redacted === true ? ', redacted' : ''})`, details };
    case 'runbook.started':
      return { summary: `Started runbook ${str(d.runbook)}${d.version ? ` v${str(d.version)}` : ''}`, details };
    case 'runbook.completed':
      return { summary: `Completed runbook ${str(d.runbook)}: every step is finished`, details };
    case 'runbook.step_done': {
      const value = d.answer !== undefined ? `answer ${str(d.answer)}` : d.redacted !== undefined ? 'value withheld (personal data)' : d.value !== undefined && d.wrote === undefined ? shown(d.value) : null;
      push(value, typeof d.note === 'string' ? `Note: ${d.note}` : null);
      return { summary: `Did step ${step}`, details };
    }
    case 'runbook.step_skipped':
      push(reason);
      return { summary: `Skipped step ${step}`, details };
    case 'runbook.step_approved':
      push(typeof d.note === 'string' ? `Note: ${d.note}` : null);
      return { summary: `Approved step ${step}${d.role ? ` as ${str(d.role)}` : ''}`, details };
    case 'runbook.item_ticked':
      return { summary: `${d.checked === false ? 'Unticked' : 'Ticked'} item ${typeof d.item === 'number' ? d.item + 1 : '?'} of ${step}`, details };
    case 'runbook.step_note':
      push(str(d.text));
      return { summary: `Added a note on step ${step}`, details };
    case 'runbook.step_undone':
      push(reason);
      return { summary: `Undid run transition ${str(d.target)}`, details };
    case 'runbook.step_available':
      return { summary: `Step ${step} can be done now`, details };
    case 'runbook.step_not_applicable':
      push(reason);
      return { summary: `Step ${step} does not apply`, details };
    case 'runbook.step_not_taken':
      push(reason);
      return { summary: `Step ${step} not taken`, details };
    case 'runbook.steps_repeated':
      return { summary: `Repeating from “${str(d.from)}” (decision ${str(d.decision)})`, details };
    default: {
      push(...changes(d));
      const simple = Object.entries(d)
        .filter(([k, v]) => k !== 'changes' && k !== 'causedBy' && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'))
        .slice(0, 6)
        .map(([k, v]) => `${humanize(k)}: ${shown(v)}`);
      push(...simple);
      return { summary: humanize(event.type), details };
    }
  }
}
