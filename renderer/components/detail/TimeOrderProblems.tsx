import type { TimeOrderConflict } from '../../../contract';
import { formatDateTime } from '../../lib/formatDateTime';
import { timePointLabel } from '../../lib/timePointLabel';
import { Field } from '../common/Field';

/**
 * Times the API refused as out of order: each pair, and a field to keep them anyway with a reason
 * (recorded on the timeline with the pairs). Shown only after the API named them.
 */
export function TimeOrderProblems({ id, conflicts, override, onOverride }: {
  id: string;
  conflicts: readonly TimeOrderConflict[];
  override: string;
  onOverride: (text: string) => void;
}) {
  if (conflicts.length === 0) return null;
  return (
    <div className="banner banner-warning time-order" role="alert">
      <div>
        <p><strong>These times are out of order</strong> (the compromise starts before detection, and each phase comes at or after the one before it):</p>
        <ul className="move-list">
          {conflicts.map((c) => (
            <li key={`${c.later}-${c.earlier}`}>
              {timePointLabel(c.later)} <strong>{formatDateTime(c.laterAt)}</strong> is before {timePointLabel(c.earlier).toLowerCase()} <strong>{formatDateTime(c.earlierAt)}</strong>
            </li>
          ))}
        </ul>
        <p>Correct the time, or keep it and say why (recorded on the timeline with these pairs).</p>
        <Field id={id} label="Why are these times right?">
          <textarea id={id} rows={2} maxLength={2000} value={override} onChange={(e) => onOverride(e.target.value)} />
        </Field>
      </div>
    </div>
  );
}
