const WORDS: Record<string, string> = {
  ddos: 'DDoS', mfa: 'MFA', totp: 'TOTP', pii: 'PII', id: 'ID', 'government-id': 'Government ID',
  'business-email-compromise': 'Business email compromise', 'payment-card': 'Payment card',
};

/** "account-takeover" → "Account takeover", for enum values shown to people. */
export function humanize(value: string): string {
  const known = WORDS[value];
  if (known !== undefined) return known;
  const words = value.replace(/([a-z])([A-Z])/g, '$1 $2').split(/[-_.\s]+/).filter(Boolean);
  const text = words.map((w) => WORDS[w.toLowerCase()] ?? w.toLowerCase()).join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
