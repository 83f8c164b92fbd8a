import { useEffect, useRef, useState } from 'react';
import { CATEGORIES, SEVERITIES, STATUSES } from '../../../contract';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { humanize } from '../../lib/humanize';
import { hasFilters, type ListQuery } from '../../lib/listQuery';
import { CheckboxList } from '../common/CheckboxList';
import { Icon } from '../common/Icon';
import { Kbd } from '../common/Kbd';
import { MenuButton } from '../common/MenuButton';
import { SeverityBadge } from '../common/SeverityBadge';
import { StatusBadge } from '../common/StatusBadge';

export function IncidentFilters({
  query, onChange, owners, focusSignal,
}: { query: ListQuery; onChange: (q: ListQuery) => void; owners: string[]; focusSignal: number }) {
  const [text, setText] = useState(query.text);
  const debounced = useDebouncedValue(text, 250);
  const input = useRef<HTMLInputElement>(null);
  const queryRef = useRef(query);
  queryRef.current = query;

  useEffect(() => {
    if (debounced !== queryRef.current.text) onChange({ ...queryRef.current, text: debounced });
  }, [debounced, onChange]);
  useEffect(() => {
    if (focusSignal > 0) {
      input.current?.focus();
      input.current?.select();
    }
  }, [focusSignal]);
  const count = (n: number): string => (n ? ` · ${n}` : '');
  return (
    <div className="filters" role="search" aria-label="Filter incidents">
      <div className="search-box">
        <Icon name="search" size={14} />
        <input
          ref={input}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setText('');
              (e.target as HTMLInputElement).blur();
            }
          }}
          placeholder="Filter by title, ref, tag…"
          aria-label="Filter incidents by text"
          maxLength={200}
        />
        <Kbd>/</Kbd>
      </div>
      <MenuButton label={`Status${count(query.status.length)}`} active={query.status.length > 0} panelLabel="Status filter">
        <CheckboxList options={STATUSES} selected={query.status} onChange={(status) => onChange({ ...query, status })} render={(s) => <StatusBadge status={s} />} />
      </MenuButton>
      <MenuButton label={`Severity${count(query.severity.length)}`} active={query.severity.length > 0} panelLabel="Severity filter">
        <CheckboxList options={SEVERITIES} selected={query.severity} onChange={(severity) => onChange({ ...query, severity })} render={(s) => <SeverityBadge severity={s} long />} />
      </MenuButton>
      <MenuButton label={`Category${count(query.category.length)}`} active={query.category.length > 0} panelLabel="Category filter">
        <CheckboxList options={CATEGORIES} selected={query.category} onChange={(category) => onChange({ ...query, category })} render={(c) => humanize(c)} />
      </MenuButton>
      <label className="select-inline">
        <span className="visually-hidden">Owner</span>
        <select value={query.owner ?? ''} onChange={(e) => onChange({ ...query, owner: e.target.value || null })} className={query.owner ? 'is-active' : undefined}>
          <option value="">Any owner</option>
          {owners.map((o) => (
            <option key={o} value={o}>{o}</option>
          ))}
        </select>
      </label>
      {hasFilters(query) && (
        <button
          type="button"
          className="btn btn-link btn-sm"
          onClick={() => {
            setText('');
            onChange({ ...query, status: [], severity: [], category: [], owner: null, text: '' });
          }}
        >
          Clear filters
        </button>
      )}
    </div>
  );
}
