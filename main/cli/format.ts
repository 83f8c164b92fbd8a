/** Human-readable output of the CLI. `--json` bypasses all of this and prints the values as-is. */
import type {
  Evidence, Incident, IncidentPhase, IncidentRow, RunCause, RunClock, RunInputValue, RunStepView, RunView, TimelineEvent, User, VerifyResult,
} from '../../contract';
import { EXERCISE_MARKING } from '../../contract/incidentTerms';
import { plural } from '../../contract/plural';
import { FINISHED_STATES } from '../../contract/runTerms';
import { escapeUnsafeInJson, terminalSafe } from './terminalSafe';

/** JSON as JSON.stringify writes it, with DEL, C1 and bidi controls escaped too: the same values, nothing a terminal obeys. */
export function toJson(value: unknown): string {
  return escapeUnsafeInJson(JSON.stringify(value, null, 2));
}

/**
 * Columns padded to the widest cell; the last column runs free. A cell is one line: a line break
 * or control character in it is shown (␊, ␛), never obeyed, so no title can start a line of its own.
 */
export function formatTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows].map((r) => r.map((cell) => terminalSafe(cell, { singleLine: true })));
  // A fold, not Math.max(...column): spreading every row into one call overflows the stack past
  // about 120,000 rows.
  const widths = header.map((_, i) => all.reduce((w, r) => Math.max(w, (r[i] ?? '').length), 0));
  return all
    .map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd())
    .join('\n');
}

export function formatIncidentRows(rows: IncidentRow[]): string {
  if (rows.length === 0) return 'No incidents.';
  return formatTable(
    ['REF', 'SEVERITY', 'STATUS', 'CATEGORY', 'OWNER', 'DETECTED', 'TITLE'],
    // An exercise says so first thing in its title, where a reader (and grep) looks.
    rows.map((r) => [r.ref, r.severity, r.status, r.category, r.owner ?? '-', r.detectedAt.slice(0, 16), r.exercise ? `[EXERCISE] ${r.title}` : r.title]),
  );
}

/** A field's value in a change line: "-" for none, yes/no, lists joined, long text cut. */
export function formatChangeValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '-';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = Array.isArray(value)
    ? (value as unknown[]).map((v) => (typeof v === 'object' && v !== null && 'jurisdiction' in v && 'count' in v ? `${String(v.jurisdiction)}=${String(v.count)}` : String(v))).join(',')
    : typeof value === 'string' ? value : JSON.stringify(value);
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat || '-';
}

export function formatIncident(incident: Incident): string {
  const lines: [string, string][] = [
    ['Reference', incident.ref],
    ['Title', incident.title],
    ['Status', incident.status],
    ['Severity', incident.severity],
    ['Highest severity', incident.highestSeverity === incident.severity ? incident.highestSeverity : `${incident.highestSeverity} (reached earlier; now ${incident.severity})`],
    ['Category', incident.category],
    ['Exercise', incident.exercise ? 'yes (a tabletop or drill: not a real incident)' : 'no'],
    ['Owner', incident.owner ?? '-'],
    ['Tags', incident.tags.join(', ') || '-'],
    ['Started', incident.startedAt ?? 'unknown'],
    ...incident.phases.map((p): [string, string] => [`${p.phase.charAt(0).toUpperCase()}${p.phase.slice(1)}`, formatPhase(p)]),
    ['Data categories', incident.dataCategories.join(', ') || '-'],
    ['Affected', incident.affected.map((a) => `${a.jurisdiction}: ${a.count}`).join(', ') || '-'],
    ['Created', `${incident.createdAt} by ${incident.createdBy}`],
    ['Updated', incident.updatedAt],
  ];
  if (incident.redacted.length > 0) lines.push(['Withheld', `${incident.redacted.join(', ')} (your role lacks pii:read)`]);
  const pd = incident.personalData;
  if (pd?.state === 'erased') lines.push(['Personal data', `erased on ${pd.at} by ${pd.by} (${pd.reason}): its key was destroyed, no one can read it again`]);
  else if (pd?.state === 'withheld' && incident.redacted.length === 0) lines.push(['Personal data', 'sealed: the personal-data key is not open in this session (your grant is pending until an administrator signs in)']);
  const width = Math.max(...lines.map(([k]) => k.length));
  // One line per field: a line break in a value (a title) is shown as ␊, so it cannot fake a field.
  const table = lines.map(([k, v]) => `${`${k}:`.padEnd(width + 2)}${terminalSafe(v, { singleLine: true })}`).join('\n');
  // An exercise is marked above everything, so a pasted or printed copy cannot pass for a real incident.
  const body = incident.exercise ? `*** ${EXERCISE_MARKING} ***\n${table}` : table;
  return incident.summary ? `${body}\n\n${incident.summary}` : body;
}

