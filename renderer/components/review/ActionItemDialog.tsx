import { useEffect, useState, type FormEvent } from 'react';
import { isCalendarDay, localDay, formatActionId, type ActionItem } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useSession } from '../../hooks/useSession';
import { issuesByField } from '../../lib/issuesByField';
import { ErrorBanner } from '../common/ErrorBanner';
import { describedBy, Field } from '../common/Field';
import { Modal } from '../common/Modal';

/**
 * Adds an action item to an incident (`incidentRef`), or changes one (`item`): title, owner, due
 * date. Moving an overdue item's due date asks why. The API's refusals appear at their field.
 */
export function ActionItemDialog({
  incidentRef, item, onClose, onSaved,
}: { incidentRef: string; item?: ActionItem; onClose: () => void; onSaved: (item: ActionItem) => void }) {
  const client = useClient();
  const { session } = useSession();
  const [names, setNames] = useState<string[]>([]);
  const [title, setTitle] = useState(item?.title ?? '');
  const [owner, setOwner] = useState(item?.owner ?? session.user);
  const [due, setDue] = useState(item ? item.due : '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void client.call('users.names', {}).then((r) => {
      if (r.ok) setNames(r.value);
    });
  }, [client]);

  const dueChanged = item !== undefined && due !== item.due;
  const needsReason = item !== undefined && item.overdue && dueChanged;
  // A date already past is allowed (recording what was due last week): said before saving, since it may also be a typo.
  // Only for a date being chosen: an overdue item's unchanged date needs no warning here.
  const pastDue = (item === undefined || dueChanged) && isCalendarDay(due) && due < localDay(Date.now());

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const dueDate = isCalendarDay(due) ? due : null;
    const local: Record<string, string> = {};
    if (title.trim().length < 3) local.title = 'Say what is to be done (3 characters at least).';
    if (dueDate === null) local.due = 'Choose the day it is due.';
    if (needsReason && reason.trim().length < 3) local.reason = 'This item is overdue: say why its due date moves.';
    setErrors(local);
    setBanner(null);
    if (Object.keys(local).length > 0 || dueDate === null) return;
    setBusy(true);
    const result = item
      ? await client.call('actions.update', {
        id: item.id,
        ...(title.trim() !== item.title ? { title } : {}),
        ...(owner !== item.owner ? { owner } : {}),
        ...(dueChanged ? { due: dueDate } : {}),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      })
      : await client.call('actions.add', { ref: incidentRef, title, owner, due: dueDate });
    setBusy(false);
    if (result.ok) {
      onSaved(result.value);
      return;
    }
    // Refusals are shown at their field (owner: …, due: …, reason: …); anything else above the buttons.
    const split = issuesByField(result.error, ['title', 'owner', 'due', 'reason']);
    setErrors(split.fields);
    if (split.other.length > 0) setBanner(split.other.join(' '));
  };

  return (
    <Modal
      title={item ? `Change ${formatActionId(item.id)}` : 'Add an action item'}
      onClose={onClose}
      size="sm"
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>Cancel</button>
          <button type="submit" form="action-item-form" className="btn btn-primary" disabled={busy}>{item ? 'Save changes' : 'Add action item'}</button>
        </>
      }
    >
      <form id="action-item-form" className="form" onSubmit={(e) => void submit(e)} noValidate>
        <Field id="action-title" label="Title" error={errors.title}>
          <input {...describedBy('action-title', errors.title)} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} autoFocus />
        </Field>
        <Field id="action-owner" label="Owner" error={errors.owner} hint="Someone who can sign in and mark it done (auditors cannot).">
          <select {...describedBy('action-owner', errors.owner, true)} value={owner} onChange={(e) => setOwner(e.target.value)}>
            {(names.includes(owner) ? names : [owner, ...names]).map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </Field>
        <Field
          id="action-due" label="Due" error={errors.due}
          hint={pastDue
            ? 'This date has passed: the item is recorded as overdue at once (for work that was due already). Check the year if that is not meant.'
            : 'A date, the same for everyone. Overdue once that day has ended; an alarm goes off a day before and when it is overdue.'}
        >
          <input {...describedBy('action-due', errors.due, true)} type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        </Field>
        {item && (
          <Field id="action-reason" label={needsReason ? 'Why does the due date move?' : 'Reason (optional)'} error={errors.reason}>
            <textarea {...describedBy('action-reason', errors.reason)} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
          </Field>
        )}
        {banner && <ErrorBanner>{banner}</ErrorBanner>}
      </form>
    </Modal>
  );
}
