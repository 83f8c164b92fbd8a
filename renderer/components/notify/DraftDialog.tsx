import { useEffect, useState } from 'react';
import { approvalSummary, EXPORT_FORMATS, SEND_CHANNELS, type ApiError, type Draft, type DraftDiff, type ExportFormat, type SendChannel } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useCan, useSession } from '../../hooks/useSession';
import { approvalBlockers, type FixAt } from '../../lib/approvalBlockers';
import { base64ToBytes } from '../../lib/base64ToBytes';
import { describeError } from '../../lib/describeError';
import { formatDateTime } from '../../lib/formatDateTime';
import { hrefFor } from '../../lib/routes';
import { saveBytes } from '../../lib/saveBytes';
import { ErrorBanner } from '../common/ErrorBanner';
import { ExerciseBanner } from '../common/ExerciseBanner';
import { Field } from '../common/Field';
import { Modal } from '../common/Modal';

const STATUS: Record<Draft['status'], string> = { draft: 'Draft', approved: 'Approved', sent: 'Sent' };
const FORMAT: Record<ExportFormat, string> = { pdf: 'PDF letter', docx: 'Word (DOCX)', md: 'Markdown', html: 'HTML', eml: 'E-mail (.eml)' };

/** The controls whose refusals are shown next to them, not at the top of a long dialog. */
type Control = 'save' | 'recompose' | 'diff' | 'approve' | 'export' | 'send' | 'supplement';

/** Where a missing item is filled in: a link to Settings, a button that opens the breach facts, or words. */
function FixLink({ fix, onEditFacts }: { fix: FixAt; onEditFacts: (() => void) | undefined }) {
  if (fix.kind === 'settings') return <a href={hrefFor({ name: 'settings' })}>{fix.label}</a>;
  if (fix.kind === 'facts' && onEditFacts) return <button type="button" className="btn-link" onClick={onEditFacts}>{fix.label}</button>;
  return <span>{fix.label}</span>;
}

/**
 * One notice: its required contents (present or missing), the text (a new version on save), the
 * versions and their differences, approvals, export, "sent" — and after that only a supplementary
 * notice. Every control exists only for the permissions the session has.
 */
