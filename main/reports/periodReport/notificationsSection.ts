import { listScopeObligations, type ScopeObligation } from '../../kpis';
import { formatDuration, formatUtc } from '../incidentReport/formatTime';
import type { Block } from '../render/ReportDocument';
import { EXERCISE_TAG } from './incidentsSection';
import type { PeriodReportScope } from './PeriodReportScope';
import { percentText, signedText } from './spanText';

const by = (ms: number) => formatDuration(Math.abs(ms));

/** Where one obligation stands, in words: on time by how much, late by how much, overdue, or not due yet. */
function resultOf(o: ScopeObligation, asOfMs: number, nowMs: number): string {
  const due = o.due ? Date.parse(o.due) : NaN;
  switch (o.state) {
    case 'on-time':
      return `on time, ${by((o.marginSeconds ?? 0) * 1000)} before the deadline`;
    case 'late':
      return `LATE by ${by((o.marginSeconds ?? 0) * 1000)}`;
    case 'unsent-past-due':
      return asOfMs < nowMs ? `NOT SENT: OVERDUE by ${by(asOfMs - due)} at the end of the period, by ${by(nowMs - due)} now` : `NOT SENT: OVERDUE by ${by(nowMs - due)}`;
    case 'overdue-now':
      return `not sent; due after the period, OVERDUE now by ${by(nowMs - due)} (not in this period's rate)`;
    case 'not-yet-due':
      return `not sent yet; due in ${by(due - nowMs)} (not in this period's rate)`;
    case 'no-deadline-sent':
      return 'sent (no fixed deadline: not in the rate)';
    case 'no-deadline-unsent':
      return 'not sent yet (no fixed deadline: not in the rate)';
  }
}

/**
 * Notifications on time or late: the rate with its basis and the margin, a chart of the rate by
 * month, then every obligation of the incidents in scope — its incident, regime and stage,
 * deadline, when sent, and on time or late by how much — and the ones overdue now.
 */
export async function* notificationsSection(s: PeriodReportScope): AsyncGenerator<Block> {
  const n = s.kpis.notifications;
  yield { kind: 'heading', level: 1, text: 'Notifications', newPage: true };
  yield { kind: 'paragraph', tone: 'muted', text: 'Decision support, not legal advice: obligations are assessed from the breach facts recorded on each incident against each regime\'s rules.' };
  yield {
    kind: 'keyValues',
    items: [
      { key: 'On time', value: n.due === 0 ? 'no notice with a fixed deadline was due or sent in the period' : `${percentText(n.rate)}: ${n.onTime} of ${n.due} notices due or sent` },
      { key: 'Sent late', value: String(n.sentLate) },
      { key: 'Not sent by the deadline', value: String(n.unsentPastDue) },
      { key: 'Margin (deadline minus sent)', value: `${signedText(n.margin, 'no notice sent against a fixed deadline')}; positive is early, negative late` },
      { key: 'Sent without a fixed deadline', value: `${n.sentWithoutDeadline} (not in the rate)` },
      { key: 'Overdue now, still open', value: String(n.openOverdue) },
      { key: 'Incidents assessed', value: `${n.assessedIncidents} of ${s.kpis.incidents} (those with breach facts recorded)` },
    ],
  };
  if (n.due > 0) {
    yield {
      kind: 'chart',
      chart: { type: n.byMonth.length > 12 ? 'line' : 'bar', title: 'Notifications on time, by month detected', unit: '%', max: 100, labels: n.byMonth.map((g) => g.key), gap: 'none due', series: [{ name: 'on time', values: n.byMonth.map((g) => (g.rate === null ? null : Math.round(g.rate * 1000) / 10)) }] },
    };
  } else yield { kind: 'paragraph', tone: 'muted', text: 'No chart: no notice with a fixed deadline was due in the period.' };

  const nowMs = Date.parse(s.now);
  const asOfMs = Date.parse(s.kpis.asOf);
  const columns = [
    { header: 'Incident', weight: 1 }, { header: 'Regime and stage', weight: 2.2 }, { header: 'Deadline (UTC)', weight: 1.2 }, { header: 'Sent (UTC)', weight: 1.2 }, { header: 'Result', weight: 2.4 },
  ];
  const rowOf = (o: ScopeObligation): string[] => [
    o.exercise ? `${o.ref} ${EXERCISE_TAG}` : o.ref, `${o.regimeName} — ${o.stageTitle}`, o.due ? formatUtc(o.due) : 'no fixed deadline', o.sentAt ? formatUtc(o.sentAt) : 'not sent', resultOf(o, asOfMs, nowMs),
  ];
  let page: string[][] = [];
  let started = false;
  for (const o of listScopeObligations(s.db, s.library, s.query, s.now)) {
    page.push(rowOf(o));
    if (page.length < s.pageSize) continue;
    yield started ? { kind: 'rows', rows: page } : { kind: 'table', caption: 'Every obligation of the incidents in the period', columns, rows: page };
    started = true;
    page = [];
  }
  if (!started) yield { kind: 'table', caption: 'Every obligation of the incidents in the period', columns, rows: page, empty: 'No incident in the period has an obligation to notify on its recorded facts.' };
  else if (page.length) yield { kind: 'rows', rows: page };

  yield {
    kind: 'table',
    caption: 'Overdue now and still open',
    columns: [{ header: 'Incident', weight: 1 }, { header: 'Regime and stage', weight: 2.4 }, { header: 'Deadline (UTC)', weight: 1.2 }, { header: 'Overdue by', weight: 1 }],
    rows: n.openOverdueList.map((o) => [s.refText(o.ref), `${o.regimeName} — ${o.stageTitle}`, formatUtc(o.due), by(nowMs - Date.parse(o.due))]),
    empty: 'No obligation of these incidents is overdue now.',
  };
  if (n.openOverdue > n.openOverdueList.length) yield { kind: 'paragraph', tone: 'warning', text: `${n.openOverdue - n.openOverdueList.length} more overdue obligations are not listed here: see the Deadlines board.` };
}
