import type { DurationMetric, KpiResult } from '../../../contract';
import type { Block } from '../render/ReportDocument';
import type { PeriodReportScope } from './PeriodReportScope';
import { percentText, spanText } from './spanText';
import { trendText } from './trendText';

/** The durations a leader asks about first; the rest are in Response times. */
const HEADLINE = ['timeToDetect', 'timeToTriage', 'timeToContain', 'timeToRecover', 'timeToClose'];

function durationRow(d: DurationMetric, r: KpiResult): string[] {
  const s = d.overall;
  const before = r.previous.durations.find((p) => p.id === d.id);
  const basis = s.inScope === 0 ? 'no incident in scope' : `n = ${s.n} of ${s.inScope}, coverage ${percentText(s.coverage)}`;
  return [
    `${d.label} (median)`,
    s.n === 0 ? 'not measured' : spanText(s.median),
    basis,
    trendText(s.n === 0 ? null : s.median, before && before.n > 0 ? before.median : null, 'duration', before ? { now: { n: s.n, coverage: s.coverage }, before: { n: before.n, coverage: before.coverage } } : undefined),
  ];
}

/**
 * The executive summary: the headline figures with their basis and the change against the
 * previous period, then what needs attention, in words.
 */
export function* summarySection(s: PeriodReportScope): Generator<Block> {
  const r = s.kpis;
  const p = r.previous;
  yield { kind: 'heading', level: 1, text: 'Executive summary' };
  if (r.filters.includeExercises) yield { kind: 'paragraph', tone: 'warning', text: 'Exercises are included: these figures mix tabletops and drills with real incidents. Exercises are marked [EXERCISE] in the tables.' };
  const n = r.notifications;
  const b = r.backups;
  const d = r.drills;
  const a = r.actionItems;
  const rows: string[][] = [
    [
      'Incidents detected', String(r.incidents),
      r.filters.includeExercises ? 'exercises included' : r.exercisesExcluded > 0 ? `${r.exercisesExcluded} ${r.exercisesExcluded === 1 ? 'exercise' : 'exercises'} left out` : 'no exercise left out',
      trendText(r.incidents, p.incidents, 'count'),
    ],
    ...r.durations.filter((x) => HEADLINE.includes(x.id)).map((x) => durationRow(x, r)),
    ['Notifications on time', percentText(n.rate), n.due === 0 ? 'no notice was due' : `${n.onTime} of ${n.due} due or sent`, trendText(n.rate, p.notificationRate, 'rate', { now: { n: n.due }, before: { n: p.notificationsDue }, things: 'notices' })],
    ['Backups completed and verified', percentText(b.rate), b.scheduled === 0 ? 'no scheduled run' : `${b.succeeded} of ${b.scheduled} scheduled runs`, trendText(b.rate, p.backupRate, 'rate', { now: { n: b.scheduled }, before: { n: p.backupsScheduled }, things: 'scheduled runs' })],
    ['Drill restore time (median)', d.restore.n === 0 ? 'no drill' : spanText(d.restore.median), `n = ${d.restore.n} ${d.restore.n === 1 ? 'drill' : 'drills'}`, trendText(d.restore.n === 0 ? null : d.restore.median, p.drills > 0 ? p.drillMedian : null, 'duration', { now: { n: d.restore.n }, before: { n: p.drills }, things: 'drills' })],
    ['Open action items', a ? String(a.open) : '—', a ? `${a.overdue} overdue now` : '', 'not compared (a count as of now)'],
    ['Data problems', String(r.dataProblemCount), 'times out of order (see Data problems)', 'not compared'],
  ];
  yield {
    kind: 'table',
    caption: `Headline figures, ${s.label} against ${p.from} to ${p.to}`,
    columns: [{ header: 'Measure', weight: 1.7 }, { header: 'This period', weight: 0.9, align: 'right' }, { header: 'Basis', weight: 1.6 }, { header: 'Against the previous period', weight: 2 }],
    rows,
  };

  const attention: string[] = [];
  for (const x of r.durations.filter((m) => HEADLINE.includes(m.id))) {
    const o = x.overall;
    if (o.inScope > 0 && o.coverage !== null && o.coverage < 1) {
      attention.push(`${x.label}: measured for ${o.n} of ${o.inScope} incidents (${o.missing} without a time${o.outOfOrder ? `, ${o.outOfOrder} out of order` : ''}); the figure describes only those.`);
    }
  }
  if (n.sentLate > 0 || n.unsentPastDue > 0) attention.push(`Notifications: ${n.sentLate} sent late and ${n.unsentPastDue} not sent by their deadline in the period.`);
  if (n.openOverdue > 0) attention.push(`${n.openOverdue} notification ${n.openOverdue === 1 ? 'obligation is' : 'obligations are'} overdue now and still open.`);
  if (b.missed + b.failed + b.unverified > 0) attention.push(`Backups: ${b.missed} scheduled ${b.missed === 1 ? 'run' : 'runs'} missed, ${b.failed} failed, ${b.unverified} never verified.`);
  for (const plan of b.plans) if (plan.withinRpo === false) attention.push(`Backup plan ${plan.plan}: ${plan.newestVerified ? `the newest verified backup was older than the RPO at the end of the period` : 'no verified backup at the end of the period'}.`);
  if (d.overRto > 0) attention.push(`${d.overRto} restore ${d.overRto === 1 ? 'drill' : 'drills'} over the RTO or failed.`);
  if (a && a.overdue > 0) attention.push(`${a.overdue} action ${a.overdue === 1 ? 'item is' : 'items are'} overdue.`);
  if (r.dataProblemCount > 0) attention.push(`${r.dataProblemCount} data ${r.dataProblemCount === 1 ? 'problem' : 'problems'} (times out of order): those durations are left out, never counted as negative.`);
  if (!s.verification.ok) attention.push('The event log did NOT verify when this report was generated (see Integrity anchor).');
  yield { kind: 'heading', level: 2, text: 'Needs attention' };
  if (attention.length) yield { kind: 'bullets', items: attention };
  else yield { kind: 'paragraph', tone: 'muted', text: 'Nothing: every measure is complete, nothing is late, overdue, missed or over target.' };
  yield {
    kind: 'paragraph', tone: 'muted',
    text: 'Medians and p90 are nearest-rank values of the incidents measured (n); coverage is n of the incidents in scope. With few incidents a change against the previous period may be chance: read it with its n.',
  };
}
