import type { VisibilityState } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { IncidentRow } from '../../../contract';
import { useApiResource } from '../../hooks/useApiResource';
import { useClient } from '../../hooks/useClient';
import { useHotkeys } from '../../hooks/useHotkeys';
import { usePush } from '../../hooks/usePush';
import { useCan } from '../../hooks/useSession';
import { useStoredState } from '../../hooks/useStoredState';
import { formatCount } from '../../lib/formatCount';
import { DEFAULT_QUERY, hasFilters, toListInput, type ListQuery } from '../../lib/listQuery';
import { PagedRows } from '../../lib/PagedRows';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { Icon } from '../common/Icon';
import { Kbd } from '../common/Kbd';
import { ColumnChooser } from './ColumnChooser';
import { IncidentFilters } from './IncidentFilters';
import { IncidentGrid } from './IncidentGrid';
import { DEFAULT_VISIBILITY } from './incidentColumns';

const activeMemory = { key: '', index: 0 };
const isVisibility = (v: unknown): v is VisibilityState =>
  typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'boolean');

export function IncidentsPage({
  query, onQueryChange, focusFilter, onNew, onOpen,
}: { query: ListQuery; onQueryChange: (q: ListQuery) => void; focusFilter: number; onNew: () => void; onOpen: (ref: string) => void }) {
  const client = useClient();
  const canWrite = useCan('incident:write');
  const [visibility, setVisibility] = useStoredState<VisibilityState>('firebreak.columns', DEFAULT_VISIBILITY, 'local', isVisibility);
  const owners = useApiResource(() => client.call('users.names', {}), [client]);
  const gridRef = useRef<HTMLDivElement>(null);

  const input = useMemo(() => toListInput(query), [query]);
  const queryKey = JSON.stringify(input);
  const store = useMemo(
    () => new PagedRows<IncidentRow>((offset, limit) => client.call('incidents.list', { ...input, offset, limit })),
    // a new store per distinct query: the key says when input really changed
    [client, queryKey],
  );
  useSyncExternalStore(store.subscribe, store.getVersion);
  useEffect(() => store.ensure(0, store.pageSize - 1), [store]);

  const [activeIndex, setActiveIndex] = useState(() => (activeMemory.key === queryKey ? activeMemory.index : 0));
  const setActive = useCallback(
    (index: number) => {
      activeMemory.key = queryKey;
      activeMemory.index = index;
      setActiveIndex(index);
    },
    [queryKey],
  );
  useEffect(() => {
    if (activeMemory.key !== queryKey) setActiveIndex(0);
  }, [queryKey]);

  // Other windows and the CLI change incidents too: refetch what is on screen when the log grows.
  const refreshTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  usePush('timeline.appended', (event) => {
    if (event.incidentRef === null) return;
    clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => store.refresh(), 300);
  });
  useEffect(() => () => clearTimeout(refreshTimer.current), []);

  useHotkeys({
    j: () => {
      gridRef.current?.focus();
      if (store.total) setActive(Math.min(store.total - 1, activeIndex + 1));
    },
    k: () => {
      gridRef.current?.focus();
      setActive(Math.max(0, activeIndex - 1));
    },
  });

  const total = store.total;
  const filtered = hasFilters(query);
  return (
    <div className="page page-list">
      <div className="page-header">
        <div>
          <h1>Incidents</h1>
          <p className="page-sub" aria-live="polite">
            {total === null ? 'Loading…' : `${formatCount(total)} ${total === 1 ? 'incident' : 'incidents'}${filtered ? ' match the filters' : ''}`}
          </p>
        </div>
        {canWrite && (
          <button type="button" className="btn btn-primary" onClick={onNew}>
            <Icon name="plus" size={15} />
            New incident
            <Kbd>n</Kbd>
          </button>
        )}
      </div>
      <div className="toolbar">
        <IncidentFilters query={query} onChange={onQueryChange} owners={owners.data ?? []} focusSignal={focusFilter} />
        <ColumnChooser visibility={visibility} onChange={setVisibility} />
      </div>
      {store.error && <ErrorBanner>{store.error.message}</ErrorBanner>}
      {total === 0 ? (
        filtered ? (
          <EmptyState
            icon="search"
            title="No incidents match these filters"
            action={
              <button type="button" className="btn btn-secondary" onClick={() => onQueryChange({ ...DEFAULT_QUERY, sort: query.sort })}>
                Clear filters
              </button>
            }
          >
            Try fewer filters or a different search text.
          </EmptyState>
        ) : (
          <EmptyState
            icon="inbox"
            title="No incidents yet"
            action={
              canWrite && (
                <button type="button" className="btn btn-primary" onClick={onNew}>
                  <Icon name="plus" size={15} />
                  Declare the first incident
                </button>
              )
            }
          >
            When something happens, declare an incident to start its timeline, evidence and deadlines.
          </EmptyState>
        )
      ) : (
        <IncidentGrid
          store={store}
          total={total ?? 0}
          queryKey={queryKey}
          sort={query.sort}
          onSortChange={(sort) => onQueryChange({ ...query, sort })}
          visibility={visibility}
          activeIndex={activeIndex}
          onActiveChange={setActive}
          onOpen={onOpen}
          gridRef={gridRef}
        />
      )}
    </div>
  );
}
