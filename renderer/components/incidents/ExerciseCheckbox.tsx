/** "Exercise (tabletop or drill)": what ticking it does, said under it. */
export function ExerciseCheckbox({ id, checked, onChange, error }: { id: string; checked: boolean; onChange: (checked: boolean) => void; error?: string | undefined }) {
  return (
    <div className={`field span-2${error ? ' has-error' : ''}`}>
      <label className="check-row" htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={`${id}-hint`} aria-invalid={error ? true : undefined} />
        Exercise (tabletop or drill)
      </label>
      <p className="field-hint" id={`${id}-hint`}>Not a real incident: badged EXERCISE everywhere, every notice and export marked “EXERCISE — NOT A REAL INCIDENT”, left out of KPIs unless asked.</p>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
