import { TLP_MEANING } from '../../../contract';
import { computeKpis } from '../../kpis';
import { integritySection } from '../incidentReport/closingSections';
import { formatUtc, humanize } from '../incidentReport/formatTime';
import type { Block, BlockSource, ReportMeta } from '../render/ReportDocument';
import { actionItemsSection } from './actionItemsSection';
import { backupsSection } from './backupsSection';
import { dataProblemsSection } from './dataProblemsSection';
import { daysIn, describePeriod } from './describePeriod';
import { howToReadSection } from './howToReadSection';
import { EXERCISE_TAG, incidentsSection } from './incidentsSection';
import { IncidentScrubbers } from './IncidentScrubbers';
import { notificationsSection } from './notificationsSection';
import { otherMeasuresSection } from './otherMeasuresSection';
import type { PeriodReportOptions, PeriodReportScope } from './PeriodReportScope';
import { responseTimesSection } from './responseTimesSection';
import { summarySection } from './summarySection';

export interface PeriodReportDocument {
  meta: ReportMeta;
  blocks: BlockSource;
  fileName: string;
}

/** Rows per page of the streamed tables (incidents, obligations, action items). */
const PAGE = 500;

async function* sections(s: PeriodReportScope): AsyncGenerator<Block> {
  const parts: (() => Iterable<Block> | AsyncIterable<Block>)[] = [
    () => summarySection(s),
    () => responseTimesSection(s),
    () => notificationsSection(s),
    () => backupsSection(s),
    () => incidentsSection(s),
    () => actionItemsSection(s),
    () => dataProblemsSection(s),
    () => otherMeasuresSection(s),
    () => howToReadSection(),
    () => integritySection(s),
  ];
  for (const part of parts) yield* part();
}

/**
 * The period report (issue 12 §4) for leadership: a quarter, a year or any range of whole UTC
 * days, with the KPIs of that period (computeKpis, the Dashboard's figures) and their trend
 * against the previous period, charts, the incidents, every notification obligation on time or
 * late, backup and drill health per plan, open action items, data problems and the log's anchor.
 *
 * It prints no personal field (reporter, people affected): incidents are named by reference and
 * title. For a reader who may not see personal data, or with `redact`, a title, reason or action
 * item in which someone typed a value an incident's personal fields held is scrubbed as well.
 * Everything is read in the caller's read transaction, so it describes the log its anchor names.
 */
export function buildPeriodReport(o: PeriodReportOptions): PeriodReportDocument {
  const kpis = computeKpis(o.db, o.library, o.query, o.now);
  const label = describePeriod(o.query.from, o.query.to);
  const masked = o.redact || !o.seesPii;
  const scrubbers = masked ? new IncidentScrubbers(o.db, o.anchor?.seq ?? 0) : null;
  const exercise = o.query.includeExercises ? o.db.prepare('SELECT exercise FROM incidents WHERE ref = ?').pluck() : null;
  const scope: PeriodReportScope = {
    ...o, kpis, label, masked, pageSize: PAGE,
    scrub: (ref, text) => (scrubbers ? scrubbers.scrub(ref, text) : text),
    refText: (ref) => (exercise?.get(ref) === 1 ? `${ref} ${EXERCISE_TAG}` : ref),
  };

  const f = kpis.filters;
  const personal = 'none: the period report names incidents by reference and title only; reporters and the people affected are never part of it';
  const scrubbed = o.redact ? '. Redacted for distribution: titles, reasons and action items are also scrubbed of every value an incident\'s personal fields held'
    : !o.seesPii ? `. ${o.generatedBy}'s role may not read personal data: titles, reasons and action items are also scrubbed of every value an incident's personal fields held` : '';
  const asOfEnd = Date.parse(kpis.asOf) >= Date.parse(`${kpis.to}T00:00:00Z`) + 86_400_000;
  const header = [
    { key: 'Period', value: `${label}: ${kpis.from} to ${kpis.to} (${daysIn(kpis.from, kpis.to)} days, UTC)` },
    { key: 'Compared with', value: `${kpis.previous.from} to ${kpis.previous.to} (the previous ${daysIn(kpis.previous.from, kpis.previous.to)} days)` },
    {
      key: 'Scope',
      value: `incidents detected in the period; highest severity ${f.severity ? f.severity.join(', ') : 'any'}; category ${f.category ? f.category.map(humanize).join(', ') : 'any'}; ${
        f.includeExercises ? `exercises INCLUDED and marked ${EXERCISE_TAG}` : `exercises left out (${kpis.exercisesExcluded} in the period)`}`,
    },
    { key: 'Figures as of', value: `${formatUtc(kpis.asOf)} (${asOfEnd ? 'the end of the period' : 'now: the period is not over'})` },
    { key: 'Marking', value: `TLP:${o.tlp.toUpperCase()} — ${TLP_MEANING[o.tlp]}` },
    { key: 'Generated', value: `${formatUtc(o.now)} by ${o.generatedBy}` },
    { key: 'Personal data', value: `${personal}${scrubbed}` },
    { key: 'Log anchor', value: o.anchor ? `${o.anchor.seq}:${o.anchor.hash}` : 'empty log' },
    {
      key: 'Chain verification',
      value: o.verification.ok ? `intact: ${o.verification.count.toLocaleString('en-US')} events recomputed at generation` : `BROKEN at event #${o.verification.firstBadSeq ?? '?'}: ${o.verification.problem ?? 'the chain does not verify'}`,
    },
  ];
  const meta: ReportMeta = {
    title: `Period report ${label}`,
    subtitle: 'Incident response, notifications, backups and drills: the KPIs for leadership',
    tlp: o.tlp,
    watermark: null,
    header,
    footer: `Firebreak period report ${kpis.from} to ${kpis.to} · generated ${formatUtc(o.now)} by ${o.generatedBy} · log anchor #${o.anchor?.seq ?? 0}`,
    generatedAt: o.now,
    author: o.generatedBy,
  };
  const filters = [
    f.severity ? f.severity.join('-') : null, f.category ? f.category.join('-') : null, f.includeExercises ? 'with-exercises' : null, o.redact ? 'redacted' : null,
  ].filter(Boolean).join('-');
  const fileName = `period-report-${kpis.from}-to-${kpis.to}${filters ? `-${filters}` : ''}-tlp-${o.tlp}.${o.format}`;
  return { meta, blocks: sections(scope), fileName };
}
