import { describedBy, Field } from '../common/Field';
import { StrengthMeter } from './StrengthMeter';

export interface NewPassphrase {
  passphrase: string;
  confirm: string;
}

/** New passphrase + confirmation + meter; shows why it is refused once the form was submitted. */
export function NewPassphraseFields({
  idPrefix, value, onChange, problem, mismatch, showErrors, label = 'Passphrase',
}: {
  idPrefix: string;
  value: NewPassphrase;
  onChange: (next: NewPassphrase) => void;
  problem: string | null;
  mismatch: boolean;
  showErrors: boolean;
  label?: string;
}) {
  const passId = `${idPrefix}-passphrase`;
  const confirmId = `${idPrefix}-confirm`;
  const passError = showErrors && problem ? problem : undefined;
  const confirmError = showErrors && !problem && mismatch ? 'The two passphrases differ.' : undefined;
  return (
    <>
      <Field id={passId} label={label} error={passError} hint="At least 12 characters, mixing kinds of characters. A few unrelated words work well.">
        <input
          {...describedBy(passId, passError, true)}
          type="password"
          autoComplete="new-password"
          value={value.passphrase}
          onChange={(e) => onChange({ ...value, passphrase: e.target.value })}
          required
        />
        <StrengthMeter passphrase={value.passphrase} />
      </Field>
      <Field id={confirmId} label={`Confirm ${label.toLowerCase()}`} error={confirmError}>
        <input
          {...describedBy(confirmId, confirmError)}
          type="password"
          autoComplete="new-password"
          value={value.confirm}
          onChange={(e) => onChange({ ...value, confirm: e.target.value })}
          required
        />
      </Field>
    </>
  );
}
