import { useClient } from '../../hooks/useClient';
import { useApiResource } from '../../hooks/useApiResource';
import { formatCount } from '../../lib/formatCount';
import { ErrorBanner } from '../common/ErrorBanner';
import { Icon } from '../common/Icon';
import { Modal } from '../common/Modal';
import { Spinner } from '../common/Spinner';
import { AnchorCheck } from './AnchorCheck';

/** Recomputes every hash of the event log (log.verify) and names the first bad sequence number. */
export function VerifyChainDialog({ onClose }: { onClose: () => void }) {
  const client = useClient();
  const verify = useApiResource(() => client.call('log.verify', {}), [client]);
  const r = verify.data;
  return (
    <Modal
      title="Verify the event log"
      onClose={onClose}
      size="sm"
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={() => void verify.reload()} disabled={verify.loading}>
            <Icon name="refresh" size={14} />
            Verify again
          </button>
          <button type="button" className="btn btn-primary" onClick={onClose}>
            Done
          </button>
        </>
      }
    >
      <p className="muted">Every event carries the SHA-256 of the one before it. Verification recomputes the whole chain.</p>
      {verify.loading && (
        <div className="verify-pending">
          <Spinner label="Verifying" /> Recomputing hashes…
        </div>
      )}
      {!verify.loading && verify.error && <ErrorBanner>{verify.error.message}</ErrorBanner>}
      {!verify.loading && r && (
        <div className={`verify-result ${r.ok ? 'is-ok' : 'is-broken'}`} role="status" data-testid="verify-result">
          <Icon name={r.ok ? 'shield' : 'alert'} size={22} />
          {r.ok ? (
            <div>
              <strong>Chain intact: {formatCount(r.count)} events</strong>
              {r.head ? (
                <span>
                  head <code title={r.head.hash}>{r.head.hash.slice(0, 16)}…</code> at #{r.head.seq}
                </span>
              ) : (
                <span>head: none yet</span>
              )}
            </div>
          ) : (
            <div>
              <strong>Broken at sequence {r.firstBadSeq ?? '?'}</strong>
              <span>{r.problem ?? 'the chain does not verify'}</span>
            </div>
          )}
        </div>
      )}
      <AnchorCheck />
    </Modal>
  );
}
