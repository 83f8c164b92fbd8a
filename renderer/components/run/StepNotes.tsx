import { useState, type FormEvent } from 'react';
import type { RunStepView } from '../../../contract';
import { formatDateTime } from '../../lib/formatDateTime';
import type { SendAction } from './types';

/** Notes on one step: what was seen or decided there. Posting is an action like any other (on the timeline). */
export function StepNotes({ step, busy, send, canWrite }: { step: RunStepView; busy: boolean; send: SendAction; canWrite: boolean }) {
  const [text, setText] = useState('');
  const id = `run-${step.definition.id}-note`;
  const submit = async (e?: FormEvent): Promise<void> => {
    e?.preventDefault();
    if (!text.trim() || busy) return;
    if (await send({ type: 'note', step: step.definition.id, text: text.trim() })) setText('');
  };
  return (
    <div className="run-notes">
      {step.notes.length > 0 && (
        <ul className="run-note-list" aria-label="Notes">
          {step.notes.map((n) => (
            <li key={`${n.by}-${n.at}`}>
              <span className="small"><strong>{n.by}</strong> · <time dateTime={n.at}>{formatDateTime(n.at)}</time></span>
              <p className="tl-note">{n.text}</p>
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <form className="run-note-form" onSubmit={(e) => void submit(e)}>
          <label htmlFor={id} className="visually-hidden">Step note</label>
          <textarea
            id={id}
            rows={1}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
            }}
            placeholder="What you saw, did or decided on this step…"
            maxLength={20_000}
          />
          <button type="submit" className="btn btn-secondary btn-sm" disabled={busy || !text.trim()}>Add step note</button>
        </form>
      )}
    </div>
  );
}
