import { EXERCISE_EXPLANATION, EXERCISE_MARKING, TLP_MEANING, type Incident } from '../../../contract';
import { getIncident, incidentScrubber, maskIncident, WITHHELD, type PiiScrubber } from '../../incidents';
import type { Block, BlockSource, ReportMeta } from '../render/ReportDocument';
import { integritySection, reviewSections } from './closingSections';
import { formatUtc, humanize } from './formatTime';
import type { IncidentReportOptions, IncidentReportScope } from './IncidentReportScope';
import { impactSection, keyTimesSection, summarySection } from './overviewSections';
import { actionsSection, evidenceSection, notificationsSection, recoverySection } from './responseSections';
import { keyEventsSection, timelineAppendix } from './timelineSections';

export interface IncidentReportDocument {
  meta: ReportMeta;
  blocks: BlockSource;
  fileName: string;
}

/** Every string of a block through the scrubber: the one place personal data is masked in a report's text. */
function scrubBlock(b: Block, scrub: (s: string) => string): Block {
  switch (b.kind) {
    case 'heading':
      return { ...b, text: scrub(b.text) };
    case 'markdown':
    case 'paragraph':
      return { ...b, text: scrub(b.text) };
    case 'bullets':
      return { ...b, items: b.items.map(scrub) };
    case 'keyValues':
      return { ...b, items: b.items.map((kv) => ({ key: scrub(kv.key), value: scrub(kv.value) })) };
    case 'table':
      return { ...b, rows: b.rows.map((r) => r.map(scrub)), ...(b.caption ? { caption: scrub(b.caption) } : {}) };
    case 'rows':
      return { rows: b.rows.map((r) => r.map(scrub)), kind: 'rows' };
    case 'chart':
      return { ...b, chart: { ...b.chart, title: scrub(b.chart.title), labels: b.chart.labels.map(scrub) } };
  }
}

async function* sections(s: IncidentReportScope, scrubber: PiiScrubber): AsyncGenerator<Block> {
  const parts: (() => Iterable<Block> | AsyncIterable<Block>)[] = [
    () => summarySection(s),
    () => impactSection(s),
    () => keyTimesSection(s),
    () => keyEventsSection(s),
    () => actionsSection(s),
    () => notificationsSection(s),
    () => evidenceSection(s),
    () => recoverySection(s),
    () => reviewSections(s),
    () => integritySection(s),
    () => timelineAppendix(s),
  ];
  const scrub = (text: string) => scrubber.scrub(text);
  for (const part of parts) {
    for await (const block of part()) yield s.masked ? scrubBlock(block, scrub) : block;
  }
}

const reporterOf = (i: Incident): string => {
  const parts = [i.reporterName, i.reporterEmail, i.reporterPhone].filter((x): x is string => typeof x === 'string' && x !== '');
  return parts.length ? parts.join(', ') : 'not recorded';
};

/**
 * The incident report (issue 12 §3) as a report document: header, executive summary, impact, key
 * times and this incident's durations, key-event timeline, runbook runs, notifications, evidence,
 * recovery, review and action items, the integrity anchor, and the whole timeline in an appendix.
 *
 * Everything is read up to the anchor's sequence number, so the report describes exactly the log
 * its anchor names; the timeline is read a page at a time as the renderer asks for blocks.
 * Personal data is masked when the reader may not see it or `redact` is set: the incident's
 * personal fields are withheld, events are masked as the API masks them (maskEvent), and every
 * value those fields ever held is masked wherever else it was typed (PiiScrubber).
 */
export function buildIncidentReport(o: IncidentReportOptions): IncidentReportDocument {
  const raw = getIncident(o.db, o.ref);
  const masked = o.redact || !o.seesPii;
  const incident = masked ? maskIncident(raw) : raw;
  const upTo = o.anchor?.seq ?? 0;
  const eventCount = (o.db.prepare('SELECT count(*) AS n FROM events WHERE incident_ref = ? AND seq <= ?').get(o.ref, upTo) as { n: number }).n;
  const authors = (o.db.prepare("SELECT DISTINCT actor FROM events WHERE incident_ref = ? AND seq <= ? AND actor <> 'system' ORDER BY actor LIMIT 200").all(o.ref, upTo) as { actor: string }[]).map((r) => r.actor);
  const highestSeverity = raw.highestSeverity;
  const scope: IncidentReportScope = { ...o, incident, masked, upTo, eventCount, highestSeverity, authors };
  // Every value the personal fields ever held up to the anchor, and the values now.
  const scrubber = incidentScrubber(o.db, o.ref, upTo);

  const personal = o.redact ? `redacted for distribution (${WITHHELD})` : !o.seesPii ? `masked: ${o.generatedBy}'s role may not read personal data` : 'shown (the reader may read personal data)';
  const header = [
    { key: 'Reference', value: raw.ref },
    { key: 'Title', value: raw.title },
    { key: 'Highest severity', value: highestSeverity === raw.severity ? highestSeverity : `${highestSeverity} (now ${raw.severity})` },
    { key: 'Status', value: humanize(raw.status) },
    { key: 'Category', value: humanize(raw.category) },
    { key: 'Owner', value: raw.owner ?? 'none' },
    { key: 'Marking', value: `TLP:${o.tlp.toUpperCase()} — ${TLP_MEANING[o.tlp]}` },
    { key: 'Reported by', value: masked ? WITHHELD : reporterOf(raw) },
    { key: 'Authors (people who acted)', value: authors.length ? authors.join(', ') : 'none' },
    { key: 'Generated', value: `${formatUtc(o.now)} by ${o.generatedBy}` },
    { key: 'Personal data', value: `${personal}${masked ? '. Free text may still name people not recorded in a personal field: review before sharing.' : ''}` },
    { key: 'Log anchor', value: o.anchor ? `${o.anchor.seq}:${o.anchor.hash}` : 'empty log' },
  ];
  if (raw.exercise) header.splice(1, 0, { key: 'Exercise', value: `${EXERCISE_MARKING}. ${EXERCISE_EXPLANATION}` });
  const scrub = (t: string) => (masked ? scrubber.scrub(t) : t);
  const meta: ReportMeta = {
    title: scrub(`${raw.ref}: ${raw.title}`),
    subtitle: 'Incident report',
    tlp: o.tlp,
    watermark: raw.exercise ? EXERCISE_MARKING : null,
    header: header.map((kv) => ({ key: kv.key, value: scrub(kv.value) })),
    footer: `Firebreak incident report ${raw.ref} · generated ${formatUtc(o.now)} by ${o.generatedBy} · log anchor #${o.anchor?.seq ?? 0}`,
    generatedAt: o.now,
    author: o.generatedBy,
  };
  // An exercise's file says so in its name too, wherever it is copied (as notices do).
  const fileName = `${raw.exercise ? 'EXERCISE-' : ''}${raw.ref}-incident-report-tlp-${o.tlp}${o.redact ? '-redacted' : ''}.${o.format}`;
  return { meta, blocks: sections(scope, scrubber), fileName };
}

