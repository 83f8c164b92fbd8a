import { useEffect, useRef, useState } from 'react';
import { useApiResource } from '../../hooks/useApiResource';
import { useClient } from '../../hooks/useClient';
import { usePush } from '../../hooks/usePush';
import { useCan } from '../../hooks/useSession';
import { useToasts } from '../../hooks/useToasts';
import { formatActionId } from '../../../contract';
import { ErrorBanner } from '../common/ErrorBanner';
import { Icon } from '../common/Icon';
import { Spinner } from '../common/Spinner';
import { ActionItemDialog } from './ActionItemDialog';
import { ActionItemsTable } from './ActionItemsTable';

/** The incident's own list: every action item (overdue first), enough for any incident. */
const LIMIT = 500;

/** The action items of one incident, overdue first; with action:write, add and work them here. */
export function ActionItemsPanel({ incidentRef }: { incidentRef: string }) {
  const client = useClient();
  const toasts = useToasts();
  const canWrite = useCan('action:write');
  const canReports = useCan('report:read');
  const items = useApiResource(() => client.call('actions.list', { ref: incidentRef, limit: LIMIT }), [client, incidentRef]);
  const [adding, setAdding] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  usePush('timeline.appended', (event) => {
    if (event.incidentRef !== incidentRef || !event.type.startsWith('action.')) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void items.reload(), 150);
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  const page = items.data;

  return (
    <section className="card" aria-labelledby="action-items-title">
      <div className="card-header">
        <h2 id="action-items-title">Action items</h2>
        <span className="card-header-tools">
          {page && (
            <span className="muted small">
              {page.total} {page.total === 1 ? 'item' : 'items'}{page.overdue > 0 && <>, <span className="text-danger">{page.overdue} overdue</span></>}
              {!canReports && ' (yours)'}
            </span>
          )}
          {canWrite && (
            <button type="button" className="btn btn-secondary btn-sm" onClick={() => setAdding(true)}>
              <Icon name="plus" size={14} /> Add action item
            </button>
          )}
        </span>
      </div>
      <div className="card-body">
        {items.error && <ErrorBanner>{items.error.message}</ErrorBanner>}
        {!page && items.loading && <Spinner label="Loading the action items" />}
        {page && page.total === 0 && <p className="muted">No action items yet{canWrite ? ': add what must change so this does not happen again, with an owner and a due date.' : '.'}</p>}
        {page && page.rows.length > 0 && (
          <ActionItemsTable rows={page.rows} showIncident={false} label={`Action items of ${incidentRef}`} onChanged={() => void items.reload()} />
        )}
        {page && page.total > page.rows.length && <p className="muted small">Showing the first {page.rows.length} of {page.total}: the Action items page lists them all.</p>}
      </div>
      {adding && (
        <ActionItemDialog incidentRef={incidentRef} onClose={() => setAdding(false)} onSaved={(item) => {
          setAdding(false);
          toasts.show('success', `Added ${formatActionId(item.id)}`, `${item.title}, owner ${item.owner}`);
          void items.reload();
        }} />
      )}
    </section>
  );
}