export function DraftDialog({ draftId, onClose, onChanged, onOpen, onEditFacts }: {
  draftId: string;
  onClose: () => void;
  onChanged: () => void;
  onOpen: (id: string) => void;
  /** Opens the incident's breach facts (where most missing items are filled in). */
  onEditFacts?: () => void;
}) {
  const client = useClient();
  const { session } = useSession();
  const canSetLetterhead = useCan('settings:manage');
  const canDraft = useCan('notify:draft');
  const canApprove = useCan('notify:approve');
  const canSend = useCan('notify:send');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [body, setBody] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [failure, setFailure] = useState<{ at: Control; error: ApiError } | null>(null);
  const [busy, setBusy] = useState(false);
  const [format, setFormat] = useState<ExportFormat>('pdf');
  const [exported, setExported] = useState<{ sha256: string; format: ExportFormat; version: number } | null>(null);
  const [channel, setChannel] = useState<SendChannel>('portal');
  const [recipient, setRecipient] = useState('');
  const [diff, setDiff] = useState<DraftDiff | null>(null);

  const show = (d: Draft) => {
    setDraft(d);
    setBody(d.body);
  };
  useEffect(() => {
    void client.call('notify.drafts.get', { id: draftId }).then((r) => (r.ok ? show(r.value) : setError(r.error)));
  }, [client, draftId]);

  const act = async <T,>(at: Control, call: () => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>, then: (v: T) => void) => {
    setBusy(true);
    setFailure(null);
    const r = await call();
    setBusy(false);
    if (!r.ok) {
      setFailure({ at, error: r.error });
      return;
    }
    then(r.value);
  };
  /** A refusal, right under the control that caused it. */
  const failed = (at: Control) => (failure?.at === at ? <div className="field-error" role="alert" data-testid={`error-${at}`}>{describeError(failure.error)}</div> : null);
  const changed = (d: Draft) => {
    show(d);
    onChanged();
  };

  if (!draft) {
    return <Modal title="Notice" onClose={onClose}>{error ? <ErrorBanner>{describeError(error)}</ErrorBanner> : <p className="muted">Loading…</p>}</Modal>;
  }
  const sent = draft.sent;
  const editable = canDraft && draft.status !== 'sent';
  const dirty = body !== draft.body;
  const missing = draft.contents.filter((c) => !c.present);
  const blockers = approvalBlockers(draft, { user: session.user, unsavedEdits: dirty, canSetLetterhead });
  const missingBlockers = blockers.filter((b) => b.id.startsWith('missing-'));
  return (
    <Modal title={`${draft.regimeName}: ${draft.title}`} size="lg" onClose={onClose}
      footer={<button type="button" className="btn btn-secondary" onClick={onClose}>Close</button>}>
      <div className="draft" data-testid="draft" data-status={draft.status}>
        <p className="banner banner-info small" role="note" data-testid="not-legal-advice">{draft.notice}</p>
        {draft.exercise && (
          <ExerciseBanner>{draft.ref} is an exercise: every download of this notice starts with this marking (at the head of every page) and its subject with “[EXERCISE]”.</ExerciseBanner>
        )}
        <p className="small">
          <span className={`badge ${draft.status === 'sent' ? 'badge-ok' : draft.status === 'approved' ? 'badge-ok' : 'badge-muted'}`} data-testid="draft-status">{STATUS[draft.status]}</span>{' '}
          Version {draft.version} of {draft.latestVersion} · to {draft.recipient}
          {draft.supplementTo && <> · supplements an earlier notice</>}
          {draft.outcome !== 'notify' && <> · <strong>the assessment says “{draft.outcome}”</strong></>}
        </p>

        <h3 className="section-label">Required contents</h3>
        <ul className="plain-list contents-list" aria-label="Required contents">
          {draft.contents.map((c) => (
            <li key={c.id} data-present={c.present}>
              <span className={c.present ? 'text-ok' : 'text-danger'} aria-hidden="true">{c.present ? '✓' : '✗'}</span>{' '}
              {c.text} <span className="visually-hidden">{c.present ? '(present)' : '(missing)'}</span>
              <a className="muted small" href={c.source.url} target="_blank" rel="noreferrer"> {c.source.cite}</a>
            </li>
          ))}
        </ul>
        {missingBlockers.length > 0 && (
          <ErrorBanner tone="warning">
            <span data-testid="placeholders">
              {missingBlockers.length} {missingBlockers.length === 1 ? 'item is' : 'items are'} missing; approval waits until none is left. Fill each where it belongs, then “Rewrite from the facts” (or replace the placeholder in the text):
            </span>
            <ul className="plain-list small" aria-label="Missing items">
              {missingBlockers.map((b) => <li key={b.id}>{b.text.replace(/^Missing: /, '')} — {b.fix && <FixLink fix={b.fix} onEditFacts={onEditFacts} />}</li>)}
            </ul>
          </ErrorBanner>
        )}
        {missing.length === 0 && draft.placeholders.length === 0 && <p className="small text-ok">Every required item is in the text.</p>}

        <Field id="draft-body" label="Text of the notice" hint={editable ? 'Saving makes a new version; approvals of the old one do not carry over.' : undefined}>
          <textarea id="draft-body" className="mono draft-body" rows={16} value={body} readOnly={!editable} onChange={(e) => setBody(e.target.value)} />
        </Field>
        {editable && (
          <div className="button-row">
            <button type="button" className="btn btn-primary" disabled={!dirty || busy}
              onClick={() => void act('save', () => client.call('notify.drafts.revise', { id: draft.id, body }), changed)}>
              Save as version {draft.latestVersion + 1}
            </button>
            {failed('save')}
            {dirty && <button type="button" className="btn btn-ghost" onClick={() => setBody(draft.body)}>Discard changes</button>}
            {!dirty && (
              <button type="button" className="btn btn-secondary" disabled={busy} title="After facts or the letterhead changed: a new version written from them (edits to the text are replaced; the old version keeps them)."
                onClick={() => void act('recompose', () => client.call('notify.drafts.recompose', { id: draft.id }), changed)}>
                Rewrite from the facts
              </button>
            )}
            {failed('recompose')}
          </div>
        )}

        {draft.versions.length > 1 && (
          <details className="draft-versions">
            <summary>Versions ({draft.versions.length})</summary>
            <ul className="plain-list small">
              {draft.versions.map((v) => (
                <li key={v.version}>
                  Version {v.version}, {formatDateTime(v.createdAt)} by {v.createdBy}{v.approvals.length > 0 && ` · approved by ${v.approvals.map((a) => a.user).join(', ')}`}{' '}
                  {v.version > 1 && (
                    <button type="button" className="btn btn-ghost btn-sm"
                      onClick={() => void act('diff', () => client.call('notify.drafts.diff', { id: draft.id, from: v.version - 1, to: v.version }), setDiff)}>
                      Changes from {v.version - 1}
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {failed('diff')}
            {diff && (
              <pre className="draft-diff" aria-label={`Changes from version ${diff.from} to ${diff.to}`}>
                {diff.lines.filter((l) => l.op !== 'same').map((l, i) => <div key={i} className={`diff-${l.op}`}>{l.op === 'add' ? '+ ' : '- '}{l.text}</div>)}
              </pre>
            )}
          </details>
        )}

        <h3 className="section-label">Approval</h3>
        <p className="small" data-testid="approvals">
          <strong>{approvalSummary(draft)}</strong>
          {draft.approvals.length > 0 && <span className="muted"> — {draft.approvals.map((a) => `${a.user} ${formatDateTime(a.at)}`).join('; ')}</span>}
          {draft.requiredApprovals === 2 && <span className="muted"> · two different people, neither the last editor</span>}
        </p>
        {canApprove && draft.status === 'draft' && (
          <div className="approve">
            <button type="button" className="btn btn-primary" disabled={busy || blockers.length > 0} aria-describedby={blockers.length > 0 ? 'approve-blockers' : undefined}
              onClick={() => void act('approve', () => client.call('notify.drafts.approve', { id: draft.id }), changed)}>
              Approve version {draft.version}
            </button>
            {blockers.length > 0 && (
              <div id="approve-blockers" className="small" data-testid="approve-blockers">
                Approval waits for:
                <ul className="plain-list">
                  {blockers.map((b) => <li key={b.id}>{b.text}{b.fix && b.fix.kind !== 'text' && <> — <FixLink fix={b.fix} onEditFacts={onEditFacts} /></>}</li>)}
                </ul>
              </div>
            )}
            {failed('approve')}
          </div>
        )}

        <h3 className="section-label">Export</h3>
        <div className="button-row">
          <label className="visually-hidden" htmlFor="draft-format">Format</label>
          <select id="draft-format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
            {EXPORT_FORMATS.map((f) => <option key={f} value={f}>{FORMAT[f]}</option>)}
          </select>
          <button type="button" className="btn btn-secondary" disabled={busy}
            onClick={() => void act('export', () => client.call('notify.drafts.export', { id: draft.id, format, ...(sent ? { recipient: sent.recipient } : recipient.trim() ? { recipient: recipient.trim() } : {}) }), (x) => {
              saveBytes(base64ToBytes(x.dataBase64), x.fileName, x.mediaType);
              setExported({ sha256: x.sha256, format, version: x.version });
            })}>
            Download
          </button>
          {failed('export')}
          {exported && <span className="muted small" data-testid="export-hash">{exported.format.toUpperCase()} of version {exported.version}: SHA-256 {exported.sha256.slice(0, 16)}…</span>}
        </div>

        <h3 className="section-label">Sending</h3>
        {sent ? (
          <div data-testid="sent">
            <p className="small">Sent {formatDateTime(sent.at)} by {sent.by} via {sent.channel} to {sent.recipient}; SHA-256 of the {sent.hashOf === 'body' ? 'text' : sent.hashOf.toUpperCase()} <code>{sent.sha256}</code>. A sent notice is never changed.</p>
            {canDraft && (
              <button type="button" className="btn btn-secondary" disabled={busy}
                onClick={() => void act('supplement', () => client.call('notify.drafts.supplement', { id: draft.id }), (d) => {
                  onChanged();
                  onOpen(d.id);
                })}>
                Write a supplementary notice
              </button>
            )}
            {failed('supplement')}
          </div>
        ) : canSend ? (
          <div className="form-grid">
            <Field id="send-channel" label="Sent via">
              <select id="send-channel" value={channel} onChange={(e) => setChannel(e.target.value as SendChannel)}>
                {SEND_CHANNELS.map((c) => <option key={c} value={c}>{c}</option>)}
              </select>
            </Field>
            <Field id="send-recipient" label="Sent to" hint="The authority's portal, an address, a mailing list.">
              <input id="send-recipient" value={recipient} onChange={(e) => setRecipient(e.target.value)} maxLength={500} />
            </Field>
            <div className="span-2 button-row">
              <button type="button" className="btn btn-primary" disabled={busy || draft.status !== 'approved' || recipient.trim() === ''}
                onClick={() => void act('send', () => client.call('notify.drafts.markSent', {
                  id: draft.id, channel, recipient: recipient.trim(),
                  ...(exported && exported.version === draft.version ? { sha256: exported.sha256, format: exported.format } : {}),
                }), changed)}>
                Mark as sent
              </button>
              {failed('send')}
              <span className="muted small">{draft.status !== 'approved' ? 'Only an approved notice can be marked sent.' : exported ? `Records the SHA-256 of the ${exported.format.toUpperCase()} you downloaded.` : 'Records the SHA-256 of the text (download the file you send first to record its hash instead).'}</span>
            </div>
          </div>
        ) : (
          <p className="muted small">Not sent yet.</p>
        )}
      </div>
    </Modal>
  );
}
