import type { RunStepView, RunView } from '../../../contract';
import { listEvidence } from '../../evidence';
import { assessIncident, getBreachFacts, listDrafts } from '../../notify';
import { listRuns } from '../../runbooks';
import type { Block } from '../render/ReportDocument';
import { formatDuration, formatUtc, humanize } from './formatTime';
import type { IncidentReportScope } from './IncidentReportScope';

function stepNote(step: RunStepView): string {
  const parts: string[] = [];
  if (step.reason) parts.push(`Reason: ${step.reason}`);
  if (step.answer !== null) parts.push(`Answer: ${step.answer}`);
  if (step.redacted) parts.push('Value: [personal data withheld]');
  else if (step.value !== null) parts.push(`Value: ${Array.isArray(step.value) ? step.value.map((v) => (typeof v === 'string' ? v : `${v.jurisdiction}: ${v.count}`)).join(', ') : String(step.value)}`);
  for (const a of step.approvals) parts.push(`Approved by ${a.by} ${formatUtc(a.at)}${a.note ? `: ${a.note}` : ''}`);
  for (const n of step.notes) parts.push(`Note by ${n.by} ${formatUtc(n.at)}: ${n.text}`);
  if (step.evidence.length) parts.push(`${step.evidence.length} evidence file(s)`);
  return parts.join('\n');
}

function* runBlocks(run: RunView): Generator<Block> {
  yield { kind: 'heading', level: 2, text: `Runbook: ${run.title}` };
  yield {
    kind: 'keyValues',
    items: [
      { key: 'Runbook', value: `${run.runbookId} version ${run.version} (${run.source}), SHA-256 ${run.contentHash}` },
      { key: 'Started', value: `${formatUtc(run.startedAt)} by ${run.startedBy}` },
      { key: 'Completed', value: run.completedAt ? formatUtc(run.completedAt) : 'not completed at the time of this report' },
    ],
  };
  yield {
    kind: 'table',
    caption: 'Every step',
    columns: [{ header: 'Step', weight: 2 }, { header: 'Phase', weight: 1.15 }, { header: 'State', weight: 0.9 }, { header: 'By', weight: 0.8 }, { header: 'When (UTC)', weight: 1.2 }, { header: 'Time in step', weight: 0.8 }, { header: 'Notes, reasons, approvals', weight: 2.8 }],
    rows: run.steps.map((s) => [
      s.pass > 1 ? `${s.definition.title} (pass ${s.pass})` : s.definition.title,
      humanize(s.definition.phase.picerl),
      humanize(s.state),
      s.finishedBy ?? '—',
      s.finishedAt ? formatUtc(s.finishedAt) : s.availableAt ? `available ${formatUtc(s.availableAt)}` : '—',
      s.seconds > 0 ? formatDuration(s.seconds * 1000) : '—',
      stepNote(s),
    ]),
  };
  const undone = run.history.filter((h) => h.kind === 'undo' || h.kind === 'skip' || h.undone);
  yield {
    kind: 'table',
    caption: 'Skips and undos',
    columns: [{ header: '#', weight: 0.4, align: 'right' }, { header: 'When (UTC)', weight: 1.2 }, { header: 'Who', weight: 0.8 }, { header: 'What', weight: 4 }],
    rows: undone.map((h) => [String(h.n), formatUtc(h.at), h.by, `${h.text}${h.undone ? ' (undone later)' : ''}`]),
    empty: 'No step was skipped or undone in this run.',
  };
}

/** Containment, eradication and recovery actions: every runbook run with every step, who and when, skips and undos with reasons. */
export function* actionsSection(s: IncidentReportScope): Generator<Block> {
  yield { kind: 'heading', level: 1, text: 'Response actions (runbooks)' };
  const runs = listRuns({ db: s.db, dirs: s.runbookDirs, now: s.now, seesPii: !s.masked }, s.ref);
  if (runs.length === 0) {
    yield { kind: 'paragraph', text: 'No runbook was run on this incident. Actions taken outside runbooks are in the timeline (notes and status changes).', tone: 'muted' };
    return;
  }
  for (const run of runs) yield* runBlocks(run);
}

