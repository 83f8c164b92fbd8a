/** What stands in for personal data in a masked or redacted report. */
export const WITHHELD = '[personal data withheld]';

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Masks known personal values wherever they appear in a report's text. The incident's personal
 * fields (reporter name, e-mail and phone, the people affected) are withheld where they are shown;
 * but the same name can be typed into a note, a step's note or a skip reason. So every value those
 * fields ever held (from the incident and its change history) and every value given to a runbook
 * input marked personal is collected first, and each occurrence in any text of the report is
 * replaced — case-insensitively, and for a phone number whatever the spacing of its digits.
 *
 * What it cannot know — a person named in a note and recorded in no personal field — stays; the
 * report says so where it says personal data was masked.
 */
export class PiiScrubber {
  private readonly values = new Set<string>();
  private pattern: RegExp | null = null;

  /** Adds a value (or each value of a list) that is personal data. Very short values are left out: they would mask ordinary words. */
  add(value: unknown): void {
    if (Array.isArray(value)) {
      for (const v of value) this.add(v);
      return;
    }
    if (typeof value !== 'string') return;
    const v = value.trim();
    if (v.length < 3) return;
    this.values.add(v);
    this.pattern = null;
  }

  get size(): number {
    return this.values.size;
  }

  scrub(text: string): string {
    if (this.values.size === 0 || text === '') return text;
    this.pattern ??= this.compile();
    return text.replace(this.pattern, WITHHELD);
  }

  private compile(): RegExp {
    const alternatives = [...this.values]
      // Longest first, so "Jane Doe" is masked whole before "Jane" could be.
      .sort((a, b) => b.length - a.length)
      .map((v) => {
        const digits = v.replace(/\D/g, '');
        // A phone number: its digits with anything but digits between them ("+44 20 7946 0000" = "+442079460000").
        if (/^[+0-9 ()-]+$/.test(v) && digits.length >= 6) return `\\+?${digits.split('').join('[^0-9]{0,3}')}`;
        return escapeRegExp(v).replace(/\s+/g, '\\s+');
      });
    return new RegExp(alternatives.join('|'), 'giu');
  }
}
