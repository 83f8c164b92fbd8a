import type { Severity } from '../../../contract';

const HINT: Record<Severity, string> = {
  SEV1: 'Critical — business stopped or data confirmed out',
  SEV2: 'High — major impact, spreading',
  SEV3: 'Moderate — contained impact',
  SEV4: 'Low — minor or suspected',
};

/** Radio buttons styled as a segmented control: all four choices visible, arrow keys move between them. */
export function SeverityPicker({ id, value, onChange, options }: { id: string; value: Severity; onChange: (s: Severity) => void; options: readonly Severity[] }) {
  return (
    <div className="segmented" role="radiogroup" aria-labelledby={`${id}-label`} id={id}>
      {options.map((s) => (
        <label key={s} className={`segment sev-seg sev-${s.toLowerCase()}${value === s ? ' is-checked' : ''}`} title={HINT[s]}>
          <input type="radio" name={id} value={s} checked={value === s} onChange={() => onChange(s)} />
          <span className="segment-title">{s}</span>
          <span className="segment-hint">{HINT[s].split(' — ')[0]}</span>
        </label>
      ))}
    </div>
  );
}