const margin = (ms: number): string => formatDuration(Math.abs(ms));

/** Notifications: each obligation, its deadline, when it was sent, on time or late and by how much; decisions with their reasons. */
export function* notificationsSection(s: IncidentReportScope): Generator<Block> {
  yield { kind: 'heading', level: 1, text: 'Notifications' };
  yield { kind: 'paragraph', tone: 'muted', text: 'Decision support, not legal advice: obligations are assessed from the recorded breach facts against each regime\'s rules.' };
  const facts = getBreachFacts(s.db, s.ref);
  const drafts = listDrafts(s.db, s.ref);
  if (facts.updatedAt === null && drafts.length === 0) {
    yield { kind: 'paragraph', text: 'Notification obligations were not assessed for this incident: no breach facts were recorded and no notice was drafted.' };
    return;
  }
  const nowMs = Date.parse(s.now);
  const assessment = assessIncident(s.db, s.library, s.ref, s.now);
  const relevant = assessment.regimes.filter((r) => r.outcome === 'notify' || r.outcome === 'undetermined' || r.decision !== null);
  const rows: string[][] = [];
  for (const r of relevant) {
    const name = `${r.regime.name} (${r.regime.jurisdiction.code}, to the ${r.regime.audience})`;
    const decided = r.decision?.decision === 'not-required' ? `decided not required by ${r.decision.by} ${formatUtc(r.decision.at)}: ${r.decision.reason}` : null;
    if (r.stages.length === 0) rows.push([name, '—', '—', '—', decided ?? humanize(r.outcome)]);
    for (const st of r.stages) {
      const due = st.due ? formatUtc(st.due) : st.status === 'asap' ? 'as soon as possible (no fixed period)' : st.status === 'waiting' ? `waiting for ${st.waitingFor ?? 'a fact'}` : humanize(st.status);
      let sent = '—';
      let verdict: string;
      if (st.met) {
        sent = `${formatUtc(st.met.sentAt)} by ${st.met.sentBy}, ${st.met.channel} to ${st.met.recipient}`;
        verdict = st.met.marginMs === null ? 'sent (no fixed deadline)' : st.met.marginMs >= 0 ? `on time, ${margin(st.met.marginMs)} before the deadline` : `LATE by ${margin(st.met.marginMs)}`;
      } else if (decided) verdict = decided;
      else if (st.due && Date.parse(st.due) <= nowMs) verdict = `not sent: OVERDUE by ${margin(nowMs - Date.parse(st.due))}`;
      else if (st.due) verdict = `not sent yet: due in ${margin(Date.parse(st.due) - nowMs)}`;
      else verdict = 'not sent yet';
      rows.push([`${name} — ${st.title}`, due, sent, r.outcome === 'undetermined' ? 'may apply (undetermined)' : 'applies', verdict]);
    }
  }
  yield {
    kind: 'table',
    caption: 'Obligations',
    columns: [{ header: 'Regime and stage', weight: 2.5 }, { header: 'Deadline (UTC)', weight: 1.3 }, { header: 'Sent', weight: 2 }, { header: 'Assessment', weight: 1 }, { header: 'On time?', weight: 2 }],
    rows,
    empty: 'No regime requires or may require a notice on the recorded facts.',
  };
  const decisions = relevant.filter((r) => r.decision !== null);
  if (decisions.length) {
    yield {
      kind: 'table', caption: 'Decisions',
      columns: [{ header: 'Regime', weight: 1.5 }, { header: 'Decision', weight: 1 }, { header: 'By', weight: 0.8 }, { header: 'When (UTC)', weight: 1.2 }, { header: 'Reason', weight: 3 }],
      rows: decisions.map((r) => [r.regime.name, r.decision?.decision === 'not-required' ? 'not required' : 'required (earlier decision withdrawn)', r.decision?.by ?? '', formatUtc(r.decision?.at), r.decision?.reason ?? '']),
    };
  }
  yield {
    kind: 'table', caption: 'Notices drafted',
    columns: [{ header: 'Regime', weight: 1.6 }, { header: 'Audience', weight: 0.9 }, { header: 'Status', weight: 0.8 }, { header: 'Versions', weight: 0.6, align: 'right' }, { header: 'Sent (UTC)', weight: 1.2 }],
    rows: drafts.map((d) => [`${d.regimeName}${d.stage ? ` — ${d.stage}` : ''}${d.supplementTo ? ' (supplementary)' : ''}`, d.audience, d.status, String(d.latestVersion), d.sentAt ? formatUtc(d.sentAt) : '—']),
    empty: 'No notice was drafted.',
  };
  const others = assessment.regimes.filter((r) => !relevant.includes(r));
  if (others.length) {
    const by = (o: string) => others.filter((r) => r.outcome === o).map((r) => r.regime.name);
    yield {
      kind: 'bullets',
      items: [
        ['out-of-scope', 'Out of scope'], ['not-required', 'In scope, below the thresholds'], ['exempt', 'In scope, exempt'],
      ].filter(([o]) => by(o ?? '').length > 0).map(([o, label]) => `${label}: ${by(o ?? '').join(', ')}`),
    };
  }
}

