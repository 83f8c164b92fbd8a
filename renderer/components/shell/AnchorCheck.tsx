import { useState } from 'react';
import type { AnchorCheck as AnchorResult, ApiError } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { describeError } from '../../lib/describeError';
import { ErrorBanner } from '../common/ErrorBanner';
import { Field, describedBy } from '../common/Field';
import { Icon } from '../common/Icon';

const ANCHOR = /^\s*(\d+):([0-9a-fA-F]{64})\s*$/;

async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Checks a report's anchor (the `SEQ:HASH` printed in its integrity section) against the log:
 * the event is still there unchanged and the chain verifies. With the report file, also that the
 * log recorded generating exactly that file (its SHA-256, computed here in the browser).
 */
export function AnchorCheck() {
  const client = useClient();
  const [anchor, setAnchor] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<AnchorResult | null>(null);

  const check = async (): Promise<void> => {
    setResult(null);
    setError(null);
    const m = ANCHOR.exec(anchor);
    if (!m || Number(m[1]) < 1) {
      setProblem('Paste the anchor as the report prints it: the event number, a colon and the 64-character hash (e.g. 1042:9f86d0…).');
      return;
    }
    setProblem(null);
    setBusy(true);
    const reportSha256 = file ? await sha256Hex(file) : undefined;
    const r = await client.call('log.verifyAnchor', { seq: Number(m[1]), hash: (m[2] ?? '').toLowerCase(), ...(reportSha256 ? { reportSha256 } : {}) });
    setBusy(false);
    if (r.ok) setResult(r.value);
    else setError(r.error);
  };

  return (
    <section className="anchor-check" aria-labelledby="anchor-check-title">
      <h3 className="section-label" id="anchor-check-title">Check a report&apos;s anchor</h3>
      <form onSubmit={(e) => { e.preventDefault(); void check(); }}>
        <Field id="anchor-text" label="Anchor (SEQ:HASH, from the report's integrity section)" error={problem ?? undefined}>
          <input {...describedBy('anchor-text', problem ?? undefined)} className="mono" value={anchor} onChange={(e) => setAnchor(e.target.value)} placeholder="1042:9f86d081…" autoComplete="off" spellCheck={false} />
        </Field>
        <Field id="anchor-file" label="The report file (optional: proves this file is the one recorded)">
          <input id="anchor-file" type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </Field>
        <button type="submit" className="btn btn-secondary" disabled={busy}>{busy ? 'Checking…' : 'Check anchor'}</button>
      </form>
      {error && <ErrorBanner>Not checked: {describeError(error)}</ErrorBanner>}
      {result && (
        <div className={`verify-result ${result.ok ? 'is-ok' : 'is-broken'}`} role="status" data-testid="anchor-result">
          <Icon name={result.ok ? 'shield' : 'alert'} size={22} />
          <div>
            <strong>{result.ok ? 'Anchor verified' : 'Anchor NOT verified'}</strong>
            <span>{result.message}</span>
          </div>
        </div>
      )}
    </section>
  );
}