/**
 * A phase's time and state, so a skipped phase never reads as done and a superseded time never as
 * current: "2026-03-14T10:00:00.000Z", "skipped (no time)", "- (superseded: 2026-…)".
 */
export function formatPhase(p: IncidentPhase): string {
  const last = p.superseded.at(-1);
  const earlier = p.superseded.length ? `; superseded earlier: ${p.superseded.map((s) => s.at).join(', ')}` : '';
  switch (p.state) {
    case 'reached':
      return `${p.at ?? '-'}${p.superseded.length ? ` (${earlier.slice(2)})` : ''}`;
    case 'skipped':
      return `skipped (no time)${p.superseded.length ? ` (${earlier.slice(2)})` : ''}`;
    case 'superseded':
      return `- (superseded: ${last ? `${last.at}, set aside ${last.supersededAt} by ${last.supersededBy}` : ''}${p.superseded.length > 1 ? `; ${p.superseded.length - 1} earlier` : ''})`;
    case 'not-reached':
      return p.at ? `- (recorded ahead: ${p.at}${earlier})` : `-${p.superseded.length ? ` (${earlier.slice(2)})` : ''}`;
  }
}

export function formatTimeline(events: TimelineEvent[]): string {
  if (events.length === 0) return 'No events.';
  return events.map(formatEvent).join('\n');
}

export function formatEvent(e: TimelineEvent): string {
  // A consequence (actor system) names the action it followed from: who, and that action's event.
  const { causedBy, ...data } = e.data;
  const after = typeof causedBy === 'object' && causedBy !== null && 'actor' in causedBy && 'seq' in causedBy
    ? `  (after ${String(causedBy.actor)}, #${String(causedBy.seq)})` : '';
  return `#${e.seq}  ${e.ts}  ${e.actor}  ${e.type}  ${summarizeData(data)}${after}`.trimEnd();
}

