import { flexRender, getCoreRowModel, useReactTable, type SortingState, type VisibilityState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, type KeyboardEvent, type RefObject } from 'react';
import type { IncidentRow, SortableField } from '../../../contract';
import type { ListQuery } from '../../lib/listQuery';
import type { PagedRows } from '../../lib/PagedRows';
import { Icon } from '../common/Icon';
import { incidentColumns, type GridRow } from './incidentColumns';

const ROW_HEIGHT = 40;
const HEADER_HEIGHT = 36;

/** Survives a trip to an incident and back, so the list reopens where it was. */
const memory = { key: '', scrollTop: 0 };

/**
 * The incident table: react-table for columns, sort state and visibility; react-virtual to
 * render only the rows in view; PagedRows to fetch the pages those rows live on.
 */
export function IncidentGrid({
  store, total, queryKey, sort, onSortChange, visibility, activeIndex, onActiveChange, onOpen, gridRef,
}: {
  store: PagedRows<IncidentRow>;
  total: number;
  queryKey: string;
  sort: ListQuery['sort'];
  onSortChange: (sort: ListQuery['sort']) => void;
  visibility: VisibilityState;
  activeIndex: number;
  onActiveChange: (index: number) => void;
  onOpen: (ref: string) => void;
  gridRef: RefObject<HTMLDivElement | null>;
}) {
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialOffset: memory.key === queryKey ? memory.scrollTop : 0,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (total > 0) store.ensure(first, last);
  }, [store, first, last, total]);

  // A different query starts at the top; the same one (back from an incident) keeps its place.
  useEffect(() => {
    if (memory.key !== queryKey && gridRef.current) gridRef.current.scrollTop = 0;
  }, [gridRef, queryKey]);

  useEffect(() => {
    const el = gridRef.current;
    if (el === null) return undefined;
    const onScroll = (): void => {
      memory.key = queryKey;
      memory.scrollTop = el.scrollTop;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, [gridRef, queryKey]);

  // Only the rows in view go through the row model: cheap however long the list is.
  const data = useMemo<GridRow[]>(
    () => items.map((item) => ({ index: item.index, incident: store.rowAt(item.index) })),
    // store.version changes whenever a page lands, so the memo must see it
    [items, store, store.version],
  );
  const sorting: SortingState = [{ id: sort.field, desc: sort.dir === 'desc' }];
  const table = useReactTable({
    data,
    columns: incidentColumns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => String(row.index),
    manualSorting: true,
    manualFiltering: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting, columnVisibility: visibility },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const top = next[0];
      if (top) onSortChange({ field: top.id as SortableField, dir: top.desc ? 'desc' : 'asc' });
    },
  });

  const scrollIntoView = (index: number): void => {
    const el = gridRef.current;
    if (el === null) return;
    const top = HEADER_HEIGHT + index * ROW_HEIGHT;
    if (top - HEADER_HEIGHT < el.scrollTop) el.scrollTop = top - HEADER_HEIGHT;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  };

  const move = (index: number): void => {
    if (total === 0) return;
    const next = Math.max(0, Math.min(total - 1, index));
    onActiveChange(next);
    scrollIntoView(next);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.target !== e.currentTarget) return;
    const page = Math.max(1, Math.floor((gridRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(activeIndex + 1),
      j: () => move(activeIndex + 1),
      ArrowUp: () => move(activeIndex - 1),
      k: () => move(activeIndex - 1),
      PageDown: () => move(activeIndex + page),
      PageUp: () => move(activeIndex - page),
      Home: () => move(0),
      End: () => move(total - 1),
      Enter: () => {
        const row = store.rowAt(activeIndex);
        if (row) onOpen(row.ref);
      },
    };
    const action = keys[e.key];
    if (action && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      action();
    }
  };

  useEffect(() => {
    if (activeIndex >= total && total > 0) onActiveChange(total - 1);
  }, [activeIndex, total, onActiveChange]);

  const activeRendered = items.some((i) => i.index === activeIndex);
  const visibleColumns = table.getVisibleLeafColumns().length;
  return (
    <div
      ref={gridRef}
      className="grid"
      role="grid"
      aria-label="Incidents"
      aria-rowcount={total + 1}
      aria-colcount={visibleColumns}
      aria-activedescendant={activeRendered ? `incident-row-${activeIndex}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="grid-inner">
        <div className="grid-head" role="rowgroup">
          {table.getHeaderGroups().map((group) => (
            <div key={group.id} className="grid-row grid-header-row" role="row" aria-rowindex={1}>
              {group.headers.map((header) => {
                const column = header.column;
                const dir = column.getIsSorted();
                const label = flexRender(column.columnDef.header, header.getContext());
                return (
                  <div
                    key={header.id}
                    role="columnheader"
                    className={`cell col-${column.id}`}
                    aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}
                  >
                    {column.getCanSort() ? (
                      <button type="button" className={`sort-button${dir ? ' is-sorted' : ''}`} onClick={column.getToggleSortingHandler()}>
                        {label}
                        {dir && <Icon name={dir === 'asc' ? 'arrowUp' : 'arrowDown'} size={12} />}
                      </button>
                    ) : (
                      <span className="header-label">{label}</span>
                    )}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
        <div className="grid-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
          {table.getRowModel().rows.map((row, i) => {
            const item = items[i];
            if (!item) return null;
            const incident = row.original.incident;
            const active = item.index === activeIndex;
            return (
              <div
                key={item.key}
                id={`incident-row-${item.index}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={active}
                aria-busy={incident ? undefined : true}
                className={`grid-row${active ? ' is-active' : ''}${incident ? '' : ' is-loading'}`}
                style={{ transform: `translateY(${item.start}px)` }}
                onClick={() => {
                  onActiveChange(item.index);
                  if (incident) onOpen(incident.ref);
                }}
              >
                {row.getVisibleCells().map((cell) => (
                  <div key={cell.id} role="gridcell" className={`cell col-${cell.column.id}`}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
