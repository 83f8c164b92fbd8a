import { ApiFailure } from '../../../contract';
import { checkPassphraseStrength } from '../../vault';

export function requireStrong(passphrase: string, user: string, field = 'passphrase'): void {
  const why = checkPassphraseStrength(passphrase, user);
  if (why) throw new ApiFailure('VALIDATION', why, { issues: [`${field}: ${why}`] });
}
