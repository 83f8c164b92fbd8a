export interface PassphraseScore {
  /** 0 very weak … 4 very strong. */
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
  bits: number;
}

const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'];

/**
 * A rough entropy estimate (pool size × length, discounted for repeats and runs). It only
 * guides the person typing; it is not a security boundary.
 */
export function scorePassphrase(passphrase: string): PassphraseScore {
  let pool = 0;
  if (/[a-z]/.test(passphrase)) pool += 26;
  if (/[A-Z]/.test(passphrase)) pool += 26;
  if (/[0-9]/.test(passphrase)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(passphrase)) pool += 33;
  const unique = new Set(passphrase).size;
  let runs = 0;
  for (let i = 2; i < passphrase.length; i += 1) {
    const a = passphrase.charCodeAt(i - 2);
    const b = passphrase.charCodeAt(i - 1);
    const c = passphrase.charCodeAt(i);
    if (b - a === c - b && Math.abs(c - b) <= 1) runs += 1;
  }
  const effective = Math.max(0, Math.min(passphrase.length, unique * 2) - runs);
  const bits = pool === 0 ? 0 : Math.round(effective * Math.log2(pool));
  const score: PassphraseScore['score'] = bits < 40 ? 0 : bits < 60 ? 1 : bits < 80 ? 2 : bits < 100 ? 3 : 4;
  return { score, label: LABELS[score] ?? '', bits };
}
