import { reviewStoredJurisdictions, type Incident } from '../../../contract';
import { ErrorBanner } from '../common/ErrorBanner';

/**
 * Jurisdiction codes saved before codes were checked (UK, XX): named at the top of the incident,
 * with where they are and what the assessment makes of them, until someone corrects them —
 * nothing rewrites them.
 */
export function StoredCodesWarning({ incident, onEdit }: { incident: Incident; onEdit: (() => void) | null }) {
  const notes = reviewStoredJurisdictions({ affected: incident.affected, establishedIn: [] });
  if (notes.length === 0) return null;
  return (
    <div className="stored-code-warning" data-testid="stored-code-warning">
      <ErrorBanner tone="warning">
        <strong>{notes.length === 1 ? 'A jurisdiction code needs correcting' : `${notes.length} jurisdiction codes need correcting`}</strong>
        {' '}in <em>Affected people by jurisdiction</em> (saved before codes were checked; the notification assessment depends on them):
        <ul className="code-notes">{notes.map((n, i) => <li key={`${n.given}-${i}`}>{n.message}</li>)}</ul>
        {onEdit && (
          <button type="button" className="btn btn-secondary btn-sm" onClick={onEdit}>Correct them in Edit details</button>
        )}
      </ErrorBanner>
    </div>
  );
}
