import type { Assessment, JurisdictionNote, RegimeAssessment, StageDeadline } from '../../contract';

export const NOT_LEGAL_ADVICE = 'Decision support, not legal advice: check every conclusion with counsel before relying on it.';

/** An instant in a zone, for people: "16 Mar 2026, 11:00 CET". */
export function formatInstant(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(new Date(iso));
}

/** "2 d 3 h", "3 h 10 min", "4 min": a span for people. */
export function formatSpan(ms: number): string {
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  return d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : `${m} min`;
}

/** "in 2 d 3 h", "3 h 10 min OVERDUE". */
export function formatTimeLeft(dueIso: string, nowIso: string): string {
  const ms = Date.parse(dueIso) - Date.parse(nowIso);
  return ms <= 0 ? `${formatSpan(ms)} OVERDUE` : `in ${formatSpan(ms)}`;
}

function stageLine(s: StageDeadline, r: RegimeAssessment, now: string, userZone: string): string {
  const head = `    ${s.title}: `;
  if (s.met !== null) {
    const margin = s.met.marginMs === null ? '' : s.met.marginMs >= 0 ? ` — ${formatSpan(s.met.marginMs)} before the deadline` : ` — LATE by ${formatSpan(s.met.marginMs)}`;
    // A check mark only for a notice that met its deadline: a late one is sent, not done right.
    const sent = s.met.marginMs !== null && s.met.marginMs < 0 ? 'SENT LATE' : 'SENT ✓';
    return `${head}${sent} ${formatInstant(s.met.sentAt, r.regime.jurisdiction.timeZone)} via ${s.met.channel} to ${s.met.recipient}, recorded by ${s.met.sentBy}${margin}`;
  }
  if (s.status === 'asap') return `${head}${s.wording} (no fixed period)`;
  if (s.status === 'unavailable') return `${head}cannot be computed: ${s.problem ?? 'unknown reason'} — count it by hand (${s.wording})`;
  if (s.due === null) return `${head}waiting for ${s.waitingFor ?? 'a fact'} — ${s.amount ?? ''} ${s.unit ?? ''} from ${s.startsAt}`;
  const local = formatInstant(s.due, r.regime.jurisdiction.timeZone);
  const mine = formatInstant(s.due, userZone);
  return `${head}due ${local}${mine !== local ? ` (${mine} here)` : ''}, ${formatTimeLeft(s.due, now)}${s.status === 'conditional' ? ' — if its condition holds' : ''} [${s.source.cite}]`;
}

const notDecided = (r: RegimeAssessment) => r.decision?.decision !== 'not-required';
const GROUPS: [string, (r: RegimeAssessment) => boolean][] = [
  ['NOTIFY', (r) => r.outcome === 'notify' && r.open],
  ['MAY APPLY (facts missing; the clocks run meanwhile)', (r) => r.outcome === 'undetermined' && r.open],
  ['NOTIFIED (every report sent)', (r) => (r.outcome === 'notify' || r.outcome === 'undetermined') && !r.open && notDecided(r)],
  ['DECIDED NOT REQUIRED', (r) => !notDecided(r)],
  ['EXEMPT', (r) => r.outcome === 'exempt' && notDecided(r)],
  ['NOT REQUIRED', (r) => r.outcome === 'not-required' && notDecided(r)],
];

/** The assessment as text: what to notify and by when first, what is undecided and why, then what does not apply. */
export function formatAssessment(a: Assessment, userZone: string): string {
  const out: string[] = [NOT_LEGAL_ADVICE, '', ...formatJurisdictionNotes(a.jurisdictionNotes)];
  for (const [title, belongs] of GROUPS) {
    const rs = a.regimes.filter(belongs);
    if (rs.length === 0) continue;
    out.push(`${title} (${rs.length})`);
    for (const r of rs) {
      out.push(`  ${r.regime.name} — ${r.regime.audience}: ${r.regime.recipient} [${r.regime.jurisdiction.name}]`);
      out.push(`    ${r.why}`);
      if (r.decision !== null) {
        const what = r.decision.decision === 'not-required' ? 'Decided not required' : 'Not-required decision withdrawn';
        out.push(`    ${what} by ${r.decision.by} at ${formatInstant(r.decision.at, userZone)}: ${r.decision.reason}`);
      }
      if ((r.outcome === 'notify' || r.outcome === 'undetermined') && notDecided(r)) for (const s of r.stages) out.push(stageLine(s, r, a.at, userZone));
      for (const c of r.conflicts) out.push(`    Sources disagree: ${c.text} Used: ${c.conservative}`);
    }
    out.push('');
  }
  const none = a.regimes.filter((r) => r.outcome === 'out-of-scope' && notDecided(r));
  if (none.length > 0) out.push(`OUT OF SCOPE (${none.length}): ${none.map((r) => r.regime.name).join(', ')}`, '');
  if (a.missing.length > 0) {
    out.push('MISSING FACTS');
    for (const m of a.missing) out.push(`  ${m.fact}: decides ${m.regimes.join(', ')}`);
  }
  return out.join('\n').trimEnd();
}

/**
 * Codes not read as given, before anything else: a code stored wrongly changes which regimes
 * apply, so it is the first thing to see (and to correct).
 */
function formatJurisdictionNotes(notes: readonly JurisdictionNote[]): string[] {
  if (notes.length === 0) return [];
  return [`JURISDICTION CODES (${notes.length})`, ...notes.map((n) => `  ${n.message}`), ''];
}