/** Notes show their text, changes their gist; other events a compact, bounded rendering of their data. */
function summarizeData(data: Record<string, unknown>): string {
  if (typeof data.text === 'string') return oneLine(data.text);
  if (typeof data.from === 'string' && typeof data.to === 'string') return oneLine(describeStatusChange(data));
  if (Array.isArray(data.changes)) return describeFieldChanges(data);
  const fields = data.fields;
  if (typeof fields === 'object' && fields !== null && 'title' in fields && typeof fields.title === 'string') {
    return oneLine(fields.title);
  }
  if (typeof data.name === 'string' && typeof data.sha256 === 'string') return `${data.name} sha256 ${data.sha256}`;
  // A runbook run's event: the runbook and step, and what was given or why.
  if (typeof data.run === 'string' && typeof data.runbook === 'string') {
    const what = [
      typeof data.step === 'string' ? `"${data.step}"` : '',
      typeof data.answer === 'string' ? `answer ${data.answer}` : '',
      data.value !== undefined && data.value !== null ? `value ${JSON.stringify(data.value)}` : '',
      data.personal === true && data.value === null ? personalAnswerWithheld(data) : '',
      typeof data.target === 'number' ? `undid transition ${data.target}` : '',
      typeof data.reason === 'string' ? data.reason : '',
    ].filter(Boolean);
    return oneLine(`${data.runbook}${what.length > 0 ? ` ${what.join(' — ')}` : ''}`);
  }
  const keys = Object.keys(data);
  if (keys.length === 0) return '';
  const text = JSON.stringify(data);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** A personal runbook answer the reader is not shown, and why (as the incident's personal data says it). */
function personalAnswerWithheld(data: Record<string, unknown>): string {
  if (data.personalData === 'erased') return 'value erased (personal data)';
  if (data.personalData === 'withheld') return 'value sealed (personal-data key not open in this session)';
  return 'value withheld (personal data)';
}

/** `recovered -> closed, over 5 open items; reason: …`: what a phase move skipped, set aside or overrode. */
function describeStatusChange(data: Record<string, unknown>): string {
  const parts = [`${String(data.from)} -> ${String(data.to)}`];
  if (Array.isArray(data.skipped) && data.skipped.length) parts.push(`skipped ${data.skipped.join(', ')}`);
  if (typeof data.superseded === 'object' && data.superseded !== null) {
    parts.push(`superseded ${Object.entries(data.superseded).map(([k, v]) => `${k} ${String(v)}`).join(', ')}`);
  }
  if (Array.isArray(data.openItems) && data.openItems.length) parts.push(`over ${data.openItems.length} open items`);
  if (typeof data.timeOrderOverride === 'object' && data.timeOrderOverride !== null) parts.push('time order overridden');
  const head = parts.join(', ');
  return typeof data.reason === 'string' ? `${head}; reason: ${data.reason}` : head;
}

/**
 * `startedAt - -> 2026-03-10T07:00:00Z; reason: First beacon in the proxy log`: each change with
 * before and after (personal data the caller may not see as "withheld"), then why. Not cut to one
 * screen width like other events: a correction's reason is the point of it.
 */
function describeFieldChanges(data: Record<string, unknown>): string {
  const changes = (data.changes as unknown[]).filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null && typeof (c as { field?: unknown }).field === 'string');
  const parts = changes.map((c) => (c.redacted === true ? `${String(c.field)} (withheld)` : `${String(c.field)} ${formatChangeValue(c.before)} -> ${formatChangeValue(c.after)}`));
  if (typeof data.timeOrderOverride === 'object' && data.timeOrderOverride !== null) {
    const why = (data.timeOrderOverride as { reason?: unknown }).reason;
    parts.push(`time order overridden: ${typeof why === 'string' ? why : ''}`.trimEnd());
  }
  const text = parts.join(', ');
  const reason = typeof data.reason === 'string' ? `; reason: ${data.reason}` : '';
  return `${text}${reason}`.replace(/\s+/g, ' ').trim();
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
  return `Log OK: ${plural(v.count, 'event')}, ${head}`;
}

/** A timestamp to the minute (UTC, as stored); "-" for none. */
export function formatMinute(iso: string | null): string {
  return iso === null ? '-' : iso.slice(0, 16);
}

/** A step as one row: state, id, kind and title. */
export function formatStepList(steps: RunStepView[]): string {
  return formatTable(['STEP', 'KIND', 'TITLE'], steps.map((s) => [s.definition.id, s.definition.kind, s.definition.title]));
}

/** What `runbook start` prints: the run, the pinned runbook and what can be done first. */
export function formatRunStarted(run: RunView): string {
  const available = run.steps.filter((s) => s.state === 'available');
  return [
    `Started ${run.runbookId}@${run.version} on ${run.incidentRef}: run ${run.id}`,
    `${run.title}, ${run.steps.length} steps.`,
    '',
    available.length === 0 ? 'No step is available.' : `Available now (${available.length}):`,
    ...(available.length === 0 ? [] : [indent(formatStepList(available))]),
  ].join('\n');
}

/** What `runbook status` prints per run: a header, the clocks and one row per step. */
export function formatRunStatus(run: RunView, now: Date = new Date()): string {
  const finished = run.steps.filter((s) => FINISHED_STATES.includes(s.state)).length;
  const pinned = `${run.runbookId}@${run.version} (${run.source})${
    run.newerVersion ? `; newer version ${run.newerVersion.version} exists (the run keeps ${run.version})` : ''}`;
  const lines: [string, string][] = [
    ['Runbook', pinned],
    ['Run', `${run.id}, started ${formatMinute(run.startedAt)} by ${run.startedBy}`],
    ['Phase', run.currentPhase ? `${run.currentPhase.csf} / ${run.currentPhase.picerl}` : '-'],
    ['Complete', run.completedAt ? `yes, ${formatMinute(run.completedAt)}` : `no, ${finished} of ${run.steps.length} steps finished`],
  ];
  if (run.clocks.length === 0) lines.push(['Clocks', '-']);
  run.clocks.forEach((c, i) => lines.push([i === 0 ? 'Clocks' : '', formatClock(c, now)]));
  if (run.undoable) lines.push(['Undo', `would revert: ${oneLine(run.undoable.text)}`]);
  const width = Math.max(...lines.map(([k]) => k.length)) + 2;
  const header = lines.map(([k, v]) => `${(k ? `${k}:` : '').padEnd(width)}${terminalSafe(v, { singleLine: true })}`);
  const table = formatTable(['STATE', 'STEP', 'TITLE'], run.steps.map((s) => {
    const detail = stepDetail(s);
    return [s.state, s.definition.id, detail ? `${s.definition.title} — ${detail}` : s.definition.title];
  }));
  return [terminalSafe(run.title, { singleLine: true }), ...header, '', table].join('\n');
}

export function formatClock(c: RunClock, now: Date = new Date()): string {
  const state = c.stoppedAt === null
    ? `running since ${formatMinute(c.startedAt)}`
    : `stopped ${formatMinute(c.stoppedAt)} (started ${formatMinute(c.startedAt)})`;
  const overdue = c.stoppedAt === null && c.dueAt !== null && Date.parse(c.dueAt) < now.getTime();
  const due = c.dueAt === null ? '' : `, due ${formatMinute(c.dueAt)}${overdue ? ' (OVERDUE)' : ''}`;
  return `${c.name} ${state}${due}`;
}

/**
 * Who finished it and when, what it waits for, or why it was left out. A step the engine left out
 * (not applicable, not taken) names the system and the person's action it followed from, unless
 * `withCause` is false (the caller says that already).
 */
export function stepDetail(s: RunStepView, withCause = true): string {
  const parts: string[] = [];
  if (s.pass > 1) parts.push(`pass ${s.pass}`);
  const def = s.definition;
  switch (s.state) {
    case 'pending':
      if (s.blockedBy.length > 0) parts.push(s.blockedBy.join('; '));
      break;
    case 'available':
      if (def.kind === 'approval') parts.push(`${s.approvals.length} of ${plural(def.people ?? 1, 'approval')}`);
      if (def.kind === 'checklist' && def.items) parts.push(`${s.ticked.length} of ${def.items.length} ticked`);
      if (def.kind === 'evidence') parts.push(`${s.evidence.length} of ${plural(def.minFiles ?? 1, 'file')}`);
      break;
    case 'done':
      if (s.finishedBy !== null || s.finishedAt !== null) parts.push(`by ${s.finishedBy ?? '?'} at ${formatMinute(s.finishedAt)}`);
      if (s.answer !== null) parts.push(`answer ${s.answer}`);
      if (s.value !== null) parts.push(`value ${formatInputValue(s.value)}`);
      else if (s.redacted) parts.push('value withheld (personal data; your role lacks pii:read)');
      else if (s.personalData === 'erased') parts.push('value erased (personal data)');
      else if (s.personalData === 'withheld') parts.push('value sealed: the personal-data key is not open in this session (your grant is pending until an administrator signs in)');
      if (def.kind === 'approval' && s.approvals.length > 0) parts.push(`approved by ${s.approvals.map((a) => a.by).join(', ')}`);
      if (def.kind === 'evidence' && s.evidence.length > 0) parts.push(plural(s.evidence.length, 'file'));
      break;
    default:
      if (s.state === 'skipped' && (s.finishedBy !== null || s.finishedAt !== null)) parts.push(`by ${s.finishedBy ?? '?'} at ${formatMinute(s.finishedAt)}`);
      if (s.state !== 'skipped' && s.cause !== null && withCause) parts.push(`by ${s.finishedBy ?? '?'} at ${formatMinute(s.finishedAt)} after ${formatCause(s.cause)}`);
      if (s.reason !== null) parts.push(oneLine(s.reason));
  }
  return parts.join(', ');
}

/** The action a consequence followed from: `alice did "triage"`. */
export function formatCause(c: RunCause): string {
  return `${c.by} ${c.text}`;
}

export function formatInputValue(v: RunInputValue): string {
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return oneLine(v);
  return oneLine(v.map((x) => (typeof x === 'string' ? x : `${x.jurisdiction}=${x.count}`)).join(','));
}

function indent(text: string): string {
  return text.split('\n').map((l) => `  ${l}`).join('\n');
}
