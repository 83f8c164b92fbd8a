/** The locale letters to a jurisdiction use for dates: US style for US regimes, British English elsewhere. */
export const letterLocale = (jurisdiction: string): string => (jurisdiction === 'US' || jurisdiction.startsWith('US-') ? 'en-US' : 'en-GB');

/** A day as a letter writes it ("14 March 2026", "March 14, 2026"), in the regime's time zone. */
export function formatLetterDate(iso: string, jurisdiction: string, timeZone: string): string {
  return new Intl.DateTimeFormat(letterLocale(jurisdiction), { year: 'numeric', month: 'long', day: 'numeric', timeZone }).format(new Date(iso));
}

/** An instant with its zone ("13 March 2026 at 11:00 CET"), for authorities that need the hour. */
export function formatLetterTime(iso: string, jurisdiction: string, timeZone: string): string {
  return new Intl.DateTimeFormat(letterLocale(jurisdiction), {
    year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone,
  }).format(new Date(iso));
}
