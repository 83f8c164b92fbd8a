import { CATEGORIES, SEVERITIES, TIME_POINTS } from '../../contract';
import type { Db } from '../store';
import { scopeWhere, type KpiScope } from './KpiScope';
import { monthSlot, quarterSlot } from './period';

/**
 * The incidents in scope as columns of typed arrays — one number per incident per column, no
 * object per incident — in the order detected_at, id (phaseDurations reads the moves in the same
 * order). Times are ms since the epoch, NaN when unknown.
 */
export interface IncidentColumns {
  count: number;
  ids: Int32Array;
  severity: Uint8Array;
  category: Uint8Array;
  month: Uint16Array;
  quarter: Uint16Array;
  /** One array per TIME_POINTS entry (started, detected, … closed). */
  times: Float64Array[];
  /** When the incident was recorded: its first phase starts there. */
  created: Float64Array;
}

const ms = (col: string) => `round(unixepoch(i.${col}, 'subsec') * 1000)`;
const TIME_COLUMNS = ['started_at', 'detected_at', 'triaged_at', 'contained_at', 'eradicated_at', 'recovered_at', 'closed_at'];

export function loadIncidents(db: Db, scope: KpiScope): IncidentColumns {
  const where = scopeWhere(scope);
  const count = (db.prepare(`SELECT count(*) AS n FROM incidents i WHERE ${where.sql}`).get(...where.params) as { n: number }).n;
  const cols: IncidentColumns = {
    count,
    ids: new Int32Array(count),
    severity: new Uint8Array(count),
    category: new Uint8Array(count),
    month: new Uint16Array(count),
    quarter: new Uint16Array(count),
    times: TIME_POINTS.map(() => new Float64Array(count)),
    created: new Float64Array(count),
  };
  const sevIndex = new Map<unknown, number>(SEVERITIES.map((s, i) => [s, i]));
  const catIndex = new Map<unknown, number>(CATEGORIES.map((c, i) => [c, i]));
  const rows = db
    .prepare(`SELECT i.id, i.highest_severity, i.category, ${TIME_COLUMNS.map(ms).join(', ')}, ${ms('created_at')}
                FROM incidents i WHERE ${where.sql} ORDER BY i.detected_at, i.id`)
    .raw(true)
    .iterate(...where.params) as IterableIterator<unknown[]>;
  let i = 0;
  for (const r of rows) {
    if (i >= count) break;
    cols.ids[i] = r[0] as number;
    cols.severity[i] = sevIndex.get(r[1]) ?? 0;
    cols.category[i] = catIndex.get(r[2]) ?? CATEGORIES.indexOf('other');
    for (let t = 0; t < TIME_COLUMNS.length; t++) cols.times[t]![i] = r[3 + t] === null ? NaN : (r[3 + t] as number);
    cols.created[i] = (r[3 + TIME_COLUMNS.length] as number | null) ?? NaN;
    const detected = cols.times[1]![i]!;
    cols.month[i] = monthSlot(scope.period, detected);
    cols.quarter[i] = quarterSlot(scope.period, detected);
    i++;
  }
  // Rows are read inside one implicit read transaction per statement; a write in between could
  // change the count, so the arrays describe exactly the rows read.
  cols.count = i;
  return cols;
}
