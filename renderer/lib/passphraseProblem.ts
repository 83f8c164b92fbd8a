const CLASS_NAMES = ['lower-case letters', 'capital letters', 'digits', 'symbols or spaces'];
const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

/**
 * Why a new passphrase is refused, or null. The passphrase guards the vault key offline, where
 * guessing is unlimited, so the UI asks for length and some variety (the backend enforces its
 * own floor as well).
 */
export function passphraseProblem(passphrase: string, userName = ''): string | null {
  if (passphrase.length < 12) return `Use at least 12 characters (${passphrase.length} so far).`;
  const present = CLASSES.map((re) => re.test(passphrase));
  const count = present.filter(Boolean).length;
  if (count < 2) {
    const only = CLASS_NAMES[present.indexOf(true)] ?? 'one kind of character';
    return `It is all ${only}: mix in another kind (capitals, digits, symbols or spaces).`;
  }
  if (/^(.)\1+$/.test(passphrase)) return 'It repeats a single character.';
  const lower = passphrase.toLowerCase();
  if (userName && lower.includes(userName.toLowerCase())) return 'It contains the user name.';
  if (/^(password|passphrase|firebreak|letmein|qwerty|123456)/.test(lower)) return 'It starts with a commonly guessed word.';
  return null;
}
