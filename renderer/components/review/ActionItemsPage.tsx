import { useEffect, useRef, useState } from 'react';
import type { ActionItem, ActionItemPage } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { usePush } from '../../hooks/usePush';
import { useCan, useSession } from '../../hooks/useSession';
import { useStoredState } from '../../hooks/useStoredState';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { Spinner } from '../common/Spinner';
import { ActionItemsTable } from './ActionItemsTable';

const PAGE = 100;
const SCOPES = ['mine', 'all'] as const;
const STATES = ['open', 'overdue', 'done', 'wont_do', 'any'] as const;
type Scope = (typeof SCOPES)[number];
type State = (typeof STATES)[number];
const STATE_LABEL: Record<State, string> = { open: 'Open', overdue: 'Overdue', done: 'Done', wont_do: "Won't do", any: 'All' };

interface Filter {
  scope: Scope;
  state: State;
}
const isFilter = (v: unknown): v is Filter =>
  typeof v === 'object' && v !== null && SCOPES.includes((v as Filter).scope) && STATES.includes((v as Filter).state);

/** Action items across incidents, overdue first (the API's order); mine or everyone's, open, overdue, closed or all. */
export function ActionItemsPage() {
  const client = useClient();
  const { session } = useSession();
  const canReports = useCan('report:read');
  const [filter, setFilter] = useStoredState<Filter>('firebreak.actionFilter', { scope: 'all', state: 'open' }, 'session', isFilter);
  // Without report:read the API shows only one's own items: say so rather than offer "everyone".
  const scope: Scope = canReports ? filter.scope : 'mine';
  const [rows, setRows] = useState<ActionItem[] | null>(null);
  const [counts, setCounts] = useState<Pick<ActionItemPage, 'total' | 'overdue'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const query = (offset: number) => client.call('actions.list', {
    ...(scope === 'mine' ? { owner: session.user } : {}),
    ...(filter.state === 'overdue' ? { overdue: true } : filter.state === 'any' ? {} : { status: filter.state }),
    offset,
    limit: PAGE,
  });

  useEffect(() => {
    let live = true;
    void query(0).then((r) => {
      if (!live) return;
      if (!r.ok) {
        setError(r.error.message);
        return;
      }
      setError(null);
      setRows(r.value.rows);
      setCounts({ total: r.value.total, overdue: r.value.overdue });
    });
    return () => {
      live = false;
    };
    // `query` closes over the filter and scope listed here.
  }, [client, scope, filter.state, reloads]);

  usePush('timeline.appended', (event) => {
    if (!event.type.startsWith('action.')) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setReloads((n) => n + 1), 200);
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  const more = async (): Promise<void> => {
    const r = await query(rows?.length ?? 0);
    if (r.ok) setRows((prev) => [...(prev ?? []), ...r.value.rows]);
    else setError(r.error.message);
  };

  const radio = <T extends string>(name: string, value: T, options: readonly T[], labels: Record<T, string>, set: (v: T) => void) => (
    <div className="segmented segmented-inline" role="radiogroup" aria-label={name}>
      {options.map((o) => (
        <label key={o} className={`segment${o === value ? ' is-checked' : ''}`}>
          <input type="radio" name={name} value={o} checked={o === value} onChange={() => set(o)} />
          {labels[o]}
        </label>
      ))}
    </div>
  );

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Action items</h1>
          <p className="page-sub">What each incident taught, as work with an owner and a due date, across incidents — overdue first. An alarm goes off a day before an item is due and when it is overdue; an item ends only when it is marked done or won't do, with a note.</p>
        </div>
      </div>
      <div className="filters action-filters">
        {canReports
          ? radio('Whose', scope, SCOPES, { mine: 'Mine', all: 'Everyone' }, (v) => setFilter({ ...filter, scope: v }))
          : <span className="muted small">Your role sees the action items you own.</span>}
        {radio('Which', filter.state, STATES, STATE_LABEL, (v) => setFilter({ ...filter, state: v }))}
        {counts && (
          <span className="muted small" data-testid="action-counts">
            {counts.total} {counts.total === 1 ? 'item' : 'items'}{counts.overdue > 0 && <>, <strong className="text-danger">{counts.overdue} overdue</strong></>}
          </span>
        )}
      </div>
      {error && <ErrorBanner>{error}</ErrorBanner>}
      {rows === null && !error && <Spinner label="Loading action items" />}
      {rows?.length === 0 && (
        <EmptyState icon="check" title={filter.state === 'overdue' ? 'Nothing overdue' : 'No action items here'}>
          Action items are added on an incident's page, under Action items.
        </EmptyState>
      )}
      {rows && rows.length > 0 && (
        <div className="table-wrap">
          <ActionItemsTable rows={rows} showIncident label="Action items" onChanged={() => setReloads((n) => n + 1)} />
        </div>
      )}
      {rows && counts && rows.length < counts.total && (
        <button type="button" className="btn btn-ghost" onClick={() => void more()}>Show {Math.min(PAGE, counts.total - rows.length)} more</button>
      )}
    </div>
  );
}
