import type { ReactNode } from 'react';

/** A chart with its title, what it shows in words, and what to do when it has nothing to show. */
export function ChartCard({ id, title, caption, empty, children }: { id: string; title: string; caption: ReactNode; empty: string | null; children: ReactNode }) {
  return (
    <section className="card kpi-chart" aria-labelledby={`${id}-title`} data-chart={id}>
      <div className="card-header">
        <h2 id={`${id}-title`} className="card-title">{title}</h2>
      </div>
      <div className="card-body">
        {empty ? <p className="muted kpi-chart-empty" data-testid="chart-empty">{empty}</p> : <figure className="kpi-figure">{children}<figcaption className="muted small">{caption}</figcaption></figure>}
      </div>
    </section>
  );
}
