import { useClient } from '../../hooks/useClient';
import { useApiResource } from '../../hooks/useApiResource';
import type { Evidence } from '../../../contract';
import { base64ToBytes } from '../../lib/base64ToBytes';
import { formatBytes } from '../../lib/formatBytes';
import { ErrorBanner } from '../common/ErrorBanner';
import { Icon } from '../common/Icon';
import { Modal } from '../common/Modal';
import { Spinner } from '../common/Spinner';

const PREVIEW_BYTES = 256 * 1024;
const HEX_BYTES = 4096;

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  let odd = 0;
  for (const b of sample) if (b === 0 || (b < 9 && b !== 0) || (b > 13 && b < 32)) odd += 1;
  return odd <= sample.length * 0.02;
}

function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let off = 0; off < Math.min(bytes.length, HEX_BYTES); off += 16) {
    const chunk = Array.from(bytes.subarray(off, off + 16));
    const hex = chunk.map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = chunk.map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return lines.join('\n');
}

/**
 * Shows the content as text or a hex dump, never as live HTML or a plugin: evidence is hostile by
 * assumption. Opening it is a custody event (purpose "view").
 */
export function EvidenceViewer({ incidentRef, evidence, onClose }: { incidentRef: string; evidence: Evidence; onClose: () => void }) {
  const client = useClient();
  const content = useApiResource(() => client.call('evidence.get', { ref: incidentRef, id: evidence.id, purpose: 'view' }), [client, incidentRef, evidence.id]);
  const bytes = content.data ? base64ToBytes(content.data.dataBase64) : null;
  const text = bytes && looksLikeText(bytes) ? new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, PREVIEW_BYTES)) : null;
  return (
    <Modal title={evidence.name} onClose={onClose} size="lg">
      {content.loading && <Spinner label="Decrypting and verifying" />}
      {content.error && <ErrorBanner>{content.error.message}</ErrorBanner>}
      {content.data && bytes && (
        <>
          <div className="verify-result is-ok compact" role="status">
            <Icon name="shield" size={16} />
            <span>SHA-256 recomputed on read and matches the hash recorded at intake. This view was recorded in the chain of custody.</span>
          </div>
          <p className="muted small">
            {formatBytes(bytes.length)} · {evidence.mediaType}
            {text !== null && bytes.length > PREVIEW_BYTES && ` · first ${formatBytes(PREVIEW_BYTES)} shown`}
            {text === null && bytes.length > HEX_BYTES && ` · first ${formatBytes(HEX_BYTES)} shown as hex`}
          </p>
          <pre className="evidence-preview">{text ?? hexDump(bytes)}</pre>
        </>
      )}
    </Modal>
  );
}
