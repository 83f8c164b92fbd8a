/**
 * A passphrase guards the data key offline, where an attacker can guess at leisure: require
 * length first (12+), and refuse the obvious. Returns the reason it is refused, or null.
 */
export function checkPassphraseStrength(passphrase: string, userName = ''): string | null {
  if (passphrase.length < 12) return 'the passphrase must be at least 12 characters long';
  if (/^(.)\1+$/.test(passphrase)) return 'the passphrase must not repeat one character';
  const lower = passphrase.toLowerCase();
  if (userName && lower.includes(userName.toLowerCase())) return 'the passphrase must not contain the user name';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(passphrase)).length;
  if (passphrase.length < 16 && classes < 2) return 'use at least 16 characters, or mix letters with digits or symbols';
  if (/^(password|passphrase|firebreak|letmein|qwerty|123456)/.test(lower)) return 'the passphrase starts with a commonly guessed word';
  return null;
}
