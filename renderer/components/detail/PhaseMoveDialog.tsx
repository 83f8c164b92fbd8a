import { useRef, useState, type FormEvent } from 'react';
import type { IncidentStatus, OpenItem, TimeOrderConflict } from '../../../contract';
import { formatDateTime } from '../../lib/formatDateTime';
import { humanize } from '../../lib/humanize';
import { timePointLabel } from '../../lib/timePointLabel';
import { describedBy, Field } from '../common/Field';
import { Modal } from '../common/Modal';

const GROUPS: { kind: OpenItem['kind']; title: string }[] = [
  { kind: 'obligation', title: 'Notification obligations not met' },
  { kind: 'notice', title: 'Notices not sent' },
  { kind: 'approval', title: 'Approvals waiting' },
  { kind: 'run', title: 'Runbook runs not finished' },
];

/** The API's line, with an obligation's deadline in the viewer's own time (the API writes UTC). */
function itemText(i: OpenItem): string {
  if (i.kind !== 'obligation' || i.due === null) return i.text;
  return `${i.regimeName} — ${i.stageTitle}: ${i.overdue ? 'overdue since' : 'due'} ${formatDateTime(i.due)}`;
}

export interface PhaseMoveChoice {
  skipPhases: boolean;
  reason?: string;
  overrideTimeOrder?: string;
}

const names = (phases: readonly IncidentStatus[]): string => {
  const h = phases.map((p) => humanize(p));
  return h.length <= 1 ? (h[0] ?? '') : `${h.slice(0, -1).join(', ')} and ${h.at(-1)!}`;
};

/**
 * Confirms a forward move that is more than a click (contract/phases.ts): phases it passes over
 * without a time (they will show as skipped), phase times it would put out of order (a reason to
 * keep them), and — when closing — everything still open (a reason to close over it). The API
 * decides what needs asking; this dialog shows what it said and sends the answers back.
 */
export function PhaseMoveDialog({
  incidentRef, to, skipped, openItems, timeOrder, onCancel, onConfirm,
}: {
  incidentRef: string;
  to: IncidentStatus;
  skipped: IncidentStatus[];
  openItems: OpenItem[] | null;
  timeOrder: TimeOrderConflict[] | null;
  onCancel: () => void;
  /** Resolves to a problem to show, or null when the move went through. */
  onConfirm: (choice: PhaseMoveChoice) => Promise<string | null>;
}) {
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; override?: string; other?: string }>({});
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const overrideRef = useRef<HTMLTextAreaElement>(null);
  const open = openItems ?? [];
  const closing = to === 'closed' && open.length > 0;
  const conflicts = timeOrder ?? [];

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const missing = {
      ...(closing && !reason.trim() ? { reason: 'Say why the incident is closed while these are open: it is recorded with the list.' } : {}),
      ...(conflicts.length && !override.trim() ? { override: 'Say why these times are right: it is recorded with them.' } : {}),
    };
    setErrors(missing);
    // The list can be long: bring the field that needs an answer into view, next to its message.
    if (missing.override) overrideRef.current?.focus();
    else if (missing.reason) reasonRef.current?.focus();
    if (Object.keys(missing).length) return;
    setBusy(true);
    const problem = await onConfirm({
      skipPhases: skipped.length > 0,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
      ...(override.trim() ? { overrideTimeOrder: override.trim() } : {}),
    });
    setBusy(false);
    if (problem) setErrors({ other: problem });
  };

  const title = closing
    ? `Close ${incidentRef} with ${open.length} open ${open.length === 1 ? 'item' : 'items'}?`
    : skipped.length ? `Skip ${names(skipped)}?` : `Move to ${humanize(to)}?`;
  const confirmLabel = closing
    ? `Close over ${open.length} open ${open.length === 1 ? 'item' : 'items'}`
    : skipped.length ? `Skip and move to ${humanize(to)}` : conflicts.length ? 'Keep these times' : `Move to ${humanize(to)}`;

  return (
    <Modal
      title={title}
      onClose={onCancel}
      size="md"
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onCancel}>Cancel</button>
          <button type="submit" form="phase-move-form" className={closing ? 'btn btn-danger' : 'btn btn-primary'} disabled={busy}>{confirmLabel}</button>
        </>
      }
    >
      <form id="phase-move-form" className="form" onSubmit={(e) => void submit(e)} noValidate>
        {skipped.length > 0 && (
          <section className="move-section" aria-labelledby="move-skipped">
            <h3 id="move-skipped">{skipped.length === 1 ? 'This phase has' : 'These phases have'} no time</h3>
            <p>
              Moving to <strong>{humanize(to)}</strong> passes over <strong>{names(skipped)}</strong>. {skipped.length === 1 ? 'It' : 'They'} will
              show as <strong>skipped</strong>: not done, and never given a time by a move. If you know when {skipped.length === 1 ? 'it' : 'they'} happened,
              cancel and enter the time in Edit details first.
            </p>
          </section>
        )}

        {conflicts.length > 0 && (
          <section className="move-section" aria-labelledby="move-order">
            <h3 id="move-order">Times out of order</h3>
            <ul className="move-list">
              {conflicts.map((c) => (
                <li key={`${c.later}-${c.earlier}`}>
                  {timePointLabel(c.later)} <strong>{formatDateTime(c.laterAt)}</strong> is before {timePointLabel(c.earlier).toLowerCase()} <strong>{formatDateTime(c.earlierAt)}</strong>
                </li>
              ))}
            </ul>
            <Field id="move-override" label="Why are these times right?" error={errors.override}>
              <textarea ref={overrideRef} {...describedBy('move-override', errors.override)} rows={2} maxLength={2000} value={override} onChange={(e) => setOverride(e.target.value)} />
            </Field>
          </section>
        )}

        {closing && (
          <section className="move-section" aria-labelledby="move-open">
            <h3 id="move-open">Still open</h3>
            {GROUPS.map(({ kind, title: heading }) => {
              const items = open.filter((i) => i.kind === kind);
              if (items.length === 0) return null;
              return (
                <div key={kind} className="open-group">
                  <h4>{heading} ({items.length})</h4>
                  <ul className="move-list">
                    {items.map((i, n) => (
                      <li key={n} className={i.kind === 'obligation' && i.overdue ? 'is-overdue' : undefined}>{itemText(i)}</li>
                    ))}
                  </ul>
                </div>
              );
            })}
            <p className="muted small">Closing records your decision with this list. It does not meet, end or cancel any of it.</p>
            <Field id="move-reason" label="Reason for closing over these" error={errors.reason}>
              <textarea ref={reasonRef} {...describedBy('move-reason', errors.reason)} rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
            </Field>
          </section>
        )}
        {errors.other && <p className="field-error" role="alert">{errors.other}</p>}
      </form>
    </Modal>
  );
}
