/** The 27 EU member states (ISO 3166-1 alpha-2; Greece is GR, not the EU's own "EL"). */
export const EU_MEMBER_STATES = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL',
  'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
] as const;
/** The EEA: the EU plus Iceland, Liechtenstein and Norway (the GDPR applies there through the EEA Agreement). */
export const EEA_STATES = [...EU_MEMBER_STATES, 'IS', 'LI', 'NO'] as const;

/**
 * Whether a place people live in (`DE`, `US-CA`, or plain `US` when the state is not known) is in
 * a regime's selector: a country (which includes its subdivisions), a US state, or a group
 * (EU, EEA, US).
 */
export function jurisdictionMatches(place: string, selector: string): boolean {
  const country = place.slice(0, 2);
  if (selector === 'EU') return (EU_MEMBER_STATES as readonly string[]).includes(country);
  if (selector === 'EEA') return (EEA_STATES as readonly string[]).includes(country);
  if (selector.length === 2) return country === selector;
  return place === selector;
}
