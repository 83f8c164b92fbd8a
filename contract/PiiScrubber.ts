/** What stands in for personal data in a masked or redacted text (reports, and the API for roles without `pii:read`). */
export const WITHHELD = '[personal data withheld]';

/**
 * What stands for a whole text when the values to mask are sealed and the personal-data key is not
 * held in this process (no user with pii:read has signed in to it): the text might name them, and
 * masking cannot find them, so none of it is shown (docs/security.md, "Free text").
 */
export const TEXT_WITHHELD = '[text withheld: it may name personal data, which cannot be checked until a user with pii:read signs in]';

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Strings that are identifiers or machine values, never prose: a timestamp, a hex digest, a UUID.
 * Deep scrubbing leaves them alone, since a phone number's digit pattern could otherwise match
 * inside one and break a hash or a time the reader needs intact.
 */
const MACHINE_VALUE = /^(?:\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?|[0-9a-f]{16,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * Keys whose string values are made by Firebreak, never typed about a person: ids, states, kinds,
 * times, digests and user names. When the values to mask are sealed (blind), every other string is
 * withheld whole; these stay, so a run's steps still say which is done and an event who did it.
 */
const STRUCTURAL_KEYS: ReadonlySet<string> = new Set([
  'id', 'ref', 'incidentRef', 'runId', 'runbookId', 'stepId', 'draftId', 'regimeId', 'supplementTo',
  'state', 'status', 'kind', 'type', 'source', 'stage', 'audience', 'channel', 'format', 'outcome', 'severity', 'category', 'highestSeverity', 'csf', 'picerl',
  'at', 'ts', 'createdAt', 'updatedAt', 'startedAt', 'completedAt', 'finishedAt', 'dueAt', 'due', 'deadline',
  'by', 'actor', 'user', 'owner', 'createdBy', 'updatedBy', 'startedBy', 'approvedBy', 'sentBy', 'decidedBy',
  'version', 'contentHash', 'sha256', 'hash', 'mediaType',
]);

/**
 * Masks known personal values wherever they appear in free text. The incident's personal fields
 * (reporter name, e-mail and phone, the people affected) are withheld where they are shown; but the
 * same name can be typed into a note, a review, an action item or a skip reason. So every value
 * those fields ever held (from the incident and its change history, see incidentScrubber) and every
 * value given to a runbook input marked personal is collected first, and each occurrence in any
 * text is replaced — case-insensitively, and for a phone number whatever the spacing of its digits.
 *
 * One class for both places that mask: the reports (main/reports) and the API's answers to roles
 * without `pii:read` (main/api), so a name hidden in one is hidden in the other.
 *
 * What it cannot know — a person named in a note and recorded in no personal field — stays; the
 * report says so where it says personal data was masked.
 */
export class PiiScrubber {
  private readonly values = new Set<string>();
  private pattern: RegExp | null = null;
  private blindfolded = false;
  private maskedCopy: ((text: string) => string | null) | null = null;

  /**
   * The values are sealed and cannot be read here: every non-empty text is shown as its masked
   * copy made earlier by a process that could read them (`maskedCopy`), else withheld whole
   * (TEXT_WITHHELD).
   */
  blind(maskedCopy?: (text: string) => string | null): void {
    this.blindfolded = true;
    if (maskedCopy) this.maskedCopy = maskedCopy;
  }

  get isBlind(): boolean {
    return this.blindfolded;
  }

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
    if (this.blindfolded) return text === '' ? text : (this.maskedCopy?.(text) ?? TEXT_WITHHELD);
    if (this.values.size === 0 || text === '') return text;
    return text.replace(this.compiled(), WITHHELD);
  }

  /**
   * Every string inside a JSON-like value scrubbed (objects and arrays copied, keys kept), except
   * machine values (timestamps, digests, UUIDs) and, when blind, the values of STRUCTURAL_KEYS. For an event's data, whose free text may be in any
   * field (a note's text, a decision's reason, a fact's narrative).
   */
  scrubDeep<T>(value: T): T {
    if (this.values.size === 0 && !this.blindfolded) return value;
    return this.deep(value) as T;
  }

  /**
   * The edit of a masked text turned back into text to store: each WITHHELD marker in `edited`
   * takes, in order, the value it stood for in `original` (the stored text the writer saw masked).
   * Text with no marker is kept as it is (the writer removed what was withheld, or there was none).
   * Null when some markers remain but not one for each hidden value (one removed, added or copied):
   * which value a marker stands for is then unknowable, and the caller refuses instead of guessing.
   */
  restoreWithheld(edited: string, original: string): string | null {
    if (this.blindfolded) return null;
    const markers = edited.split(WITHHELD).length - 1;
    if (markers === 0) return edited;
    const hidden = this.hiddenIn(original);
    if (markers !== hidden.length) return null;
    let i = 0;
    return edited.replace(new RegExp(escapeRegExp(WITHHELD), 'g'), () => hidden[i++] ?? WITHHELD);
  }

  /** The values a masked `text` shows as WITHHELD, in order (a marker typed literally stands for itself). */
  hiddenIn(text: string): string[] {
    const literal = escapeRegExp(WITHHELD);
    const source = this.values.size === 0 ? literal : `${literal}|${this.compiled().source}`;
    return [...text.matchAll(new RegExp(source, 'giu'))].map((m) => m[0]);
  }

  private deep(value: unknown, key?: string): unknown {
    if (typeof value === 'string') {
      if (MACHINE_VALUE.test(value) || (this.blindfolded && key !== undefined && STRUCTURAL_KEYS.has(key))) return value;
      return this.scrub(value);
    }
    if (Array.isArray(value)) return value.map((v) => this.deep(v, key));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.deep(v, k)]));
    }
    return value;
  }

  private compiled(): RegExp {
    this.pattern ??= this.compile();
    // A global pattern keeps lastIndex between exec calls; replace() and matchAll reset it.
    return this.pattern;
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
