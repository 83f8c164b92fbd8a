import type { ReactNode } from 'react';
import type { Trend } from '../../lib/kpiTrend';

/**
 * One figure with what it rests on: N and coverage are always on the tile (a median of one
 * incident says so), coverage below 100% is flagged, and the trend says up or down in words
 * next to the arrow, coloured by whether that is better — or, when the periods cannot be compared
 * (too few values, coverage far apart), neutral and without an arrow, saying why.
 */
export function KpiTile({ id, label, value, detail, basis, warning, trend }: {
  id: string;
  label: string;
  value: string;
  detail?: ReactNode;
  basis: ReactNode;
  warning?: string | null;
  trend: Trend;
}) {
  const arrow = trend.notComparable ? '' : trend.direction === 'up' ? '▲' : trend.direction === 'down' ? '▼' : trend.direction === 'flat' ? '■' : '';
  const tone = trend.better === null ? 'is-neutral' : trend.better ? 'is-better' : 'is-worse';
  return (
    <section className={`kpi-tile${warning ? ' has-warning' : ''}`} aria-label={label} data-kpi={id}>
      <h3 className="kpi-label">{label}</h3>
      <p className="kpi-value" data-testid="kpi-value">{value}</p>
      {detail && <p className="kpi-detail">{detail}</p>}
      <p className="kpi-basis" data-testid="kpi-basis">{basis}</p>
      {warning && <p className="kpi-warning" data-testid="kpi-warning">{warning}</p>}
      <p className={`kpi-trend ${tone}`} data-testid="kpi-trend" data-comparable={trend.notComparable ? 'no' : 'yes'}>
        {arrow && <span aria-hidden="true">{arrow} </span>}
        {trend.text}
      </p>
    </section>
  );
}
