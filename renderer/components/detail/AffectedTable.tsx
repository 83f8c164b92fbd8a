import type { AffectedCount } from '../../../contract';
import { Icon } from '../common/Icon';

/** Counts of affected people per jurisdiction (DE, FR, US-CA …): the input to deadline assessment. */
export function AffectedTable({ id, rows, onChange }: { id: string; rows: AffectedCount[]; onChange: (rows: AffectedCount[]) => void }) {
  const update = (i: number, patch: Partial<AffectedCount>): void => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="affected-editor" id={id}>
      <table className="mini-table editable">
        <thead>
          <tr>
            <th scope="col">Jurisdiction</th>
            <th scope="col" className="num">People</th>
            <th scope="col"><span className="visually-hidden">Remove</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              <td>
                <input
                  className="mono"
                  value={row.jurisdiction}
                  onChange={(e) => update(i, { jurisdiction: e.target.value.toUpperCase() })}
                  aria-label={`Jurisdiction, row ${i + 1}`}
                  placeholder="DE or US-CA"
                  maxLength={5}
                />
              </td>
              <td className="num">
                <input
                  type="number"
                  min={0}
                  step={1}
                  value={Number.isFinite(row.count) ? row.count : ''}
                  onChange={(e) => update(i, { count: e.target.value === '' ? 0 : Number(e.target.value) })}
                  aria-label={`People affected, row ${i + 1}`}
                />
              </td>
              <td>
                <button type="button" className="btn btn-ghost btn-icon btn-sm" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={`Remove row ${i + 1}`}>
                  <Icon name="trash" size={14} />
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="btn btn-secondary btn-sm" onClick={() => onChange([...rows, { jurisdiction: '', count: 0 }])}>
        <Icon name="plus" size={14} />
        Add jurisdiction
      </button>
    </div>
  );
}
