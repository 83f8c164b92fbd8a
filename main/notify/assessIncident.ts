import type { Assessment } from '../../contract';
import type { Db } from '../store';
import { assessRegimes } from './assessRegimes';
import { getBreachFacts } from './breachFactsStore';
import { readDecisions, readSentNotices, type SentNotice } from './obligationRecords';
import type { RegimeLibrary } from './RegimeLibrary';

/**
 * An incident's assessment with what has been done about it: each stage met by the first notice
 * recorded as sent for that regime, stage and the regime's audience (a board briefing does not
 * notify the regulator), and each regime's decision in force. A later stage that counts from an
 * earlier one's submission (NIS2's final report, a month after the notification) counts from the
 * time the earlier notice actually went out. An obligation stays open — on the board, with its
 * alarms — until every stage is met or it is decided not required; the incident's phase plays no
 * part.
 */
export function assessIncident(db: Db, library: RegimeLibrary, ref: string, now: string): Assessment {
  const { facts } = getBreachFacts(db, ref);
  const audienceOf = new Map(library.regimes.map((r) => [r.id, r.audience]));
  const meeting = new Map<string, SentNotice>();
  for (const n of readSentNotices(db, ref)) {
    const key = `${n.regimeId}/${n.stage}`;
    if (n.audience === audienceOf.get(n.regimeId) && !meeting.has(key)) meeting.set(key, n);
  }
  const submitted = new Map([...meeting].map(([key, n]) => [key, n.sentAt]));
  const assessment = assessRegimes(library, facts, now, submitted);
  const decisions = readDecisions(db, ref);
  for (const r of assessment.regimes) {
    r.decision = decisions.get(r.regime.id) ?? null;
    for (const s of r.stages) {
      const n = meeting.get(`${r.regime.id}/${s.id}`);
      s.met = n
        ? { draftId: n.draftId, sentAt: n.sentAt, sentBy: n.sentBy, channel: n.channel, recipient: n.recipient, marginMs: s.due === null ? null : Date.parse(s.due) - Date.parse(n.sentAt) }
        : null;
    }
    r.open = (r.outcome === 'notify' || r.outcome === 'undetermined') && r.decision?.decision !== 'not-required' && (r.stages.length === 0 || r.stages.some((s) => s.met === null));
  }
  return assessment;
}
