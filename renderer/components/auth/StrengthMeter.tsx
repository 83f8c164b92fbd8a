import { scorePassphrase } from '../../lib/scorePassphrase';

export function StrengthMeter({ passphrase }: { passphrase: string }) {
  const { score, label } = scorePassphrase(passphrase);
  const shown = passphrase.length === 0 ? 'Empty' : label;
  return (
    <div className="strength">
      <div
        className={`strength-bar strength-${passphrase.length === 0 ? 'none' : score}`}
        role="meter"
        aria-label="Passphrase strength"
        aria-valuemin={0}
        aria-valuemax={4}
        aria-valuenow={passphrase.length === 0 ? 0 : score}
        aria-valuetext={shown}
      >
        {[0, 1, 2, 3].map((i) => (
          <span key={i} className={passphrase.length > 0 && i <= Math.max(score - 1, 0) ? 'on' : ''} />
        ))}
      </div>
      <span className="strength-label">{shown}</span>
    </div>
  );
}
