import { useState, type FormEvent } from 'react';
import { useClient } from '../../hooks/useClient';
import { useToasts } from '../../hooks/useToasts';

export function NoteComposer({ incidentRef, onAdded }: { incidentRef: string; onAdded: () => void }) {
  const client = useClient();
  const toasts = useToasts();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e?: FormEvent): Promise<void> => {
    e?.preventDefault();
    if (!text.trim() || busy) return;
    setBusy(true);
    setError(null);
    const result = await client.call('incidents.addNote', { ref: incidentRef, text });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.issues?.join(' ') ?? result.error.message);
      return;
    }
    setText('');
    toasts.show('success', 'Note added to the timeline');
    onAdded();
  };

  return (
    <form className="note-composer" onSubmit={(e) => void submit(e)}>
      <label htmlFor="note-text" className="visually-hidden">Note</label>
      <textarea
        id="note-text"
        rows={2}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
        }}
        placeholder="Add a note: what you saw, did or decided…"
        maxLength={20_000}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'note-error' : undefined}
      />
      {error && <p className="field-error" id="note-error">{error}</p>}
      <div className="note-actions">
        <span className="muted small">Ctrl+Enter to post · notes cannot be edited or deleted</span>
        <button type="submit" className="btn btn-primary btn-sm" disabled={busy || !text.trim()}>
          {busy ? 'Adding…' : 'Add note'}
        </button>
      </div>
    </form>
  );
}
