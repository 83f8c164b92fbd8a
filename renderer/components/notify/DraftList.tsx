import type { DraftSummary } from '../../../contract';
import { formatDateTime } from '../../lib/formatDateTime';

const STATUS: Record<DraftSummary['status'], string> = { draft: 'Draft', approved: 'Approved', sent: 'Sent' };

/** The incident's notices: each regime and audience, its status and version; a click opens it. */
export function DraftList({ drafts, onOpen }: { drafts: DraftSummary[]; onOpen: (id: string) => void }) {
  return (
    <>
      <h3 className="section-label">Notices</h3>
      <table className="data-table" aria-label="Notices">
        <thead>
          <tr><th scope="col">Regime</th><th scope="col">To</th><th scope="col">Status</th><th scope="col">Version</th><th scope="col"><span className="visually-hidden">Open</span></th></tr>
        </thead>
        <tbody>
          {drafts.map((d) => (
            <tr key={d.id} data-draft={d.id} data-regime={d.regimeId}>
              <td>{d.regimeName}{d.supplementTo && <span className="muted small"> · supplementary</span>}</td>
              <td>{d.audience}</td>
              <td>
                <span className={`badge ${d.status === 'draft' ? 'badge-muted' : 'badge-ok'}`}>{STATUS[d.status]}</span>
                {d.sentAt && <span className="muted small"> {formatDateTime(d.sentAt)}</span>}
                {d.placeholders > 0 && <span className="muted small"> · {d.placeholders} missing</span>}
              </td>
              <td>{d.latestVersion}</td>
              <td><button type="button" className="btn btn-ghost btn-sm" onClick={() => onOpen(d.id)}>Open</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
