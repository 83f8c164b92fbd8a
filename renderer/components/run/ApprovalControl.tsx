import { useState, type FormEvent } from 'react';
import type { RunStepView } from '../../../contract';
import { useSession } from '../../hooks/useSession';
import { humanize } from '../../lib/humanize';
import { Field } from '../common/Field';
import { Icon } from '../common/Icon';
import { ApprovalList } from './ApprovalList';

/**
 * The approve button for the signed-in person. The engine is the judge (role, two different
 * people); the button only says in advance why it would refuse.
 */
export function ApprovalControl({
  step, busy, approve,
}: { step: RunStepView; busy: boolean; approve: (note?: string) => Promise<boolean> }) {
  const { session } = useSession();
  const [note, setNote] = useState('');
  const d = step.definition;
  const wrongRole = d.role !== undefined && session.role !== d.role;
  const already = step.approvals.some((a) => a.by === session.user);
  const id = `run-${d.id}-approval-note`;
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (await approve(note.trim() || undefined)) setNote('');
  };
  return (
    <div className="run-control">
      <ApprovalList step={step} />
      {wrongRole && <p className="muted small">Only a {humanize(d.role ?? '').toLowerCase()} can approve this step; you are signed in as {humanize(session.role).toLowerCase()}.</p>}
      {already && !wrongRole && <p className="muted small">You have approved; a different person must give the second approval.</p>}
      {!wrongRole && !already && (
        <form className="run-approve" onSubmit={(e) => void submit(e)}>
          <Field id={id} label="Approval note (optional)">
            <input id={id} value={note} onChange={(e) => setNote(e.target.value)} maxLength={20_000} />
          </Field>
          <div className="run-control-actions">
            <button type="submit" className="btn btn-primary btn-sm" disabled={busy}>
              <Icon name="shield" size={14} />
              Approve
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
