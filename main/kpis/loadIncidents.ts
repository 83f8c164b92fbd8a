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
  ids: Float64Array;
  /**
   * The incident's groups packed as metricStats keys them: severity (index in SEVERITIES, 2 bits),
   * category (index in CATEGORIES, 4 bits), month of the period (index in Period.months, 7 bits).
   */
  key: Uint16Array;
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

/** Columns for `count` incidents, all zero. */
function emptyColumns(count: number, quarterOffset: number): IncidentColumns {
  return {
    count,
    ids: new Float64Array(count),
    key: new Uint16Array(count),
    quarterOffset,
    times: TIME_POINTS.map(() => new Float64Array(count)),
    inPhase: KPI_PHASES.map(() => new Float64Array(count)),
    entered: new Uint8Array(count),
    spoiled: new Uint8Array(count),
    phase: new Uint8Array(count),
  };
}

/**
 * The incidents in scope, or those of them detected in [fromMs, toMs) (a stretch of the period
 * whose rows changed, spliceColumns), in the order detected, id.
 */
export function loadIncidents(db: Db, scope: KpiScope, range: { fromMs: number; toMs: number } | null = null): IncidentColumns {
  const scoped = scopeWhere(scope);
  const where = range === null ? scoped : { sql: `${scoped.sql} AND k.detected_ms >= ? AND k.detected_ms < ?`, params: [...scoped.params, range.fromMs, range.toMs] };
  const count = (db.prepare(`SELECT count(*) AS n FROM kpi_incidents k WHERE ${where.sql}`).get(...where.params) as { n: number }).n;
  const cols = emptyColumns(count, scope.period.firstMonth % 3);
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
      // Rows come in detection order: the month only moves forward.
      while (detected >= starts[month + 1]!) month++;
      cols.key[i] = ((packed >> 14) & 63) | (month << 6);
      i++;
    }
    if (page.length < PAGE || i >= count) break;
    const last = page[page.length - 1]!;
    page = next.all(...where.params, last[1], last[0]) as (number | null)[][];
  }
  cols.count = i;
  return cols;
}

/** A stretch of the period reloaded: the rows now detected in [fromMs, toMs), in order. */
export interface ColumnPiece {
  fromMs: number;
  toMs: number;
  rows: IncidentColumns;
}

/**
 * `old` with the rows detected in each piece's stretch replaced by the piece's rows (pieces in
 * order, not overlapping). Rows outside the stretches are kept as they are, so the result equals
 * loading the whole scope again when only rows inside the stretches changed, before or after.
 */
export function spliceColumns(old: IncidentColumns, pieces: readonly ColumnPiece[]): IncidentColumns {
  const detected = old.times[1]!;
  /** The first position detected at or after `ms` (rows are in detection order). */
  const firstAtOrAfter = (ms: number): number => {
    let lo = 0;
    let hi = old.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (detected[mid]! < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Segments to copy, in order: [source, start, end).
  const segments: [IncidentColumns, number, number][] = [];
  let at = 0;
  for (const p of pieces) {
    const lo = firstAtOrAfter(p.fromMs);
    segments.push([old, at, lo], [p.rows, 0, p.rows.count]);
    at = Math.max(lo, firstAtOrAfter(p.toMs));
  }
  segments.push([old, at, old.count]);
  const out = emptyColumns(segments.reduce((n, [, a, b]) => n + (b - a), 0), old.quarterOffset);
  let to = 0;
  for (const [src, a, b] of segments) {
    if (b <= a) continue;
    out.ids.set(src.ids.subarray(a, b), to);
    out.key.set(src.key.subarray(a, b), to);
    src.times.forEach((c, t) => out.times[t]!.set(c.subarray(a, b), to));
    src.inPhase.forEach((c, p) => out.inPhase[p]!.set(c.subarray(a, b), to));
    out.entered.set(src.entered.subarray(a, b), to);
    out.spoiled.set(src.spoiled.subarray(a, b), to);
    out.phase.set(src.phase.subarray(a, b), to);
    to += b - a;
  }
  return out;
}
