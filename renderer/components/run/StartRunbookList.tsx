import { useState } from 'react';
import type { RunbookSuggestion } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useRoute } from '../../hooks/useRoute';
import { describeError } from '../../lib/describeError';
import { ErrorBanner } from '../common/ErrorBanner';
import { Icon } from '../common/Icon';

/** Runbooks to start on this incident: those for its category first (runbooks.suggest ranks them), the rest on request. */
export function StartRunbookList({ incidentRef, suggestions }: { incidentRef: string; suggestions: RunbookSuggestion[] }) {
  const client = useClient();
  const [, navigate] = useRoute();
  const [showAll, setShowAll] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const suggested = suggestions.filter((s) => s.matchesCategory);
  const shown = showAll || suggested.length === 0 ? suggestions : suggested;

  const start = async (s: RunbookSuggestion): Promise<void> => {
    setBusy(s.id);
    setError(null);
    const result = await client.call('runs.start', { ref: incidentRef, runbookId: s.id });
    setBusy(null);
    if (!result.ok) {
      setError(`Could not start ${s.title}: ${describeError(result.error)}`);
      return;
    }
    navigate({ name: 'run', ref: incidentRef, runId: result.value.id });
  };

  return (
    <div className="run-start">
      <h3 className="section-label">Start a runbook</h3>
      {error && <ErrorBanner>{error}</ErrorBanner>}
      {suggestions.length === 0 && <p className="muted small">No valid runbooks are installed.</p>}
      <ul className="run-suggestions" aria-label="Runbooks to start">
        {shown.map((s) => (
          <li key={`${s.source}-${s.id}`}>
            <div>
              <strong>{s.title}</strong> <span className="muted small">v{s.version} · {s.source}</span>
              <div className="tag-list">
                {s.matchesCategory && <span className="tag tag-match">Fits the category</span>}
                {s.matchesCategory && s.matchesSeverity && <span className="tag tag-match">Fits the severity</span>}
                {s.running && <span className="tag">Already running</span>}
              </div>
            </div>
            <button
              type="button"
              className="btn btn-secondary btn-sm"
              onClick={() => void start(s)}
              disabled={busy !== null}
              aria-label={`Start ${s.title}`}
            >
              <Icon name="play" size={12} />
              {busy === s.id ? 'Starting…' : 'Start'}
            </button>
          </li>
        ))}
      </ul>
      {suggested.length > 0 && suggested.length < suggestions.length && (
        <button type="button" className="btn btn-link btn-sm" aria-expanded={showAll} onClick={() => setShowAll((x) => !x)}>
          {showAll ? 'Show only the suggested runbooks' : `Show all ${suggestions.length} runbooks`}
        </button>
      )}
    </div>
  );
}
