import { useState } from 'react';
import type { TimelineEvent } from '../../../contract';
import { useApiResource } from '../../hooks/useApiResource';
import { useClient } from '../../hooks/useClient';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { describeEvent } from '../../lib/describeEvent';
import { formatCount } from '../../lib/formatCount';
import { formatDateTime } from '../../lib/formatDateTime';
import { hrefFor } from '../../lib/routes';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { Icon } from '../common/Icon';

const PAGE = 50;
const KNOWN_TYPES = [
  'incident.created', 'incident.updated', 'incident.status_changed', 'incident.note',
  'evidence.added', 'evidence.viewed', 'evidence.exported', 'evidence.integrity_failed',
  'runbook.started', 'runbook.step_done', 'runbook.step_skipped', 'runbook.step_approved', 'runbook.step_undone',
  'runbook.completed', 'runbook.imported',
];

/**
 * Said beside the search, so that no one concludes from an empty result that a person is not in the
 * log: the index holds no personal data, for any role (docs/security.md, "Search and personal data").
 */
const SEARCH_HINT = 'Whole words, or the start of one with * (lapt* finds laptop). Personal data (reporters, people affected, answers marked personal) is never searched.';

/** Every event in the hash-chained log, newest first, for roles with audit:read. */
export function AuditPage({ onVerify }: { onVerify: () => void }) {
  const client = useClient();
  const [type, setType] = useState('');
  const [actor, setActor] = useState('');
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const debouncedType = useDebouncedValue(type.trim(), 250);
  const debouncedText = useDebouncedValue(text.trim(), 250);
  const names = useApiResource(() => client.call('users.names', {}), [client]);
  const page = useApiResource(
    () => client.call('audit.list', {
      ...(debouncedType ? { type: debouncedType } : {}),
      ...(actor ? { actor } : {}),
      ...(debouncedText ? { text: debouncedText } : {}),
      offset,
      limit: PAGE,
    }),
    [client, debouncedType, actor, debouncedText, offset],
  );
  const total = page.data?.total ?? 0;
  // The backend stops counting search hits at a cap; say so rather than show a wrong number.
  const more = page.data?.totalIsLowerBound === true;
  const rows = page.data?.rows ?? [];
  const filtered = debouncedType !== '' || actor !== '' || debouncedText !== '';
  const reset = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setOffset(0);
  };

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Audit log</h1>
          <p className="page-sub">Append-only, hash-chained record of everything that happened.</p>
        </div>
        <button type="button" className="btn btn-secondary" onClick={onVerify}>
          <Icon name="shield" size={15} />
          Verify chain
        </button>
      </div>
      <div className="toolbar">
        <div className="filters" role="search" aria-label="Filter events">
          <div className="search-box">
            <Icon name="search" size={14} />
            <input type="search" value={text} onChange={(e) => reset(setText)(e.target.value)} placeholder="Search event data…" aria-label="Search events" aria-describedby="audit-search-hint" maxLength={200} />
          </div>
          <label className="select-inline">
            <span className="visually-hidden">Event type</span>
            <input list="audit-types" value={type} onChange={(e) => reset(setType)(e.target.value)} placeholder="Event type" aria-label="Event type" className="type-input" maxLength={60} />
            <datalist id="audit-types">
              {KNOWN_TYPES.map((t) => <option key={t} value={t} />)}
            </datalist>
          </label>
          <label className="select-inline">
            <span className="visually-hidden">Actor</span>
            <select value={actor} onChange={(e) => reset(setActor)(e.target.value)} className={actor ? 'is-active' : undefined}>
              <option value="">Any actor</option>
              {(names.data ?? []).map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </label>
        </div>
      </div>
      <p className="field-hint audit-search-hint" id="audit-search-hint">{SEARCH_HINT}</p>
      {page.error && <ErrorBanner>{page.error.message}</ErrorBanner>}
      {page.data && rows.length === 0 ? (
        <EmptyState icon="audit" title={filtered ? 'No events match these filters' : 'No events yet'}>
          {debouncedText ? 'Personal data is not searched: an event about a person is found by its other words.' : undefined}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table" aria-busy={page.loading}>
            <thead>
              <tr>
                <th scope="col" className="num">Seq</th>
                <th scope="col">Time</th>
                <th scope="col">Actor</th>
                <th scope="col">Type</th>
                <th scope="col">Incident</th>
                <th scope="col">Summary</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((ev) => (
                <tr key={ev.seq}>
                  <td className="num mono">{ev.seq}</td>
                  <td className="nowrap"><time dateTime={ev.ts}>{formatDateTime(ev.ts, true)}</time></td>
                  <td>{ev.actor}</td>
                  <td><span className="type-pill mono">{ev.type}</span></td>
                  <td className="nowrap">
                    {ev.incidentRef ? <a className="mono" href={hrefFor({ name: 'incident', ref: ev.incidentRef })}>{ev.incidentRef}</a> : <span className="muted">—</span>}
                  </td>
                  <td className="summary-cell"><EventSummary event={ev} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > 0 && (
        <nav className="pager" aria-label="Pages">
          <span className="muted">
            {formatCount(offset + 1)}–{formatCount(Math.min(offset + PAGE, total))} of {formatCount(total)}{more ? '+' : ''}
          </span>
          <button type="button" className="btn btn-secondary btn-sm" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>Previous</button>
          <button type="button" className="btn btn-secondary btn-sm" disabled={!more && offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>Next</button>
        </nav>
      )}
    </div>
  );
}

/** The summary, and for a consequence the action it followed from, with that action's sequence number. */
function EventSummary({ event }: { event: TimelineEvent }) {
  const d = describeEvent(event);
  const seq = typeof event.data.causedBy === 'object' && event.data.causedBy !== null && 'seq' in event.data.causedBy ? event.data.causedBy.seq : null;
  return (
    <>
      {d.summary}
      {d.cause && <span className="muted"> · {d.cause}{typeof seq === 'number' ? ` (#${seq})` : ''}</span>}
    </>
  );
}
