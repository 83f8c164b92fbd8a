import { Fragment } from 'react';
import { checkJurisdiction, describeMapping, jurisdictionName, type AffectedCount } from '../../../contract';
import { capitalize } from '../../lib/jurisdictionInput';
import { Icon } from '../common/Icon';

/**
 * Counts of affected people per jurisdiction (DE, FR, US-CA …): the input to deadline assessment.
 * Each code is checked as it is typed: a code shows its name (CA is Canada, not California), an
 * alias shows what it will be saved as (UK → GB), anything else is refused here with the nearest
 * codes to pick from. `checkEmpty` flags rows left without a code (after a save was tried).
 */
export function AffectedTable({ id, rows, onChange, checkEmpty = false }: {
  id: string;
  rows: AffectedCount[];
  onChange: (rows: AffectedCount[]) => void;
  checkEmpty?: boolean;
}) {
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
          {rows.map((row, i) => {
            const typed = row.jurisdiction.trim();
            const check = typed === '' && !checkEmpty ? null : checkJurisdiction(row.jurisdiction);
            const hintId = `${id}-row-${i}-code`;
            const invalid = check !== null && !check.ok;
            const needsRow = check !== null && (!check.ok || check.alias !== null);
            return (
              <Fragment key={i}>
                <tr className={needsRow ? 'has-hint' : undefined}>
                  <td>
                    <input
                      className="mono"
                      value={row.jurisdiction}
                      onChange={(e) => update(i, { jurisdiction: e.target.value.toUpperCase() })}
                      aria-label={`Jurisdiction, row ${i + 1}`}
                      aria-invalid={invalid ? true : undefined}
                      aria-describedby={check !== null ? hintId : undefined}
                      placeholder="DE or US-CA"
                      maxLength={60}
                      spellCheck={false}
                    />
                    {check?.ok && check.alias === null && <span className="jurisdiction-name" id={hintId}>{check.name}</span>}
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
                {needsRow && check !== null && (
                  <tr className="affected-hint-row">
                    <td colSpan={3}>
                      {check.ok ? (
                        <p className="jurisdiction-mapped" id={hintId} data-testid="jurisdiction-mapped">
                          <Icon name="check" size={12} />
                          {check.alias && `${describeMapping(check.alias)} — saved as ${check.code}: ${check.alias.why}.`}
                        </p>
                      ) : (
                        <div className="field-error jurisdiction-refused" id={hintId} data-testid="jurisdiction-refused">
                          {capitalize(check.problem)}.
                          {check.suggestions.length > 0 && (
                            <span className="suggestions">
                              {' '}Did you mean{' '}
                              {check.suggestions.map((code) => (
                                <button
                                  key={code}
                                  type="button"
                                  className="btn btn-secondary btn-sm suggestion"
                                  onClick={() => update(i, { jurisdiction: code })}
                                  aria-label={`Use ${code} (${jurisdictionName(code) ?? code}) in row ${i + 1}`}
                                >
                                  <span className="mono">{code}</span> {jurisdictionName(code)}
                                </button>
                              ))}
                            </span>
                          )}
                        </div>
                      )}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      <button type="button" className="btn btn-secondary btn-sm" onClick={() => onChange([...rows, { jurisdiction: '', count: 0 }])}>
        <Icon name="plus" size={14} />
        Add jurisdiction
      </button>
    </div>
  );
}
