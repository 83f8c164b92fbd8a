/** "de, fr us-ca" → ["DE", "FR", "US-CA"]: commas or spaces separate, duplicates dropped, order kept. */
export function parseJurisdictions(text: string): string[] {
  const codes = text.split(/[\s,;]+/).map((c) => c.trim().toUpperCase()).filter(Boolean);
  return [...new Set(codes)];
}
