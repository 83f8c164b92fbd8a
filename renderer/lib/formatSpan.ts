import { formatKpiSpan } from '../../contract/formatKpiSpan';

/** A KPI duration at a glance (contract/formatKpiSpan.ts, shared with `firebreak kpi`). */
export const formatSpan = (seconds: number | null): string => formatKpiSpan(seconds);

export const formatPercent = (x: number | null): string => (x === null ? '—' : `${Math.round(x * 100)}%`);
