import type { ReactNode } from 'react';

/** The body of a multi-select filter: one checkbox per option. */
export function CheckboxList<T extends string>({
  options, selected, onChange, render,
}: { options: readonly T[]; selected: readonly T[]; onChange: (next: T[]) => void; render: (value: T) => ReactNode }) {
  const toggle = (value: T): void => {
    onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);
  };
  return (
    <div className="checkbox-list">
      {options.map((value, i) => (
        <label key={value} className="check-row">
          <input type="checkbox" checked={selected.includes(value)} onChange={() => toggle(value)} autoFocus={i === 0} />
          {render(value)}
        </label>
      ))}
      {selected.length > 0 && (
        <button type="button" className="btn btn-link btn-sm" onClick={() => onChange([])}>
          Clear
        </button>
      )}
    </div>
  );
}
