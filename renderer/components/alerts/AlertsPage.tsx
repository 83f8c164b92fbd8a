import { useEffect, useRef, useState } from 'react';
import { ALL_USERS, type Alert } from '../../../contract';
import { useApiResource } from '../../hooks/useApiResource';
import { useClient } from '../../hooks/useClient';
import { usePush } from '../../hooks/usePush';
import { useCan } from '../../hooks/useSession';
import { useToasts } from '../../hooks/useToasts';
import { formatCount } from '../../lib/formatCount';
import { formatDateTime } from '../../lib/formatDateTime';
import { AskReasonDialog } from '../common/AskReasonDialog';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';

const PAGE = 50;
type Status = 'open' | 'acknowledged' | 'all';
const STATUSES: readonly Status[] = ['open', 'acknowledged', 'all'];
const STATUS_LABELS: Record<Status, string> = { open: 'Open', acknowledged: 'Acknowledged', all: 'All' };

/** "5 in 15 min (threshold 5)" for a counting rule; "2 within 60 min" for a single-event one. */
function describeCount(a: Alert): string {
  return a.threshold > 1 ? `${a.count} in ${a.windowMinutes} min (threshold ${a.threshold})` : a.count === 1 ? 'once' : `${a.count} times, each within ${a.windowMinutes} min of the last`;
}

/** The rule's facts in words (no secrets, no personal data: the backend puts none in). */
function describeDetail(a: Alert): string {
  const d = a.detail;
  switch (a.rule) {
    case 'role-escalation':
      return `${String(d.from)} → ${String(d.to)} by ${String(d.by)}`;
    case 'backup-recipient-added':
      return `plan ${String(d.plan)}: ${String(d.recipientsAdded)} recipient(s) added`;
    case 'chain-verification-failed':
      return typeof d.firstBadSeq === 'number' ? `first bad event #${d.firstBadSeq}` : '';
    case 'off-hours-signin':
      return `working hours in ${String(d.timeZone)}`;
    default:
      return typeof d.transport === 'string' ? `via ${d.transport}` : '';
  }
}

/** Security alerts raised by the rules over the log (docs/security.md), newest first; an administrator acknowledges each with a note. */
export function AlertsPage() {
  const client = useClient();
  const toasts = useToasts();
  const canManage = useCan('alert:manage');
  const [status, setStatus] = useState<Status>('open');
  const [offset, setOffset] = useState(0);
  const [acking, setAcking] = useState<Alert | null>(null);
  const page = useApiResource(() => client.call('alerts.list', { status, offset, limit: PAGE }), [client, status, offset]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  usePush('timeline.appended', (event) => {
    if (!event.type.startsWith('security.alert')) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void page.reload(), 300);
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  const rows = page.data?.rows ?? [];
  const total = page.data?.total ?? 0;

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Security alerts</h1>
          <p className="page-sub">
            Raised by the rules over the log as events are recorded: repeated failed sign-ins, sign-in attempts by disabled users, bursts of personal-data
            access, key and identity exports, role escalations, new backup recipients, chain verification failures. Each is an event in the chain; an
            administrator acknowledges it with a note saying what was checked.
          </p>
        </div>
      </div>
      <div className="filters">
        <div className="segmented segmented-inline" role="radiogroup" aria-label="Status">
          {STATUSES.map((s) => (
            <label key={s} className={`segment${s === status ? ' is-checked' : ''}`}>
              <input type="radio" name="alert-status" value={s} checked={s === status} onChange={() => {
                setStatus(s);
                setOffset(0);
              }} />
              {STATUS_LABELS[s]}
            </label>
          ))}
        </div>
      </div>
      {page.error && <ErrorBanner>{page.error.message}</ErrorBanner>}
      {page.data && rows.length === 0 ? (
        <EmptyState icon="shield" title={status === 'open' ? 'No open alerts' : 'No alerts here'}>
          {status === 'open' ? 'Every alert raised so far has been acknowledged.' : undefined}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table" aria-busy={page.loading} data-testid="alerts-table">
            <thead>
              <tr>
                <th scope="col" className="num">#</th>
                <th scope="col">Raised</th>
                <th scope="col">Rule</th>
                <th scope="col">User</th>
                <th scope="col">Events</th>
                <th scope="col">Between</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id} data-testid="alert-row">
                  <td className="num mono">{a.id}</td>
                  <td className="nowrap"><time dateTime={a.raisedAt}>{formatDateTime(a.raisedAt, true)}</time></td>
                  <td>
                    <div className="alert-rule">{a.title}</div>
                    {describeDetail(a) && <div className="muted alert-detail">{describeDetail(a)}</div>}
                  </td>
                  <td>{a.subject === ALL_USERS ? <span className="muted">all users</span> : a.subject}</td>
                  <td>{describeCount(a)}</td>
                  <td className="nowrap small">{formatDateTime(a.windowStart, true)} – {formatDateTime(a.windowEnd, true)}</td>
                  <td>
                    {a.acknowledged ? (
                      <>
                        <span className="badge badge-ok">Acknowledged</span>
                        <div className="muted alert-detail">by {a.acknowledged.by}, {formatDateTime(a.acknowledged.at)}: “{a.acknowledged.note}”</div>
                      </>
                    ) : canManage ? (
                      <button type="button" className="btn btn-secondary btn-sm" onClick={() => setAcking(a)}>Acknowledge…</button>
                    ) : (
                      <span className="badge badge-failed">Open</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > PAGE && (
        <nav className="pager" aria-label="Pages">
          <span className="muted">{formatCount(offset + 1)}–{formatCount(Math.min(offset + PAGE, total))} of {formatCount(total)}</span>
          <button type="button" className="btn btn-secondary btn-sm" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>Previous</button>
          <button type="button" className="btn btn-secondary btn-sm" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>Next</button>
        </nav>
      )}
      {acking && (
        <AskReasonDialog
          title={`Acknowledge alert #${acking.id}`}
          intro={<>{acking.title}{acking.subject === ALL_USERS ? '' : ` (${acking.subject})`}, {describeCount(acking)}. The note is recorded in the log with your name: say what you checked and what you found.</>}
          label="Note"
          missing="A note is required: say what was checked and what was found."
          maxLength={2000}
          confirmLabel="Acknowledge"
          onCancel={() => setAcking(null)}
          onConfirm={async (note) => {
            const r = await client.call('alerts.acknowledge', { id: acking.id, note });
            if (!r.ok) return r.error.message;
            setAcking(null);
            toasts.show('success', `Alert #${acking.id} acknowledged`);
            void page.reload();
            return null;
          }}
        />
      )}
    </div>
  );
}
