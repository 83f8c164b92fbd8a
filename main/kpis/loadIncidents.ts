import { CATEGORIES, KPI_PHASES, SEVERITIES, TIME_POINTS } from '../../contract';
import type { Db } from '../store';
import { scopeWhere, type KpiScope } from './KpiScope';
import type { Period } from './period';

/**
 * The incidents in scope as columns of typed arrays — one number per incident per column, no
 * object per incident — read from kpi_incidents (integers only) in the order detected, id.
 * Times are ms since the epoch, NaN when unknown.
 */
export interface IncidentColumns {
  count: number;
  ids: Int32Array;
  severity: Uint8Array;
  category: Uint8Array;
  month: Uint16Array;
  quarter: Uint16Array;
  /** The first month's place in its quarter (0–2): quarter = ⌊(month + offset) / 3⌋. */
  quarterOffset: number;
  /** One array per TIME_POINTS entry (started, detected, … closed). */
  times: Float64Array[];
  /** Per KPI phase: the ms spent in it over every stay that ended. */
  inPhase: Float64Array[];
  /** Bit p: the incident entered KPI_PHASES[p] / a move in it was recorded before the stay began. */
  entered: Uint8Array;
  spoiled: Uint8Array;
  /** The phase it is in now (index into STATUSES; 5 closed). */
  phase: Uint8Array;
}

/** Severity and category as their index in SEVERITIES and CATEGORIES, in SQL (an unknown one reads as SEV4 / other). */
const SEV_SQL = `(CASE k.severity ${SEVERITIES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} ELSE ${SEVERITIES.length - 1} END)`;
const CAT_SQL = `(CASE k.category ${CATEGORIES.map((c, i) => `WHEN '${c}' THEN ${i}`).join(' ')} ELSE ${CATEGORIES.indexOf('other')} END)`;
const TIME_COLUMNS = ['started_ms', 'detected_ms', 'triaged_ms', 'contained_ms', 'eradicated_ms', 'recovered_ms', 'closed_ms'];

/** The first instant of each month the period touches, and one past the end, to place an instant without a Date. */
function monthStarts(p: Period): Float64Array {
  const out = new Float64Array(p.months.length + 1);
  p.months.forEach((m, i) => {
    out[i] = Date.parse(`${m}-01T00:00:00.000Z`);
  });
  out[p.months.length] = Number.POSITIVE_INFINITY;
  return out;
}

export function loadIncidents(db: Db, scope: KpiScope): IncidentColumns {
  const where = scopeWhere(scope);
  const count = (db.prepare(`SELECT count(*) AS n FROM kpi_incidents k WHERE ${where.sql}`).get(...where.params) as { n: number }).n;
  const cols: IncidentColumns = {
    count,
    ids: new Int32Array(count),
    severity: new Uint8Array(count),
    category: new Uint8Array(count),
    month: new Uint16Array(count),
    quarter: new Uint16Array(count),
    quarterOffset: scope.period.firstMonth % 3,
    times: TIME_POINTS.map(() => new Float64Array(count)),
    inPhase: KPI_PHASES.map(() => new Float64Array(count)),
    entered: new Uint8Array(count),
    spoiled: new Uint8Array(count),
    phase: new Uint8Array(count),
  };
  const starts = monthStarts(scope.period);
  // Pages of rows by keyset (detected, id): all() per page is much faster than a row iterator, and a
  // page at a time keeps memory to one page of arrays besides the columns.
  const PAGE = 4096;
  // Few values per row, and small ones: the times relative to detection (mostly small integers,
  // which cross into JavaScript far cheaper than epoch milliseconds), severity, category, the phase
  // masks and the current phase packed into one integer.
  const rel = (c: string) => `k.${c} - k.detected_ms`;
  const select = `SELECT k.id, k.detected_ms, ${TIME_COLUMNS.filter((c) => c !== 'detected_ms').map(rel).join(', ')},
                         ${KPI_PHASES.map((p) => `k.in_${p}`).join(', ')},
                         k.entered_mask | (k.spoiled_mask << 6) | (coalesce(k.phase, 7) << 11) | (${SEV_SQL} << 14) | (${CAT_SQL} << 16)
                    FROM kpi_incidents k WHERE ${where.sql}`;
  const first = db.prepare(`${select} ORDER BY k.detected_ms, k.id LIMIT ${PAGE}`).raw(true);
  // A row value, so the next page starts where the index left off (an OR would rescan from the start).
  const next = db.prepare(`${select} AND (k.detected_ms, k.id) > (?, ?) ORDER BY k.detected_ms, k.id LIMIT ${PAGE}`).raw(true);
  const P = KPI_PHASES.length;
  let i = 0;
  let month = 0;
  for (let page = first.all(...where.params) as (number | null)[][]; ; ) {
    for (const r of page) {
      if (i >= count) break;
      cols.ids[i] = r[0]!;
      const detected = r[1]!;
      cols.times[1]![i] = detected;
      // started, then triaged … closed, each relative to detection.
      cols.times[0]![i] = r[2] === null ? NaN : detected + r[2]!;
      for (let t = 2; t < 7; t++) cols.times[t]![i] = r[t + 1] === null ? NaN : detected + r[t + 1]!;
      for (let p = 0; p < P; p++) cols.inPhase[p]![i] = r[8 + p]!;
      const packed = r[8 + P]!;
      cols.entered[i] = packed & 63;
      cols.spoiled[i] = (packed >> 6) & 31;
      const phase = (packed >> 11) & 7;
      cols.phase[i] = phase === 7 ? 255 : phase;
      cols.severity[i] = (packed >> 14) & 3;
      cols.category[i] = (packed >> 16) & 15;
      // Rows come in detection order: the month only moves forward.
      while (detected >= starts[month + 1]!) month++;
      cols.month[i] = month;
      cols.quarter[i] = Math.floor((month + cols.quarterOffset) / 3);
      i++;
    }
    if (page.length < PAGE || i >= count) break;
    const last = page[page.length - 1]!;
    page = next.all(...where.params, last[1], last[0]) as (number | null)[][];
  }
  cols.count = i;
  return cols;
}
