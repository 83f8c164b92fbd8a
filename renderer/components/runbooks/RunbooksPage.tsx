import { useState } from 'react';
import type { RunbookSummary } from '../../../contract';
import { useApiResource } from '../../hooks/useApiResource';
import { useClient } from '../../hooks/useClient';
import { useCan } from '../../hooks/useSession';
import { useToasts } from '../../hooks/useToasts';
import { describeError } from '../../lib/describeError';
import { humanize } from '../../lib/humanize';
import { saveBytes } from '../../lib/saveBytes';
import { shortHash } from '../../lib/shortHash';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { Icon } from '../common/Icon';
import { Spinner } from '../common/Spinner';
import { DuplicateRunbookDialog } from './DuplicateRunbookDialog';
import { ImportRunbookDialog } from './ImportRunbookDialog';
import { RunbookProblems } from './RunbookProblems';

const SOURCE_LABEL: Record<RunbookSummary['source'], string> = { 'built-in': 'Built-in', custom: 'Custom' };

/** Built-in and custom runbooks, broken files with their problems; import, export and duplicate. */
export function RunbooksPage() {
  const client = useClient();
  const toasts = useToasts();
  const canManage = useCan('runbook:manage');
  const runbooks = useApiResource(() => client.call('runbooks.list', {}), [client]);
  const [importing, setImporting] = useState(false);
  const [duplicating, setDuplicating] = useState<{ id: string; title: string } | null>(null);

  const exportOne = async (r: RunbookSummary): Promise<void> => {
    if (r.id === null) return;
    const result = await client.call('runbooks.export', { id: r.id, source: r.source });
    if (!result.ok) {
      toasts.show('error', `Could not export ${r.title ?? r.id}`, describeError(result.error));
      return;
    }
    saveBytes(new TextEncoder().encode(result.value.text), result.value.fileName, 'application/yaml');
    toasts.show('success', `Exported ${result.value.fileName}`, `SHA-256 ${shortHash(result.value.contentHash)}`);
  };

  const list = runbooks.data ?? [];
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Runbooks</h1>
          <p className="page-sub">Step-by-step guides for incidents. Built-in ones ship with Firebreak; your own live in the data directory.</p>
        </div>
        {canManage && (
          <button type="button" className="btn btn-primary" onClick={() => setImporting(true)}>
            <Icon name="upload" size={15} />
            Import runbook
          </button>
        )}
      </div>
      {runbooks.error && <ErrorBanner>{describeError(runbooks.error)}</ErrorBanner>}
      {!runbooks.data && runbooks.loading && <Spinner label="Loading runbooks" />}
      {runbooks.data && list.length === 0 && <EmptyState icon="book" title="No runbooks installed" />}
      {list.length > 0 && (
        <div className="table-wrap">
          <table className="data-table runbook-table">
            <thead>
              <tr>
                <th scope="col">Runbook</th>
                <th scope="col">Version</th>
                <th scope="col">Source</th>
                <th scope="col">Suggested for</th>
                <th scope="col" className="num">Steps</th>
                <th scope="col">SHA-256</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => {
                const name = r.title ?? r.file;
                return (
                  <tr key={`${r.source}-${r.file}`} data-runbook={r.id ?? ''} className={r.problems.length ? 'is-broken' : undefined}>
                    <td className="summary-cell">
                      <strong>{name}</strong>
                      {r.id && <span className="muted small mono"> {r.id}</span>}
                      {r.summary && <p className="muted small runbook-summary">{r.summary}</p>}
                      {r.problems.length > 0 && (
                        <>
                          <p className="field-error">Broken: not loaded ({r.problems.length} {r.problems.length === 1 ? 'problem' : 'problems'})</p>
                          <RunbookProblems problems={r.problems} label={`Problems in ${r.file}`} />
                        </>
                      )}
                    </td>
                    <td className="mono">{r.version ?? '—'}</td>
                    <td><span className={r.source === 'custom' ? 'badge role' : 'badge badge-muted'}>{SOURCE_LABEL[r.source]}</span></td>
                    <td className="small">
                      {r.appliesTo ? <>{r.appliesTo.categories.map(humanize).join(', ')}; {r.appliesTo.severityAtLeast} or worse</> : '—'}
                    </td>
                    <td className="num">{r.problems.length ? '—' : r.steps}</td>
                    <td><code className="hash" title={r.contentHash}>{shortHash(r.contentHash, 8, 4)}</code></td>
                    <td className="nowrap">
                      {r.id !== null && r.problems.length === 0 && (
                        <span className="button-row">
                          <button type="button" className="btn btn-ghost btn-sm" onClick={() => void exportOne(r)} aria-label={`Export ${name}`}>
                            <Icon name="download" size={14} /> Export
                          </button>
                          {canManage && (
                            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setDuplicating({ id: r.id ?? '', title: name })} aria-label={`Duplicate ${name}`}>
                              <Icon name="copy" size={14} /> Duplicate
                            </button>
                          )}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {importing && (
        <ImportRunbookDialog
          onClose={() => setImporting(false)}
          onImported={() => {
            setImporting(false);
            void runbooks.reload();
          }}
        />
      )}
      {duplicating && (
        <DuplicateRunbookDialog
          source={duplicating}
          onClose={() => setDuplicating(null)}
          onDuplicated={() => {
            setDuplicating(null);
            void runbooks.reload();
          }}
        />
      )}
    </div>
  );
}