/** Evidence with its SHA-256 and chain of custody (every view, export and failed check is a custody event). */
export function* evidenceSection(s: IncidentReportScope): Generator<Block> {
  yield { kind: 'heading', level: 1, text: 'Evidence' };
  const items = listEvidence(s.db, s.ref);
  yield {
    kind: 'table',
    columns: [{ header: 'File', weight: 1.6 }, { header: 'Size', weight: 0.7, align: 'right' }, { header: 'SHA-256 (at intake)', weight: 3, mono: true }, { header: 'Added', weight: 1.4 }],
    rows: items.map((e) => [`${e.name}${e.description ? `\n${e.description}` : ''}`, `${e.size.toLocaleString('en-US')} B`, e.sha256, `${formatUtc(e.addedAt)} by ${e.addedBy}`]),
    empty: 'No evidence was added to this incident.',
  };
  if (items.length === 0) return;
  const custody = s.db
    .prepare("SELECT seq, ts, actor, type, json_extract(data, '$.name') AS name FROM events WHERE incident_ref = ? AND seq <= ? AND type LIKE 'evidence.%' ORDER BY seq LIMIT 5001")
    .all(s.ref, s.upTo) as { seq: number; ts: string; actor: string; type: string; name: string | null }[];
  const shown = custody.slice(0, 5000);
  yield {
    kind: 'table', caption: 'Chain of custody',
    columns: [{ header: '#', weight: 0.5, align: 'right' }, { header: 'When (UTC)', weight: 1.3 }, { header: 'Who', weight: 0.8 }, { header: 'Action', weight: 1.3 }, { header: 'File', weight: 2 }],
    rows: shown.map((c) => [String(c.seq), formatUtc(c.ts, true), c.actor, humanize(c.type.replace(/^evidence\./, '')), c.name ?? '']),
  };
  if (custody.length > shown.length) yield { kind: 'paragraph', tone: 'warning', text: 'More than 5,000 custody events: the rest are in the appendix (the whole timeline).' };
}

/**
 * Recovery: backups and restore drills tied to the incident. Firebreak does not link backups to
 * incidents yet (a backup has no incident field), so the report says so rather than list every plan.
 */
export function* recoverySection(): Generator<Block> {
  yield { kind: 'heading', level: 1, text: 'Recovery (backups and restore drills)' };
  yield {
    kind: 'paragraph',
    text: 'No backups linked: Firebreak does not yet link backups or restore drills to an incident, so none are reported here. The Backups page shows each plan\'s latest verified backup against its RPO and the measured drill restore times against the RTO.',
  };
}
