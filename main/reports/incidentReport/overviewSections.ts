import { jurisdictionName, type IncidentPhase } from '../../../contract';
import type { Block } from '../render/ReportDocument';
import { formatDuration, formatUtc, humanize } from './formatTime';
import { incidentDurations } from './incidentDurations';
import type { IncidentReportScope } from './IncidentReportScope';
import { WITHHELD } from '../../incidents';

/** Executive summary: the review's, once there is one; until then the incident's own summary. */
export function* summarySection(s: IncidentReportScope): Generator<Block> {
  yield { kind: 'heading', level: 1, text: 'Executive summary' };
  const review = s.reviews?.review(s.db, s.ref) ?? null;
  const fromReview = review?.parts.find((p) => /summary/i.test(p.title) && p.markdown.trim() !== '');
  if (fromReview) {
    yield { kind: 'markdown', text: fromReview.markdown };
    // The incident's own summary stays in the report: it is what responders recorded at the time.
    if (s.incident.summary.trim() !== '') {
      yield { kind: 'heading', level: 2, text: 'Summary recorded on the incident' };
      yield { kind: 'markdown', text: s.incident.summary };
    }
    return;
  }
  if (s.incident.summary.trim() === '') yield { kind: 'paragraph', text: 'No summary was recorded for this incident.', tone: 'muted' };
  else yield { kind: 'markdown', text: s.incident.summary };
}

/** Impact: people by jurisdiction, data categories, systems (as tagged), duration. */
export function* impactSection(s: IncidentReportScope): Generator<Block> {
  const i = s.incident;
  yield { kind: 'heading', level: 1, text: 'Impact' };
  let total = 0;
  const rows = i.affected.map((a) => {
    total += a.count;
    return [`${a.jurisdiction} (${jurisdictionName(a.jurisdiction) ?? 'unknown code'})`, a.count.toLocaleString('en-US')];
  });
  if (rows.length > 1) rows.push(['Total', total.toLocaleString('en-US')]);
  yield {
    kind: 'table', caption: 'People affected, by jurisdiction', columns: [{ header: 'Jurisdiction', weight: 3 }, { header: 'People', align: 'right' }], rows,
    empty: 'No affected people have been counted for this incident.',
  };
  const closed = i.phases.find((p) => p.phase === 'closed');
  const duration = closed?.state === 'reached' && closed.at
    ? durationBetween(i.detectedAt, closed.at, 'detected to closed')
    : `${durationBetween(i.detectedAt, s.now, 'detected to this report')} (ongoing)`;
  const named = i.affectedPeople.length;
  yield {
    kind: 'keyValues',
    items: [
      { key: 'Data categories', value: i.dataCategories.length ? i.dataCategories.map(humanize).join(', ') : 'none recorded' },
      { key: 'Systems (as tagged)', value: i.tags.length ? i.tags.join(', ') : 'no tags recorded (Firebreak has no separate systems field)' },
      { key: 'People named', value: named === 0 ? 'none' : s.masked ? `${named} ${named === 1 ? 'person' : 'people'} — ${WITHHELD}` : i.affectedPeople.join('; ') },
      { key: 'Duration', value: duration },
    ],
  };
}

function durationBetween(from: string, to: string, what: string): string {
  const ms = Date.parse(to) - Date.parse(from);
  if (!Number.isFinite(ms)) return 'unknown';
  if (ms < 0) return `data problem: ${what} is negative (${formatUtc(to)} is before ${formatUtc(from)})`;
  return `${formatDuration(ms)} (${what})`;
}

function phaseState(p: IncidentPhase): string {
  const earlier = p.superseded.map((x) => `${formatUtc(x.at)} set aside ${formatUtc(x.supersededAt)} by ${x.supersededBy}: ${x.reason}`);
  const base = p.state === 'reached' ? 'reached'
    : p.state === 'skipped' ? 'skipped (passed over without a time)'
      : p.state === 'superseded' ? 'superseded (its time was set aside by a move back)'
        : p.at ? 'not reached (time recorded ahead)' : 'not reached';
  return earlier.length ? `${base}; earlier times: ${earlier.join('; ')}` : base;
}

/** Key times (every phase, skipped and superseded shown as such) and this incident's durations, with a chart. */
export function* keyTimesSection(s: IncidentReportScope): Generator<Block> {
  const i = s.incident;
  yield { kind: 'heading', level: 1, text: 'Key times' };
  const rows: string[][] = [];
  rows.push(['Compromise started', i.startedAt ? formatUtc(i.startedAt) : '—', i.startedAt ? 'recorded' : 'unknown (not recorded)']);
  for (const p of i.phases) rows.push([humanize(p.phase), p.state === 'reached' || (p.state === 'not-reached' && p.at) ? formatUtc(p.at) : '—', phaseState(p)]);
  yield { kind: 'table', columns: [{ header: 'Phase', weight: 1.2 }, { header: 'Time (UTC)', weight: 1.3 }, { header: 'State', weight: 3 }], rows };
  const durations = incidentDurations(i.phases, i.startedAt);
  yield { kind: 'heading', level: 2, text: 'Durations of this incident' };
  yield {
    kind: 'table',
    columns: [{ header: 'Measure', weight: 1.2 }, { header: 'From → to', weight: 1.3 }, { header: 'Duration', weight: 1 }, { header: 'Note', weight: 2.5 }],
    rows: durations.map((d) => [d.name, `${d.from} → ${d.to}`, d.state === 'ok' && d.ms !== null ? formatDuration(d.ms) : d.state === 'data-problem' ? 'data problem' : 'unknown', d.note ?? '']),
  };
  if (durations.some((d) => d.state === 'ok')) {
    yield {
      kind: 'chart',
      chart: { type: 'bar', title: 'Durations of this incident', unit: 'hours', labels: durations.map((d) => d.name.replace(/^Time to /, '')), series: [{ name: i.ref, values: durations.map((d) => (d.ms === null ? null : d.ms / 3_600_000)) }] },
    };
  }
  if (durations.some((d) => d.state === 'data-problem')) {
    yield { kind: 'paragraph', tone: 'warning', text: 'Some phase times are out of order (kept on purpose with a reason, see the timeline): those durations are listed as data problems, never as negative durations.' };
  }
}
