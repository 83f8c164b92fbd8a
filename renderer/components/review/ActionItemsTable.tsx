import { useState } from 'react';
import { ACTION_STATUS_LABEL, formatActionId, type ActionItem } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useNow } from '../../hooks/useNow';
import { useCan } from '../../hooks/useSession';
import { useToasts } from '../../hooks/useToasts';
import { formatDateTime } from '../../lib/formatDateTime';
import { formatDue } from '../../lib/formatDue';
import { formatTimeLeft } from '../../lib/formatDeadline';
import { hrefFor } from '../../lib/routes';
import { AskReasonDialog } from '../common/AskReasonDialog';
import { ExerciseBadge } from '../common/ExerciseBadge';
import { ActionItemDialog } from './ActionItemDialog';

type Ask = { kind: 'done' | 'wontDo' | 'reopen'; item: ActionItem } | { kind: 'edit'; item: ActionItem } | null;

const HOUR = 3_600_000;
const capitalized = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const ASK = {
  done: { title: 'Mark done', label: 'What was done', confirm: 'Mark done', missing: 'Say what was done: it is kept with the item.' },
  wontDo: { title: "Won't do", label: 'Why not', confirm: "Record won't do", missing: 'Say why it will not be done: it is kept with the item.' },
  reopen: { title: 'Reopen', label: 'Why reopen it', confirm: 'Reopen', missing: 'Say why it is open again: it is kept with the item.' },
} as const;

/** Action items as the API orders them (overdue first); with action:write each row can be ended, changed or reopened. */
export function ActionItemsTable({
  rows, showIncident, label, onChanged,
}: { rows: ActionItem[]; showIncident: boolean; label: string; onChanged: () => void }) {
  const client = useClient();
  const toasts = useToasts();
  const canWrite = useCan('action:write');
  // Re-rendered every 30 s to count down; the time itself is read at each render, so a row the
  // server just called overdue never says "in 2 s" from a clock read a minute ago.
  useNow(30_000);
  const now = Date.now();
  const [ask, setAsk] = useState<Ask>(null);

  const act = async (kind: 'done' | 'wontDo' | 'reopen', item: ActionItem, text: string): Promise<string | null> => {
    const result = kind === 'done'
      ? await client.call('actions.done', { id: item.id, note: text })
      : kind === 'wontDo'
        ? await client.call('actions.wontDo', { id: item.id, reason: text })
        : await client.call('actions.reopen', { id: item.id, reason: text });
    if (!result.ok) return result.error.issues?.join(' ') ?? result.error.message;
    setAsk(null);
    toasts.show('success', `${formatActionId(item.id)} is ${ACTION_STATUS_LABEL[result.value.status]}`, item.title);
    onChanged();
    return null;
  };

  return (
    <>
      <table className="data-table action-items" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Item</th>
            {showIncident && <th scope="col">Incident</th>}
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => {
            const left = a.status === 'open' ? formatTimeLeft(a.dueAt, now) : null;
            // The server's answer decides overdue; the clock only moves the text between reloads.
            const overdue = a.overdue || (left?.overdue ?? false);
            // Within a day of its due time: the alarm has gone off, so the row says so too.
            const soon = !overdue && a.status === 'open' && Date.parse(a.dueAt) - now < 24 * HOUR;
            return (
              <tr key={a.id} data-id={formatActionId(a.id)} className={overdue ? 'is-overdue' : a.status !== 'open' ? 'is-closed' : undefined}>
                <td className="action-item-cell">
                  <span className="mono muted">{formatActionId(a.id)}</span> {a.exercise && <><ExerciseBadge />{' '}</>}{a.title}
                  {a.note && <p className="small muted action-note">{a.status === 'done' ? 'Done: ' : "Won't do: "}{a.note} — {a.closedBy}, {formatDateTime(a.closedAt)}</p>}
                  {canWrite && (
                    <div className="row-actions">
                      {a.status === 'open' ? (
                        <>
                          <button type="button" className="btn btn-secondary btn-sm" onClick={() => setAsk({ kind: 'done', item: a })}>Done…</button>
                          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setAsk({ kind: 'wontDo', item: a })}>Won't do…</button>
                          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setAsk({ kind: 'edit', item: a })}>Change…</button>
                        </>
                      ) : (
                        <button type="button" className="btn btn-ghost btn-sm" onClick={() => setAsk({ kind: 'reopen', item: a })}>Reopen…</button>
                      )}
                    </div>
                  )}
                </td>
                {showIncident && (
                  <td><a className="mono" href={hrefFor({ name: 'incident', ref: a.ref })}>{a.ref}</a><br /><span className="small">{a.incidentTitle}</span></td>
                )}
                <td>{a.owner}</td>
                <td>
                  <time dateTime={a.due}>{formatDue(a.due)}</time>
                  {left && <><br /><span className={overdue ? 'badge badge-failed' : soon ? 'badge badge-pending' : 'small muted'}>{overdue ? (left.overdue ? left.text : 'overdue') : `due ${left.text}`}</span></>}
                </td>
                <td>
                  <span className={`badge ${a.status === 'open' ? (overdue ? 'badge-failed' : 'badge-muted') : a.status === 'done' ? 'badge-ok' : 'badge-muted'}`}>
                    {overdue ? 'Overdue' : capitalized(ACTION_STATUS_LABEL[a.status])}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {ask && ask.kind === 'edit' && (
        <ActionItemDialog incidentRef={ask.item.ref} item={ask.item} onClose={() => setAsk(null)} onSaved={(next) => {
          setAsk(null);
          toasts.show('success', `${formatActionId(next.id)} changed`, next.title);
          onChanged();
        }} />
      )}
      {ask && ask.kind !== 'edit' && (
        <AskReasonDialog
          title={`${ASK[ask.kind].title}: ${formatActionId(ask.item.id)}`}
          intro={<>“{ask.item.title}”, owner {ask.item.owner}, due {formatDue(ask.item.due)}.</>}
          label={ASK[ask.kind].label}
          confirmLabel={ASK[ask.kind].confirm}
          missing={ASK[ask.kind].missing}
          maxLength={2000}
          onCancel={() => setAsk(null)}
          onConfirm={(text) => act(ask.kind, ask.item, text)}
        />
      )}
    </>
  );
}
