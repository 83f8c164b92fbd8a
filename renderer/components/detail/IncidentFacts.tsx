import { useState, type ReactNode } from 'react';
import { jurisdictionName, type Incident, type IncidentPhase, type PiiField } from '../../../contract';
import { describePhase } from '../../lib/describePhase';
import { formatCount } from '../../lib/formatCount';
import { formatDateTime } from '../../lib/formatDateTime';
import { humanize } from '../../lib/humanize';
import { ExerciseBadge } from '../common/ExerciseBadge';
import { Icon } from '../common/Icon';
import { Kbd } from '../common/Kbd';
import { SeverityBadge } from '../common/SeverityBadge';
import { useCan } from '../../hooks/useSession';
import { ErasePersonalDataDialog } from './ErasePersonalDataDialog';
import { Restricted } from './Restricted';

const none = <span className="muted">—</span>;

function Fact({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'fact fact-wide' : 'fact'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A key time as the phase's state says it: skipped and superseded are never shown as a current time. */
function PhaseTime({ phase }: { phase: IncidentPhase }) {
  const d = describePhase(phase);
  if (phase.state === 'skipped') return <span className="phase-skipped" title={d.long}>Skipped · no time</span>;
  if (phase.state === 'superseded') return <span className="phase-superseded" title={d.long}>— <span className="muted small">(superseded: <s>{d.supersededTime}</s>)</span></span>;
  if (phase.at === null) return none;
  return (
    <span title={d.long}>
      <time dateTime={phase.at}>{formatDateTime(phase.at)}</time>
      {phase.state === 'not-reached' && <span className="muted small"> (recorded ahead, not reached)</span>}
      {phase.superseded.length > 0 && <span className="muted small"> · {phase.superseded.length} earlier superseded</span>}
    </span>
  );
}

/**
 * Why personal fields show nothing although the role may read them: erased for good (its key was
 * destroyed, docs/security.md), or sealed because this session's grant is still pending. Without
 * it an empty field would read as "nobody reported it".
 */
function PersonalDataState({ incident }: { incident: Incident }) {
  const pd = incident.personalData;
  if (pd?.state === 'erased') {
    return (
      <p className="banner banner-info small" role="note">
        <span>Personal data erased on <time dateTime={pd.at}>{formatDateTime(pd.at)}</time> by {pd.by} ({pd.reason}): the key was destroyed, and no one can read these values again — nor the answers to runbook steps marked personal.</span>
      </p>
    );
  }
  if (pd?.state === 'withheld' && incident.redacted.length === 0) {
    return (
      <p className="banner banner-warning small" role="note">
        <span>Sealed: your access to personal data is granted when an administrator next signs in. Until then these fields cannot be shown or changed.</span>
      </p>
    );
  }
  return null;
}

/** The read view of an incident; the only view for roles without incident:write. */
export function IncidentFacts({ incident, canWrite, onEdit, onErased }: { incident: Incident; canWrite: boolean; onEdit: () => void; onErased?: () => void }) {
  // Erasing is an administrator's decision (pii:erase) and cannot be undone: asked in a dialog.
  const canErase = useCan('pii:erase') && incident.personalData?.state !== 'erased';
  const [erasing, setErasing] = useState(false);
  const hidden = (f: PiiField): boolean => incident.redacted.includes(f);
  const totalAffected = incident.affected.reduce((n, a) => n + a.count, 0);
  // An empty personal field of an erased or sealed incident is not "none": it cannot be read.
  const unreadable = incident.personalData ? <span className="muted">{incident.personalData.state === 'erased' ? 'Erased' : 'Sealed'}</span> : null;
  return (
    <section className="card" aria-labelledby="details-title">
      <div className="card-header">
        <h2 id="details-title">Details</h2>
        {canWrite && (
          <button type="button" className="btn btn-secondary btn-sm" onClick={onEdit}>
            <Icon name="edit" size={14} />
            Edit details
            <Kbd>e</Kbd>
          </button>
        )}
      </div>
      <div className="card-body">
        <h3 className="section-label">Summary</h3>
        <p className="summary-text">{incident.summary || <span className="muted">No summary yet.</span>}</p>
        <dl className="facts">
          <Fact label="Severity">
            <SeverityBadge severity={incident.severity} long />
            {incident.highestSeverity !== incident.severity && <span className="muted small"> · reached <SeverityBadge severity={incident.highestSeverity} /></span>}
          </Fact>
          <Fact label="Category">{humanize(incident.category)}</Fact>
          <Fact label="Owner">{incident.owner ?? <span className="muted">Unassigned</span>}</Fact>
          <Fact label="Exercise">{incident.exercise ? <ExerciseBadge /> : 'No, a real incident'}</Fact>
          <Fact label="Tags">
            {incident.tags.length ? (
              <span className="tag-list">{incident.tags.map((t) => <span key={t} className="tag">{t}</span>)}</span>
            ) : none}
          </Fact>
        </dl>

        <h3 className="section-label">Key times</h3>
        <dl className="facts facts-3">
          <Fact label="Compromise started">
            {incident.startedAt ? <time dateTime={incident.startedAt}>{formatDateTime(incident.startedAt)}</time> : <span className="muted">Unknown</span>}
          </Fact>
          {incident.phases.map((p) => (
            <Fact key={p.phase} label={humanize(p.phase)}>
              <PhaseTime phase={p} />
            </Fact>
          ))}
        </dl>

        <h3 className="section-label">Impact</h3>
        <dl className="facts">
          <Fact label="Data categories" wide>
            {incident.dataCategories.length ? (
              <span className="tag-list">{incident.dataCategories.map((c) => <span key={c} className="tag tag-data">{humanize(c)}</span>)}</span>
            ) : none}
          </Fact>
          <Fact label="Affected people by jurisdiction" wide>
            {incident.affected.length ? (
              <table className="mini-table">
                <thead><tr><th scope="col">Jurisdiction</th><th scope="col">Place</th><th scope="col" className="num">People</th></tr></thead>
                <tbody>
                  {incident.affected.map((a, i) => {
                    const name = jurisdictionName(a.jurisdiction);
                    return (
                      <tr key={`${a.jurisdiction}-${i}`}>
                        <td className={name === null ? 'mono code-bad' : 'mono'}>{a.jurisdiction}</td>
                        <td>{name ?? <span className="code-bad">not a jurisdiction code</span>}</td>
                        <td className="num">{formatCount(a.count)}</td>
                      </tr>
                    );
                  })}
                </tbody>
                <tfoot><tr><th scope="row" colSpan={2}>Total</th><td className="num">{formatCount(totalAffected)}</td></tr></tfoot>
              </table>
            ) : none}
          </Fact>
        </dl>

        <div className="section-label-row">
          <h3 className="section-label">Reporter and affected people</h3>
          {canErase && (
            <button type="button" className="btn btn-danger-outline btn-sm" onClick={() => setErasing(true)}>
              <Icon name="trash" size={14} />
              Erase personal data…
            </button>
          )}
        </div>
        <PersonalDataState incident={incident} />
        {erasing && (
          <ErasePersonalDataDialog
            incident={incident}
            onClose={() => setErasing(false)}
            onErased={() => {
              setErasing(false);
              onErased?.();
            }}
          />
        )}
        <dl className="facts">
          <Fact label="Reporter name">{hidden('reporterName') ? <Restricted /> : incident.reporterName ?? unreadable ?? none}</Fact>
          <Fact label="Reporter email">{hidden('reporterEmail') ? <Restricted /> : incident.reporterEmail ?? unreadable ?? none}</Fact>
          <Fact label="Reporter phone">{hidden('reporterPhone') ? <Restricted /> : incident.reporterPhone ?? unreadable ?? none}</Fact>
          <Fact label="Affected people" wide>
            {hidden('affectedPeople') ? <Restricted /> : unreadable ?? (incident.affectedPeople.length ? (
              <ul className="people-list">{incident.affectedPeople.map((p) => <li key={p}>{p}</li>)}</ul>
            ) : none)}
          </Fact>
        </dl>
      </div>
    </section>
  );
}
